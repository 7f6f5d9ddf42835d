// An expert reviewing an invoice as a bookkeeper: the PDF drawn page by page with each field's box, the
// parties and line items as a form with amounts in the document's own number style (German here), sums
// recomputed as they type, checks and per-field trust in words, and the whole page usable on a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken, launch, screenshot, signIn } from './support/browser';
import { createInvoiceTask, processed, type TaskView } from './support/tasks';

let browser: Browser;
let company: string;
beforeAll(async () => {
  browser = await launch();
  company = await apiToken('ops@acme.test');
});
afterAll(() => browser?.close());

/** A German two-page invoice that needs review: sent a second time, it is held as a duplicate. */
async function germanInvoiceToReview(): Promise<TaskView> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const created = await createInvoiceTask(company, `Rechnung ${Date.now()} (${attempt})`, {
      file: 'invoice-german-invoice-pdf-2-pages.pdf',
    });
    const task = await processed(company, created.id);
    if (task.status === 'needs_review') return task;
  }
  throw new Error('the repeated German invoice was not held for review');
}

const field = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);
const cell = (page: Page, row: number, name: string) =>
  page.getByLabel(`${name}, row ${row}`, { exact: true });

describe('an expert reviewing an invoice', () => {
  it('corrects a line item with live sums, sees each field on the page, and approves', async () => {
    const task = await germanInvoiceToReview();
    const { page, problems } = await signIn(browser, 'anna@experts.test');
    await page.goto(`/reviews/${task.id}`);

    // The PDF is drawn by PDF.js (two pages), with the boxes of the fields it read.
    const viewer = page.getByTestId('review-document');
    await page.locator('.pdf-viewer canvas').waitFor();
    await page.locator('[data-box]').first().waitFor();
    expect(await viewer.getAttribute('data-pages')).toBe('2');
    expect(await page.getByTestId('capping-check').textContent()).toContain(
      'looks like one already processed',
    );

    // The line items as a table, every amount in German style.
    const rows = page.getByTestId('line-item');
    expect(await rows.count()).toBe(4);
    expect(await cell(page, 1, 'Amount').inputValue()).toBe('4.800,00');
    expect(await cell(page, 4, 'Quantity').inputValue()).toBe('12,5');
    expect(await page.getByLabel('Net').inputValue()).toBe('8.435,50');
    expect(await page.getByLabel('Gross').inputValue()).toBe('10.038,25');
    const items = page.getByTestId('sum-items');
    expect(await items.getAttribute('data-state')).toBe('match');

    // Editing an amount updates the sums as they type, and says what is off in words.
    await cell(page, 3, 'Amount').fill('335,50');
    await expect.poll(() => items.getAttribute('data-state')).toBe('mismatch');
    expect(await items.textContent()).toContain('100,00 EUR too much');
    expect(await rows.nth(2).getByTestId('row-mismatch').textContent()).toContain('235,50');
    await cell(page, 3, 'Unit price').fill('335,50');
    expect(await rows.nth(2).getByTestId('row-mismatch').count()).toBe(0);
    // Either separator style is understood; garbage is refused beside the field.
    await page.getByLabel('Net').fill('8,535.50');
    expect(await items.getAttribute('data-state')).toBe('match');
    expect(await page.getByTestId('sum-gross').getAttribute('data-state')).toBe('mismatch');
    await page.getByLabel('Gross').fill('10.1x');
    expect(await field(page, 'gross').locator('.field-error').textContent()).toContain('Not an amount');
    expect(await page.getByRole('button', { name: 'Approve with corrections' }).isDisabled()).toBe(true);
    await page.getByLabel('Gross').fill('10138,25');
    expect(await page.getByTestId('sum-gross').getAttribute('data-state')).toBe('match');

    // A field in the form shows its box on the page, turning to the page it is on.
    await page.getByLabel('Due date').click();
    await expect.poll(() => viewer.getAttribute('data-page')).toBe('2');
    await page.locator('[data-box="due_date"].pdf-box-selected').waitFor();
    // Turning back by hand stays put, and hovering a box there highlights its field.
    await page.getByRole('button', { name: '← Previous page' }).click();
    await page.locator('[data-box="supplier.vat_id"]').hover();
    expect(await field(page, 'supplier.vat_id').getAttribute('class')).toContain('field-hovered');
    expect(await viewer.getAttribute('data-page')).toBe('1');
    await page.getByLabel('Invoice number').click();
    await page.locator('[data-box="invoice_number"].pdf-box-selected').waitFor();
    // Zoom in and back to the column's width; page by page.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: '125 %' }).click();
    await page.getByRole('button', { name: '100 %' }).waitFor();
    await page.getByRole('button', { name: 'Next page →' }).click();
    await expect.poll(() => viewer.getAttribute('data-page')).toBe('2');
    await page.getByRole('button', { name: '← Previous page' }).click();

    // The corrected row selected, seen from the top (the document column is sticky).
    await page.getByLabel('Description, row 3').focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'expert-invoice-review');

    await page.getByLabel('Notes').fill('Travel costs were 335,50 according to the receipt');
    await page.getByRole('button', { name: 'Approve with corrections' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/reviews');

    // Saved in minor units; the one-rate VAT breakdown follows the corrected net.
    const saved = await apiGet<TaskView>(company, `/v1/tasks/${task.id}`);
    const output = saved.output as {
      net: number;
      gross: number;
      line_items: { amount: number; unit_price: number }[];
      vat_breakdown: { net: number }[];
    };
    expect(saved.status).toBe('completed');
    expect(output.line_items[2]).toMatchObject({ amount: 33550, unit_price: 33550 });
    expect(output.net).toBe(853550);
    expect(output.gross).toBe(1013825);
    expect(output.vat_breakdown[0]?.net).toBe(853550);
    expect(problems).toEqual([]);
  });

  it('marks the fields a failed sum concerns, in words, on a pasted invoice', async () => {
    const text = [
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
    const created = await createInvoiceTask(company, `Wrong gross ${Date.now()}`, { text });
    const task = await processed(company, created.id);
    expect(task.status).toBe('needs_review');

    const { page, problems } = await signIn(browser, 'anna@experts.test');
    await page.goto(`/reviews/${task.id}`);
    await page.getByTestId('invoice-editor').waitFor();
    expect(await page.getByTestId('capping-check').textContent()).toContain(
      'Net plus VAT does not add up to the gross amount',
    );
    for (const path of ['net', 'vat_amount', 'gross'])
      expect(await field(page, path).getByTestId('low-confidence').textContent()).toContain('Check this');
    expect(await field(page, 'invoice_number').getByTestId('low-confidence').count()).toBe(0);
    expect(await page.getByTestId('sum-gross').textContent()).toContain('a difference of 55,00 EUR');
    expect(problems).toEqual([]);
  });
});
