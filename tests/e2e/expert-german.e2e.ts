// An expert who reads German: signing in (a wrong password in plain German words), the review queue, one
// invoice review and the payouts page all in German, screenshots at desktop and phone width (no sideways
// scrolling with the longer German words), and the header's language switch turning the page English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiToken,
  baseUrl,
  DEMO_PASSWORD,
  launch,
  resetDemoLocales,
  screenshot,
  settled,
} from './support/browser';
import { createInvoiceTask, processed } from './support/tasks';

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

/** A pasted invoice whose gross is 55 € off: the checks hold it for review. */
const invoiceText = () =>
  [
    'Elektro Krause GmbH',
    'Am Markt 3',
    '01067 Dresden',
    'USt-IdNr. DE811223344',
    '',
    'Rechnungsempfänger:',
    'Bäckerei Sommer',
    'Hauptstraße 8',
    '01069 Dresden',
    '',
    `Rechnungsnummer: ${Date.now()}`,
    'Rechnungsdatum: 12.06.2024',
    '',
    'Beschreibung\tMenge\tEinzelpreis\tBetrag',
    'Austausch Sicherungskasten\t1\t680,00 €\t680,00 €',
    'Arbeitszeit Elektriker\t6\t68,00 €\t408,00 €',
    '',
    'Nettobetrag\t1.088,00 €',
    'MwSt. 19 %\t206,72 €',
    'Gesamtbetrag\t1.349,72 €',
  ].join('\n');

/** Texts of the English dashboard that must not be left on a German page. */
async function expectNoEnglish(page: Page, words: string[]) {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const word of words) expect(text, `“${word}” on a German page`).not.toContain(word);
}

describe('an expert using the dashboard in German', () => {
  it('signs in, reviews an invoice and sees the payouts, all in German', async () => {
    const title = `Rechnung Krause ${Date.now()}`;
    const created = await createInvoiceTask(company, title, { text: invoiceText() });
    const task = await processed(company, created.id);
    expect(task.status).toBe('needs_review');

    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 1280, height: 800 },
      hasTouch: true,
    });
    // The language chosen earlier, as the header's switch remembers it.
    await context.addInitScript(() => localStorage.setItem('engage.locale', 'de'));
    const page = await context.newPage();

    // Sign-in: a wrong password reads as plain German words.
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Bei Engage anmelden' }).waitFor();
    await page.getByLabel('E-Mail').fill('anna@experts.test');
    await page.getByLabel('Passwort').fill('not-the-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('E-Mail oder Passwort ist falsch');
    // The refused sign-in's 401 is logged by the browser; what follows must log nothing.
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
    await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('navigation', { name: 'Hauptmenü' }).waitFor();

    // The review queue.
    await page.goto('/reviews');
    await page.getByRole('heading', { level: 1, name: 'Prüfungen' }).waitFor();
    const row = page.locator(`[data-testid=review-row][data-task-id="${task.id}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('Rechnung');
    const head = await page.locator('thead').first().textContent();
    for (const column of ['Aufgabe', 'Auftrag', 'Art', 'Konfidenz', 'Erstellt'])
      expect(head).toContain(column);
    for (const column of ['Task', 'Engagement', 'Confidence', 'Created']) expect(head).not.toContain(column);
    await settled(page);
    // (Task and engagement titles are the users' own words, in whatever language they wrote them.)
    await expectNoEnglish(page, ['Review queue', 'Tasks whose AI confidence']);
    await screenshot(page, 'expert-review-queue-de');

    // One review: the checks, the invoice's fields, the sums and the decisions in German.
    await row.getByRole('link', { name: title }).click();
    await page.getByTestId('invoice-editor').waitFor();
    await page.getByRole('heading', { level: 2, name: 'KI-Ergebnis' }).waitFor();
    expect(await page.getByTestId('capping-check').textContent()).toContain(
      'Netto plus USt. ergibt nicht den Bruttobetrag',
    );
    expect(await page.getByLabel('Rechnungsnummer').count()).toBe(1);
    expect(await page.getByTestId('party-supplier').getByLabel('USt-IdNr.').count()).toBe(1);
    expect(await page.getByTestId('party-recipient').locator('legend').textContent()).toBe(
      'Rechnungsempfänger',
    );
    expect(await page.getByLabel('Bruttobetrag').inputValue()).toBe('1.349,72');
    expect(await page.getByLabel('Beschreibung, Zeile 1', { exact: true }).inputValue()).toContain(
      'Sicherungskasten',
    );
    expect(await page.getByTestId('sum-gross').textContent()).toContain('eine Differenz von 55,00 EUR');
    expect(await page.locator('[data-field=gross] [data-testid=low-confidence]').textContent()).toContain(
      'Bitte prüfen',
    );
    for (const name of ['Freigeben', 'Mit Korrekturen freigeben', 'Ablehnen'])
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    // A typo in an amount is refused in German, with an example in the document's style.
    await page.getByLabel('Bruttobetrag').fill('10.1x');
    expect(await page.locator('[data-field=gross] .field-error').textContent()).toContain(
      'Kein Betrag: Geben Sie Ziffern ein, z. B. 1.234,56',
    );
    await page.getByLabel('Bruttobetrag').fill('1.349,72');
    await settled(page);
    await expectNoEnglish(page, [
      'Approve',
      'Reject',
      'AI result',
      'Line items',
      'Totals',
      'Supplier',
      'Check this',
      'Net + VAT',
      'Read from',
    ]);
    await screenshot(page, 'expert-review-de');

    // Payouts: the balance, the payouts account and the table's words.
    await page.goto('/payouts');
    await page.getByRole('heading', { level: 2, name: 'Kontostand' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Auszahlungskonto' }).waitFor();
    await page.locator('[data-testid=payouts-account][data-state]').waitFor();
    await settled(page);
    await expectNoEnglish(page, ['Balance', 'Payouts account', 'Connect with Stripe', 'not yet in a payout']);
    await screenshot(page, 'expert-payouts-de');

    // The header's switch turns the same page English at once.
    await page.locator('#header-language').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'Balance' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payouts' }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });
});
