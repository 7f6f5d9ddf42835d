// A company member makes a scoped API key in the dashboard: the key is shown once, it can read tasks but is
// refused payments (403 naming the scope), and revoking it stops it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshot, settled, signIn } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('API keys', () => {
  it('are created with scopes, shown once, enforced, and revoked', async () => {
    const { page, problems } = await signIn(browser, 'ops@acme.test');
    await page.goto('/api-keys');
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    const name = `Invoice agent ${Date.now()}`;
    await page.locator('#key-name').fill(name);
    // Default: tasks read and write, files write.
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('api-key-secret');
    await secret.waitFor();
    const key = (await secret.locator('code').textContent())?.trim() ?? '';
    expect(key.startsWith('ek_')).toBe(true);
    const row = page.locator('[data-testid=api-key-row]', { hasText: name });
    expect(await row.textContent()).toContain('tasks:read, tasks:write, files:write');
    await settled(page);
    await screenshot(page, 'company-api-keys');

    const status = (path: string) =>
      page.evaluate(
        async ([p, k]) => (await fetch(p as string, { headers: { Authorization: `Bearer ${k}` } })).status,
        [path, key],
      );
    expect(await status('/v1/tasks')).toBe(200);
    expect(await status('/v1/payments')).toBe(403);

    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect.poll(() => row.getAttribute('data-revoked')).toBe('yes');
    expect(await status('/v1/tasks')).toBe(401);
    // The refusals above are logged by the browser itself.
    expect(problems.filter((p) => !/40[13]/.test(p))).toEqual([]);
  });
});
