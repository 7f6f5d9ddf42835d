// Two people on one engagement: the company's page stays open while the expert approves a task that needed
// review in their own browser; the company sees it turn completed without reloading.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshot, settled, signIn } from './support/browser';

const DEMO = path.resolve(import.meta.dirname, '../../demo');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('an expert reviewing a task', () => {
  it("approves a task with a correction, and the company's open page updates live", async () => {
    const company = await signIn(browser, 'ops@acme.test');
    const expert = await signIn(browser, 'anna@experts.test');

    // The company uploads an invoice whose IBAN fails its checksum: it needs review.
    const page = company.page;
    await page.goto('/engagements/eng_000000000000000000ACMEANNA');
    await page.locator('[data-live=live]').waitFor();
    await page.evaluate(() => Object.assign(window, { engageNoReload: true }));
    const title = `Mistyped IBAN ${Date.now()}`;
    await page.locator('#task-title').fill(title);
    await page.locator('#task-module').selectOption('CTAX');
    await page
      .locator('#task-file')
      .setInputFiles(path.join(DEMO, 'invoice-english-invoice-with-a-mistyped-iban-pdf.pdf'));
    await page.getByRole('button', { name: 'Create task' }).click();
    const row = (status: string) =>
      page.locator(`[data-testid=task-row][data-status=${status}]`, { hasText: title });
    await row('needs_review').waitFor();

    // The expert finds it in the review queue (which also updates live), with the document beside the result.
    const review = expert.page;
    await review.getByRole('link', { name: 'Review queue' }).click();
    await review.getByRole('link', { name: title }).click();
    await review.getByTestId('review-document').waitFor();
    expect(await review.getByTestId('capping-check').textContent()).toContain('IBAN as printed fails');
    // The IBAN as printed is offered for correction: copied in, it still fails its checksum until fixed.
    const iban = review.locator('[data-field=iban]');
    await iban.getByRole('button', { name: 'Use printed value' }).click();
    expect(await review.getByRole('textbox', { name: 'IBAN' }).inputValue()).toBe('GB29NWBK60161331928619');
    expect(await iban.locator('.field-error').textContent()).toContain('fails its checksum');
    await review.getByRole('textbox', { name: 'IBAN' }).fill('GB29 NWBK 6016 1331 9268 19');
    expect(await iban.locator('.field-error').count()).toBe(0);
    await review.getByLabel('Notes').fill('IBAN corrected from the bank letter');
    await screenshot(review, 'expert-review');
    await review.getByRole('button', { name: 'Approve with corrections' }).click();
    await expect.poll(() => new URL(review.url()).pathname).toBe('/reviews');
    expect(await review.getByRole('link', { name: title }).count()).toBe(0);

    // The company's page, never reloaded, shows it completed, with the corrected IBAN and the review.
    await row('completed').waitFor();
    expect(await page.evaluate(() => 'engageNoReload' in window)).toBe(true);
    await row('completed').getByRole('button', { name: title }).click();
    const panel = page.getByTestId('task-panel');
    await expect.poll(() => panel.textContent()).toContain('GB29NWBK60161331926819');
    expect(await panel.textContent()).toContain('IBAN corrected from the bank letter');

    expect(company.problems).toEqual([]);
    expect(expert.problems).toEqual([]);
  });

  it('connects a payouts account (the embedded provider connects at once)', async () => {
    const { page, problems } = await signIn(browser, 'cara@experts.test');
    await page.getByRole('link', { name: 'Payouts' }).click();
    const account = page.getByTestId('payouts-account');
    await page.locator('[data-testid=payouts-account][data-state=none]').waitFor();
    await account.getByRole('button', { name: 'Connect with Stripe' }).click();
    await page.locator('[data-testid=payouts-account][data-state=ready]').waitFor();
    expect(problems).toEqual([]);
  });

  it('sees the requests, payouts and payments pages', async () => {
    const { page, problems } = await signIn(browser, 'anna@experts.test');
    for (const [url, name, heading] of [
      ['/engagements', 'expert-engagements', 'Engagements'],
      ['/reviews', 'expert-review-queue', 'Review queue'],
      ['/payouts', 'expert-payouts', 'Payouts'],
    ] as const) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      await screenshot(page, name);
    }
    expect(problems).toEqual([]);
  });
});

describe('an engagement request', () => {
  it('is sent by a company, accepted by the expert, and turns active on the open page', async () => {
    const company = await signIn(browser, 'ops@globex.test');
    const expert = await signIn(browser, 'anna@experts.test');
    const page = company.page;
    const title = `Tender support ${Date.now()}`;
    await page.goto('/engagements/new');
    // The directory is searched by the API as the company types.
    await page.getByLabel('Find an expert').fill('berger');
    await expect.poll(() => page.locator('input[name=expert_id]').count()).toBe(1);
    await page.locator('input[name=expert_id][value=exp_0000000000000000000000ANNA]').check();
    await page.getByLabel('Title').fill(title);
    await page.locator('input[name=modules][value=TENDER]').check();
    await page.locator('#rate-amount').fill('3,000');
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/engagements\/eng_/);
    const status = page.locator('.page-head [data-status]').first();
    await expect.poll(() => status.getAttribute('data-status')).toBe('pending');
    await page.locator('[data-live=live]').waitFor();

    await expert.page.goto('/engagements');
    await expert.page.getByRole('button', { name: `Accept ${title}` }).click();

    // The company's page was not touched: the room told it.
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('active');
    expect(company.problems).toEqual([]);
    expect(expert.problems).toEqual([]);
  });
});
