// Accounts as an admin manages them: find a person, disable them (a reason asked for, kept in the audit log),
// see they can no longer sign in, and enable them again — the demo expert Cara is back as she was at the end.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken, baseUrl, launch, screenshot, signIn, type UserPage } from './support/browser';

const CARA = 'cara@experts.test';
let browser: Browser;
let admin: UserPage;

const caraSignsIn = async () =>
  (
    await fetch(`${baseUrl()}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: CARA, password: 'demo-password' }),
    })
  ).status;

beforeAll(async () => {
  browser = await launch();
  admin = await signIn(browser, 'admin@engage.test');
});

afterAll(async () => {
  // Whatever happened above, Cara can sign in again afterwards.
  const token = await apiToken('admin@engage.test');
  const { data } = await apiGet<{ data: { id: string }[] }>(token, `/v1/admin/users?q=${CARA}`);
  for (const user of data)
    await fetch(`${baseUrl()}/v1/admin/users/${user.id}/enable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  await browser?.close();
});

describe('Accounts (admin)', () => {
  it('disables a person with a reason and enables them again, both in the audit log', async () => {
    const { page, problems } = admin;
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.getByRole('searchbox').fill(CARA);
    const row = page.locator('[data-testid=user-row]', { hasText: CARA });
    await expect.poll(() => page.locator('[data-testid=user-row]').count()).toBe(1);
    await row.waitFor();

    page.once('dialog', (dialog) => void dialog.accept('Left the platform'));
    await row.getByRole('button', { name: /^Disable / }).click();
    await page.locator('[data-testid=user-row][data-disabled=true]', { hasText: CARA }).waitFor();
    expect(await row.textContent()).toContain('Disabled since');
    expect(await caraSignsIn()).toBe(401);
    await screenshot(page, 'admin-users');

    await page.goto('/admin/audit-log?action=user.disable');
    const entry = page.locator('[data-testid=audit-row]', { hasText: CARA }).first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Reason: Left the platform');

    await page.goto(`/admin/users?q=${encodeURIComponent(CARA)}`);
    await row.getByRole('button', { name: /^Enable / }).click();
    await page.locator('[data-testid=user-row][data-disabled=false]', { hasText: CARA }).waitFor();
    expect(await caraSignsIn()).toBe(200);
    expect(problems).toEqual([]);
  });
});
