// A German-speaking company member: the header's language switch turns the engagement pages German —
// headings, labels, buttons, the rate — and an amount typed the German way ("4.500,00") is stored as 450000
// cents. Both pages fit a phone in German too (German words run longer).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken, launch, resetDemoLocales, screenshot, settled, signIn } from './support/browser';

const ACME_ANNA = 'eng_000000000000000000ACMEANNA';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await resetDemoLocales();
});

describe('a German company member', () => {
  it('sees an engagement in German and requests an expert at a rate typed as 4.500,00', async () => {
    const { page, problems } = await signIn(browser, 'ops@acme.test');
    await page.locator('#header-language').selectOption('de');

    await page.goto(`/engagements/${ACME_ANNA}`);
    await page.locator('[data-live=live]').waitFor();
    for (const heading of ['Details', 'Module', 'Aufgaben', 'Automatisierung', 'Zahlungen', 'Aktivität'])
      await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Neue Aufgabe' }).waitFor();
    await page.getByLabel('Priorität', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Aufgabe anlegen' }).waitFor();
    await page.getByRole('button', { name: 'Auftrag abrechnen' }).waitFor();
    expect(await page.locator('.facts').first().textContent()).toMatch(/4\.500,00\s€ \/ Monat/);
    await expect.poll(() => page.getByTestId('task-cost').textContent()).toContain('Ihr Guthaben beträgt');
    await settled(page);
    await screenshot(page, 'company-engagement-de');

    await page.goto('/engagements/new');
    await page.getByRole('heading', { level: 1, name: 'Experten anfragen' }).waitFor();
    await page.getByLabel('Experten suchen').fill('Lindqvist');
    await expect.poll(() => page.locator('input[name=expert_id]').count()).toBe(1);
    await page.locator('input[name=expert_id]').check();
    // The expert's own rate arrives in German figures, and the module under its name in words.
    expect(await page.locator('#rate-amount').inputValue()).toBe('3.800,00');
    await page.getByRole('checkbox', { name: 'Ausschreibungen (RFP-Auswertung)' }).waitFor();
    const title = `Ausschreibungen ${Date.now()}`;
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.locator('#rate-amount').fill('4.500,00');
    await page.getByLabel('Pro', { exact: true }).selectOption({ label: 'Monat' });
    await settled(page);
    await screenshot(page, 'company-new-engagement-de');
    await page.getByRole('button', { name: 'Anfrage senden' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/engagements\/eng_/);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = await apiGet<{
      title: string;
      rate: { amount: number; currency: string; interval: string };
    }>(await apiToken('ops@acme.test'), `/v1/engagements/${id}`);
    expect(stored.title).toBe(title);
    expect(stored.rate).toEqual({ amount: 450000, currency: 'eur', interval: 'month' });
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.locator('.facts').first().textContent()).toMatch(/4\.500,00\s€ \/ Monat/);
    expect(problems).toEqual([]);
  });

  it('sees the automation, credits and documents pages in German', async () => {
    const { page, problems } = await signIn(browser, 'ops@acme.test');
    await page.evaluate(() => localStorage.setItem('engage.locale', 'de'));
    for (const [url, name, heading, text] of [
      ['/automation', 'company-automation-de', 'Automatisierung', 'Alle Aufträge'],
      ['/credits', 'company-credits-de', 'KI-Guthaben', 'Guthaben kaufen'],
      ['/documents', 'company-documents-de', 'Dokumente', 'Art'],
    ] as const) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      expect(await page.locator('main').textContent()).toContain(text);
      await screenshot(page, name);
    }
    expect(problems).toEqual([]);
  });
});
