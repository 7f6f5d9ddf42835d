// The operator's and a company's working pages in German: an admin who chose German sees the overview, the
// queues and the payout runs in German, with names where ids used to be; a company user switches the header
// to German and sees an extraction and a batch in German. Screenshots at desktop and phone width.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, baseUrl, launch, resetDemoLocales, screenshot, settled, signIn } from './support/browser';

const SEEDED_DEAD_LETTER = 'dlq_000000000000ACMEANNAFAILED';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await resetDemoLocales();
});

/** The page's main area says none of these English words (each checked as a whole word). */
async function expectNoEnglish(page: Page, words: string[]) {
  const text = (await page.locator('main').textContent()) ?? '';
  const found = words.filter((word) => new RegExp(`\\b${word}\\b`).test(text));
  expect(found, `English left on ${new URL(page.url()).pathname}`).toEqual([]);
}

describe('in German', () => {
  it('shows an admin the overview, queues and payout runs in German', async () => {
    // The sweep rolls the figures up; run it now rather than wait five minutes.
    await fetch(`${baseUrl()}/__scheduled?cron=*/5+*+*+*+*`);
    const { page, problems } = await signIn(browser, 'admin@engage.test');
    await page.evaluate(() => localStorage.setItem('engage.locale', 'de'));

    await page.goto('/admin/overview');
    await page.getByRole('heading', { level: 1, name: 'Überblick' }).waitFor();
    await settled(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('heading', { level: 2, name: 'Warnungen' }).waitFor();
    expect(await page.locator('figure.metric-chart figcaption').allInnerTexts()).toContainEqual(
      expect.stringContaining('Erstellte Aufgaben'),
    );
    expect(await page.locator('#metric-range option:checked').textContent()).toBe('24 Stunden');
    await expectNoEnglish(page, ['Alerts', 'Range', 'Tasks created', 'no data', 'As a table', 'Figures']);
    await screenshot(page, 'de-admin-overview');

    await page.goto('/admin/queues');
    await page
      .getByRole('heading', { level: 1, name: 'Warteschlangen und unzustellbare Nachrichten' })
      .waitFor();
    await settled(page);
    // Queues and what a dead letter carried by name: the task's title and its company, not their ids.
    expect(
      await page.locator('[data-testid=queue-row][data-queue=engage-tasks] td').first().textContent(),
    ).toContain('Aufgaben');
    const letter = page.locator(`[data-testid=dead-letter-row][data-id=${SEEDED_DEAD_LETTER}]`);
    expect(await letter.textContent()).toContain('Aufgabe: Office supplies invoice');
    expect(await letter.textContent()).toContain('Acme GmbH');
    await expectNoEnglish(page, [
      'Refresh',
      'Queue',
      'Backlog',
      'Dead letters',
      'Attempts',
      'Redrive',
      'Not yet',
    ]);
    await screenshot(page, 'de-admin-queues');

    await page.goto('/admin/payouts');
    await page.getByRole('heading', { level: 1, name: 'Auszahlungsläufe' }).waitFor();
    await page.getByRole('button', { name: 'Ausstehende Auszahlungen ausführen' }).click();
    await page.locator('[data-testid=run-result][data-kind=process]').waitFor();
    expect(await page.locator('#run-result-heading').textContent()).toBe('Ausgeführt');
    await page.getByRole('button', { name: 'Mit Anbieter abgleichen' }).click();
    await page
      .locator('[data-testid=reconciliation-ok], [data-testid=reconciliation-findings]')
      .first()
      .waitFor();
    await settled(page);
    await expectNoEnglish(page, [
      'Prepare',
      'Process',
      'Recent runs',
      'Kind',
      'Started',
      'Reconciliation',
      'by hand',
    ]);
    await screenshot(page, 'de-admin-payout-runs');
    expect(problems).toEqual([]);
  });

  it('shows a company an extraction and a batch in German, chosen in the header', async () => {
    const { page, problems } = await signIn(browser, 'ops@acme.test');
    await page.locator('#header-language').selectOption('de');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('engage.locale'))).toBe('de');

    await page.goto('/extractions');
    await page.getByLabel('Website-Adresse').fill(`http://localhost:8790/?german=${Date.now()}`);
    await page.getByRole('button', { name: 'Website auswerten' }).click();
    await page
      .locator('[data-testid=extraction-progress][data-status=completed]')
      .waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('entity-row').count()).toBeGreaterThan(3);
    await page.getByRole('heading', { level: 2, name: /^Kontaktdaten \(\d+\)$/ }).waitFor();
    expect(await page.locator('[data-testid=entity-row][data-type=VAT_ID] td').first().textContent()).toBe(
      'USt-IdNr.',
    );
    await page.getByRole('button', { name: 'Als CSV exportieren' }).waitFor();
    await expectNoEnglish(page, ['Progress', 'Started', 'Completed', 'Entities', 'Pages fetched', 'Value']);
    await screenshot(page, 'de-company-extraction');

    // A batch of two sites, started through the API; its page follows it to the end.
    const token = await apiToken('ops@acme.test');
    const created = await fetch(`${baseUrl()}/v1/extraction-batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        urls: [
          `http://localhost:8790/?german-batch=${Date.now()}`,
          `http://localhost:8791/?german-batch=${Date.now()}`,
        ],
      }),
    });
    expect(created.status).toBe(202);
    const batch = (await created.json()) as { id: string };
    await page.goto(`/extraction-batches/${batch.id}`);
    await page.getByRole('heading', { level: 1, name: /^Liste vom / }).waitFor();
    await expect
      .poll(() => page.locator('[data-testid=batch-progress]').getAttribute('aria-valuenow'), {
        timeout: 30_000,
      })
      .toBe('2');
    await page.getByRole('button', { name: 'Angereicherte CSV herunterladen' }).waitFor();
    await page.getByText('2 von 2 Zeilen erledigt').waitFor();
    await settled(page);
    await expectNoEnglish(page, ['Batch', 'Rows', 'Started', 'Finished', 'Status: All', 'rows done']);
    await screenshot(page, 'de-company-batch');
    expect(problems).toEqual([]);
  });
});
