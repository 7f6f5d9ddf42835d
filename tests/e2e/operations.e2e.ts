// Operations in the dashboard: the admin's Overview charts and alerts, a company's Usage charts, and the
// live activity timeline of an engagement.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, baseUrl, launch, screenshot, settled, signIn } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('operations', () => {
  it('shows the admin charts over a chosen range, with the alerts', async () => {
    // The sweep rolls the figures up; run it now rather than wait five minutes.
    await fetch(`${baseUrl()}/__scheduled?cron=*/5+*+*+*+*`);
    const { page, problems } = await signIn(browser, 'admin@engage.test');
    await page.goto('/admin/overview');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await settled(page);
    expect(await page.locator('figure.metric-chart').count()).toBeGreaterThanOrEqual(8);
    await page.locator('#metric-range').selectOption('7d');
    await expect.poll(() => new URL(page.url()).searchParams.get('range')).toBe('7d');
    await settled(page);
    await screenshot(page, 'admin-overview');
    expect(problems).toEqual([]);
  });

  it('shows a company its usage and an engagement’s activity, live', async () => {
    const { page, problems } = await signIn(browser, 'ops@acme.test');
    await page.goto('/usage');
    await page.getByRole('heading', { level: 1, name: 'Usage' }).waitFor();
    await settled(page);
    expect(await page.locator('figure.metric-chart').count()).toBe(6);

    await page.goto('/engagements/eng_000000000000000000ACMEANNA');
    await page.locator('[data-live=live]').waitFor();
    const timeline = page.getByTestId('activity');
    await timeline.waitFor();
    const title = `Timeline check ${Date.now()}`;
    const token = await apiToken('ops@acme.test');
    await fetch(`${baseUrl()}/v1/engagements/eng_000000000000000000ACMEANNA/tasks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, module: 'CTAX', type: 'process_invoice', input: { text: 'Invoice' } }),
    });
    // Created elsewhere; the room tells the page, which shows it at the top of the timeline.
    const created = timeline.locator('li', { hasText: `Task “${title}” created` });
    await created.waitFor();
    expect(await created.textContent()).toContain('Olivia Ops (Acme) (company)');
    await screenshot(page, 'company-activity');
    expect(problems).toEqual([]);
  });
});
