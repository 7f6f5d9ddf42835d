// A company without AI credits: the New task form says so in plain words (the API's 402) and nothing is
// created; the member buys a pack on the Credits page with the test card, and the same task then goes in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, screenshot, settled, signIn } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('a company with no credits', () => {
  it('is told at the New task form, buys a pack, and then creates the task', async () => {
    // Globex starts with no credits in the demo.
    const { page, problems } = await signIn(browser, 'ops@globex.test');
    await page.goto('/engagements/eng_00000000000000000GLOBEXBEN');
    await page.locator('[data-live=live]').waitFor();
    await expect
      .poll(() => page.getByTestId('task-cost').textContent())
      .toContain('your balance is 0 credits');

    const title = `Lead check ${Date.now()}`;
    const create = async () => {
      await page.locator('#task-title').fill(title);
      await page.locator('#task-module').selectOption('LEADS');
      await page.locator('#task-url').fill(`http://localhost:8790/?run=${Date.now()}`);
      await page.getByRole('button', { name: 'Create task' }).click();
    };
    await create();
    const refusal = page.getByTestId('not-enough-credits');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('This costs 3 credits and your balance is 0 credits');
    expect(await page.locator('[data-testid=task-row]', { hasText: title }).count()).toBe(0);
    await screenshot(page, 'company-not-enough-credits');

    await refusal.getByRole('link', { name: 'Buy credits' }).click();
    await page.getByRole('heading', { level: 1, name: 'AI credits' }).waitFor();
    await page.getByRole('button', { name: /^Buy 100 credits/ }).click();
    await page
      .getByTestId('credit-purchase')
      .getByRole('button', { name: /^Pay with test card: / })
      .click();
    await expect.poll(() => page.getByTestId('credit-balance').textContent()).toContain('100');
    await page.locator('tr[data-kind=purchase]').first().waitFor();
    await settled(page);
    await screenshot(page, 'company-credits');

    await page.goto('/engagements/eng_00000000000000000GLOBEXBEN');
    await page.locator('[data-live=live]').waitFor();
    await create();
    await page.locator('[data-testid=task-row]', { hasText: title }).waitFor();
    await expect
      .poll(() => page.getByTestId('task-cost').textContent())
      .toContain('your balance is 97 credits');
    // The browser logs the refused request itself; nothing else may go wrong.
    expect(problems.filter((p) => !p.includes('402 (Payment Required)'))).toEqual([]);
  });
});
