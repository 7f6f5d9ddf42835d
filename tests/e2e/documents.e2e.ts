// Documents in the dashboard: the company opens the invoice of its billed period as a PDF (from the
// Documents page and from the payment row); after a payout the expert opens their self-billing statement
// from the payout's page. Both pages fit a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../src/modules/payouts/week';
import { apiToken, baseUrl, launch, screenshot, settled, signIn } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/**
 * Clicks a document button: the page asks for a signed URL and opens it in a new tab. What that URL serves
 * is fetched here again (the tab's own response is Chromium's PDF viewer's to read).
 */
async function openedPdf(page: Page, click: () => Promise<void>) {
  const signed = page.waitForResponse((r) =>
    /\/v1\/documents\/doc_[^/]+\/url$/.test(new URL(r.url()).pathname),
  );
  const tab = page.context().waitForEvent('page');
  await click();
  const { url } = (await (await signed).json()) as { url: string };
  await tab;
  const response = await fetch(`${url}&disposition=inline`);
  return { status: response.status, type: response.headers.get('content-type') };
}

describe('documents', () => {
  it('shows the company its invoices and opens one as a PDF', async () => {
    const { page, problems } = await signIn(browser, 'ops@acme.test');
    await page.goto('/documents');
    await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
    const row = page.locator('[data-testid=document-row][data-kind=invoice]').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/INV-\d{4}-\d{6}/);
    await settled(page);
    await screenshot(page, 'company-documents');
    expect(await openedPdf(page, () => row.getByTestId('document-download').click())).toEqual({
      status: 200,
      type: 'application/pdf',
    });

    await page.goto('/payments');
    const invoice = page.locator('[data-testid=payment-row]').getByRole('button', { name: 'PDF' }).first();
    await invoice.waitFor();
    expect((await openedPdf(page, () => invoice.click())).type).toBe('application/pdf');
    expect(problems).toEqual([]);
  });

  it('gives the expert the self-billing statement of a payout', async () => {
    const admin = await apiToken('admin@engage.test');
    const week = isoWeekOf(new Date());
    for (const [path, body] of [
      ['/v1/admin/payouts/prepare', { week }],
      ['/v1/admin/payouts/process', undefined],
    ] as const) {
      await fetch(`${baseUrl()}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    }
    // The statement is rendered after the payout completes (by its event's handler): wait for it as a user
    // would, by looking again, before opening the page.
    const ben = await apiToken('ben@experts.test');
    await expect
      .poll(
        async () => {
          const response = await fetch(`${baseUrl()}/v1/documents?kind=payout_statement`, {
            headers: { authorization: `Bearer ${ben}` },
          });
          return ((await response.json()) as { data: unknown[] }).data.length;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const { page, problems } = await signIn(browser, 'ben@experts.test');
    await page.goto('/documents?kind=payout_statement');
    const row = page.locator('[data-testid=document-row][data-kind=payout_statement]').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('GS-0001');
    await settled(page);
    await screenshot(page, 'expert-documents');

    await page.goto('/payouts');
    await page.locator('a[href^="/payouts/po_"]').first().click();
    const statement = page.getByRole('button', { name: /Gutschrift GS-\d{4}/ });
    await statement.waitFor();
    expect((await openedPdf(page, () => statement.click())).type).toBe('application/pdf');
    expect(problems).toEqual([]);
  });
});
