// Finding things: a list's search, sort and filters live in the URL, narrow the rows through the API, and
// survive a reload — on a company's engagements and payments, with the controls usable on a phone, and on the
// admin's dead letters and emails (the same list component, filters only).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, baseUrl, launch, screenshot, settled, signIn, type UserPage } from './support/browser';

const ANNA = 'exp_0000000000000000000000ANNA';
const ACME_ANNA = 'eng_000000000000000000ACMEANNA';
// Unique to this run: the demo and the other flows' rows never match it.
const stamp = `zq${Date.now().toString(36)}`;

let browser: Browser;
let company: UserPage;

async function post(token: string, pathname: string, body: unknown) {
  const response = await fetch(`${baseUrl()}${pathname}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  browser = await launch();
  company = await signIn(browser, 'ops@acme.test');
  const token = await apiToken('ops@acme.test');
  for (const word of ['alpha', 'Beta', 'gamma']) {
    await post(token, '/v1/engagements', {
      expert_id: ANNA,
      title: `${word} desk ${stamp}`,
      modules: ['TENDER'],
      rate: { amount: 100_000, currency: 'eur', interval: 'month' },
    });
  }
  for (const currency of ['eur', 'usd', 'usd']) {
    await post(token, `/v1/engagements/${ACME_ANNA}/payments`, {
      amount: 5_000,
      currency,
      description: `Lists ${stamp} ${currency}`,
    });
  }
});
afterAll(() => browser?.close());

const query = (page: Page) => new URL(page.url()).searchParams;
const titles = (page: Page) =>
  page
    .locator('[data-testid=engagement-row] td:first-child a')
    .evaluateAll((links) => links.map((a) => a.textContent));

describe('a list', () => {
  it('keeps its search and sort in the URL, and a reload shows the same rows in the same order', async () => {
    const { page, problems } = company;
    await page.goto('/engagements');
    await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
    await settled(page);

    await page.getByLabel('Search', { exact: true }).fill(stamp);
    await expect.poll(() => query(page).get('q')).toBe(stamp);
    await expect
      .poll(() => titles(page))
      .toEqual([`gamma desk ${stamp}`, `Beta desk ${stamp}`, `alpha desk ${stamp}`]);

    await page.getByLabel('Sort by').selectOption({ label: 'Title A–Z' });
    await expect.poll(() => query(page).get('sort')).toBe('title');
    const sorted = [`alpha desk ${stamp}`, `Beta desk ${stamp}`, `gamma desk ${stamp}`];
    await expect.poll(() => titles(page)).toEqual(sorted);

    // Two words: both must match.
    await page.getByLabel('Search', { exact: true }).fill(`${stamp} beta`);
    await expect.poll(() => titles(page)).toEqual([`Beta desk ${stamp}`]);
    await page.getByLabel('Search', { exact: true }).fill(stamp);
    await expect.poll(() => titles(page)).toEqual(sorted);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
    expect(await page.getByLabel('Search', { exact: true }).inputValue()).toBe(stamp);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('title');
    await expect.poll(() => titles(page)).toEqual(sorted);
    expect(query(page).get('q')).toBe(stamp);
    expect(query(page).get('sort')).toBe('title');

    // A status filter narrows further (all three are pending requests) and goes in the URL too.
    await page.getByRole('checkbox', { name: 'Active' }).check();
    await expect.poll(() => query(page).get('status')).toBe('active');
    await page.getByText('Nothing matches').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
    await expect.poll(() => page.url()).toBe(`${baseUrl()}/engagements`);
    // The field follows the URL on the next render (the CI run caught it a frame early).
    await expect.poll(() => page.getByLabel('Search', { exact: true }).inputValue()).toBe('');

    await page.getByLabel('Search', { exact: true }).fill(stamp);
    await expect.poll(() => titles(page)).toHaveLength(3);
    await screenshot(page, 'company-engagements-search');
    expect(problems).toEqual([]);
  });

  it('filters payments by currency and status, kept through a reload', async () => {
    const { page, problems } = company;
    await page.goto(`/payments?q=${stamp}`);
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    const rows = page.locator('[data-testid=payment-row]');
    await expect.poll(() => rows.count()).toBe(3);

    await page.getByLabel('Currency', { exact: true }).selectOption('usd');
    await expect.poll(() => query(page).get('currency')).toBe('usd');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('checkbox', { name: 'Pending' }).check();
    await expect.poll(() => query(page).get('status')).toBe('pending');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Sort by').selectOption({ label: 'Amount, highest first' });
    await expect.poll(() => query(page).get('sort')).toBe('-amount');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    expect(await page.getByLabel('Currency', { exact: true }).inputValue()).toBe('usd');
    expect(await page.getByRole('checkbox', { name: 'Pending' }).isChecked()).toBe(true);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(`Lists ${stamp} usd`);

    await page.getByRole('checkbox', { name: 'Paid' }).check();
    await expect.poll(() => query(page).get('status')).toBe('pending,paid');
    await page.getByLabel('Currency', { exact: true }).selectOption('');
    await expect.poll(() => query(page).has('currency')).toBe(false);
    await expect.poll(() => rows.count()).toBe(3);
    await screenshot(page, 'company-payments-filters');
    expect(problems).toEqual([]);
  });

  it("keeps an admin list's filters in the URL through a reload: dead letters by queue, emails by recipient", async () => {
    const { page, problems } = await signIn(browser, 'admin@engage.test');
    await page.goto('/admin/queues');
    const letters = page.locator('[data-testid=dead-letter-row]');
    await letters.first().waitFor();
    await page.getByLabel('Queue', { exact: true }).selectOption('engage-tasks');
    await expect.poll(() => query(page).get('queue')).toBe('engage-tasks');
    await page.reload();
    await letters.first().waitFor();
    expect(await page.getByLabel('Queue', { exact: true }).inputValue()).toBe('engage-tasks');
    const queues = await letters.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-queue')));
    expect(new Set(queues)).toEqual(new Set(['engage-tasks']));

    await page.goto('/admin/emails');
    const emails = page.locator('[data-testid=email-row]');
    await emails.first().waitFor();
    await page.getByLabel('Recipient', { exact: true }).fill('ops@acme.test');
    await expect.poll(() => query(page).get('to')).toBe('ops@acme.test');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Emails' }).waitFor();
    expect(await page.getByLabel('Recipient', { exact: true }).inputValue()).toBe('ops@acme.test');
    await settled(page);
    for (const row of await emails.all()) expect(await row.textContent()).toContain('ops@acme.test');
    expect(problems).toEqual([]);
  });
});
