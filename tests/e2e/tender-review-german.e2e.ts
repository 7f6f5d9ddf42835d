// An expert reviews a tender's result in German: the budget is shown and typed in German style (1.250.000,00)
// and stored in minor units, the deadline is a date-and-time input, and approving with a corrected budget
// books exactly what was typed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiGet,
  apiToken,
  baseUrl,
  DEMO_PASSWORD,
  launch,
  resetDemoLocales,
  screenshot,
  settled,
} from './support/browser';
import { ACME_ANNA, processed, type TaskView } from './support/tasks';

let browser: Browser;
let company: string;
beforeAll(async () => {
  browser = await launch();
  company = await apiToken('ops@acme.test');
});
afterAll(async () => {
  await browser?.close();
  await resetDemoLocales();
});

/** A tender whose deadline comes before its publication: the checks hold it for review. */
const tenderText = (reference: string) =>
  [
    'AUSSCHREIBUNG',
    'Titel: Winterdienst Streugut 2026/27',
    'Auftraggeber: Stadt Ostfeld',
    `Vergabenummer: ${reference}`,
    'Veröffentlichung: 2. September 2026',
    'Angebotsfrist: 29. August 2026, 12:00 Uhr',
    'Geschätzter Auftragswert: 1.250.000,00 EUR',
    'Los 1 - Nord',
    'Los 2 - Süd',
  ].join('\n');

describe('a tender reviewed in German', () => {
  it('shows and takes the budget in German style and books it in minor units', async () => {
    const reference = `OF-${Date.now()}`;
    const title = `Ausschreibung ${reference}`;
    const response = await fetch(`${baseUrl()}/v1/engagements/${ACME_ANNA}/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${company}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title,
        module: 'TENDER',
        type: 'parse_rfp',
        input: { text: tenderText(reference) },
      }),
    });
    expect(response.status).toBe(202);
    const task = await processed(company, ((await response.json()) as TaskView).id);
    expect(task.status).toBe('needs_review');

    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    await context.addInitScript(() => localStorage.setItem('engage.locale', 'de'));
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-Mail').fill('anna@experts.test');
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`/reviews/${task.id}`);

    const budget = page.getByLabel('Budget', { exact: true });
    await budget.waitFor();
    // Why it waits for a person, in German words, not the check's code.
    expect(await page.getByTestId('capping-check').textContent()).toContain(
      'Die Angebotsfrist passt nicht zu den anderen Daten der Bekanntmachung',
    );
    expect(await budget.inputValue()).toBe('1.250.000,00');
    const deadline = page.getByLabel('Angebotsfrist', { exact: true });
    expect(await deadline.getAttribute('type')).toBe('datetime-local');
    expect(await deadline.inputValue()).toBe('2026-08-29T12:00');

    await budget.fill('1.300.000,50');
    await settled(page);
    await screenshot(page, 'expert-tender-review-de-phone');
    await page.getByRole('button', { name: 'Mit Korrekturen freigeben', exact: true }).click();
    await expect
      .poll(async () => (await apiGet<TaskView>(company, `/v1/tasks/${task.id}`)).status)
      .toBe('completed');
    const done = await apiGet<TaskView & { output: { budget: { amount: number; currency: string } } }>(
      company,
      `/v1/tasks/${task.id}`,
    );
    expect(done.output.budget).toEqual({ amount: 130000050, currency: 'eur' });
    await context.close();
  });
});
