// The audit log as an admin reads it: who did what, in words (English and German), the record linked where it
// has a page, filters in the URL — and on a phone the table scrolls in its own box with "When" kept in view.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiGet,
  apiToken,
  baseUrl,
  launch,
  resetDemoLocales,
  screenshot,
  settled,
  signIn,
  type UserPage,
} from './support/browser';

const ACME_ANNA = 'eng_000000000000000000ACMEANNA';
const stamp = `audit-${Date.now().toString(36)}`;

let browser: Browser;
let admin: UserPage;
let title: string;

async function post(token: string, pathname: string, body?: unknown) {
  const response = await fetch(`${baseUrl()}${pathname}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  browser = await launch();
  admin = await signIn(browser, 'admin@engage.test');
  const token = await apiToken('admin@engage.test');
  const { org } = await apiGet<{ org: { id: string } }>(await apiToken('ops@acme.test'), '/v1/me');
  title = (await apiGet<{ title: string }>(token, `/v1/engagements/${ACME_ANNA}`)).title;
  await post(token, '/v1/admin/credits/grants', { org_id: org.id, credits: 5, note: stamp });
  await post(token, `/v1/engagements/${ACME_ANNA}/billing/pause`);
  await post(token, `/v1/engagements/${ACME_ANNA}/billing/resume`);
});
afterAll(async () => {
  await browser?.close();
  await resetDemoLocales();
});

describe('the audit log', () => {
  it('says who did what, links the record, and filters through the URL', async () => {
    const { page, problems } = admin;
    await page.goto('/admin/audit-log');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await settled(page);
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.first().getAttribute('data-action')).toBe('billing.resume');
    await expect.poll(() => rows.first().textContent()).toContain(`Resumed the billing of “${title}”`);
    const grant = page.locator('[data-testid=audit-row][data-action="credits.grant"]', { hasText: stamp });
    expect(await grant.textContent()).toContain('5 AI credits');
    expect(await grant.textContent()).toContain(`Note: ${stamp}`);
    await screenshot(page, 'admin-audit-log');

    await rows.first().getByRole('link', { name: 'Engagement' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/engagements/${ACME_ANNA}`);
    await page.goBack();

    await page.getByLabel('Action').selectOption('credits.grant');
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('credits.grant');
    await expect
      .poll(() => rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-action'))))
      .toEqual(expect.arrayContaining(['credits.grant']));
    expect(
      new Set(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-action')))),
    ).toEqual(new Set(['credits.grant']));

    await grant.getByRole('link', { name: 'Platform Admin' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('actor_id')).toMatch(/^usr_/);
    await grant.waitFor();
    expect(problems).toEqual([]);
  });

  it('reads in German, and on a phone scrolls the table in its box with the time in view', async () => {
    const { page, problems } = admin;
    await page.evaluate(() => localStorage.setItem('engage.locale', 'de'));
    await page.goto('/admin/audit-log');
    await page.getByRole('heading', { level: 1, name: 'Audit-Protokoll' }).waitFor();
    await settled(page);
    const first = page.getByTestId('audit-row').first();
    await expect.poll(() => first.textContent()).toContain(`Abrechnung von „${title}“ fortgesetzt`);
    const grant = page.locator('[data-testid=audit-row][data-action="credits.grant"]', { hasText: stamp });
    expect(await grant.textContent()).toContain('5 KI-Credits gutgeschrieben');

    await page.setViewportSize({ width: 390, height: 844 });
    const layout = await page.evaluate(() => {
      const box = document.querySelector('.table-wrap');
      const cell = document.querySelector('[data-testid=audit-row] td');
      return {
        page: document.documentElement.scrollWidth,
        scrolls: box ? box.scrollWidth > box.clientWidth : false,
        sticky: cell ? getComputedStyle(cell).position : null,
      };
    });
    expect(layout).toEqual({ page: 390, scrolls: true, sticky: 'sticky' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'admin-audit-log-de');
    await page.evaluate(() => localStorage.setItem('engage.locale', 'en'));
    expect(problems).toEqual([]);
  });
});
