import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, screenshot, signIn } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('signing in', () => {
  it('shows the problem next to the form for a wrong password, and nothing is lost', async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto('/engagements');
    // A visitor is sent to sign-in, and back to where they were going afterwards.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill('ops@acme.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Wrong email or password');
    expect(await page.getByLabel('Email').inputValue()).toBe('ops@acme.test');
    await screenshot(page, 'sign-in');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/engagements');
    await context.close();
  });

  it('signs up a new company, with the problem beside the field first', async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto('/signup');
    await page.getByLabel('Your name').fill('Nora New');
    await page.getByLabel('Company name').fill('Newco GmbH');
    await page.getByLabel('Email').fill(`nora+${Date.now()}@newco.test`);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The API's 422 for the password appears next to the password field.
    await expect.poll(() => page.locator('#password-error').textContent()).toMatch(/10/);
    await page.getByLabel('Password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.locator('.whoami').textContent()).toContain('Nora New');
    await context.close();
  });

  it('works from the keyboard alone: sign in, focus on the page, navigation', async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto('/login');
    await page.keyboard.press('Tab'); // the email field comes first
    await page.keyboard.type('ops@acme.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-password');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // A page change moves focus to the main content (screen readers start there), the navigation is behind.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Back through the account area and the notification bell, then the links from the last.
    let focused = '';
    for (let i = 0; i < 16 && focused !== 'Extractions'; i++) {
      await page.keyboard.press('Shift+Tab');
      focused = (await page.evaluate(() => document.activeElement?.textContent)) ?? '';
    }
    expect(focused).toBe('Extractions');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Extractions' }).waitFor();
    await context.close();
  });

  it.each([
    ['admin@engage.test', ['Home', 'Queues', 'Breakers', 'Emails', 'Payout runs']],
    ['ops@acme.test', ['Home', 'Engagements', 'Extractions', 'Payments']],
    ['anna@experts.test', ['Home', 'Engagements', 'Review queue', 'Payouts']],
  ])('%s sees the navigation of their role', async (email, links) => {
    const { page, context, problems } = await signIn(browser, email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of links) await expect.poll(() => nav.getByRole('link', { name: link }).count()).toBe(1);
    const menu = page.locator('#main-nav'); // a hidden navigation has no role to find it by
    // On a phone the navigation opens from the menu button; every link of the role is then whole on screen
    // (the point at its centre is the link itself: not clipped, not covered) and a tap leads to its page.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await menu.isVisible()).toBe(false);
    const count = await menu.locator('a').count();
    expect(count).toBeGreaterThanOrEqual(links.length);
    for (let i = 0; i < count; i++) {
      await page.getByRole('button', { name: 'Menu' }).tap();
      const hidden = await menu.evaluate((element) =>
        Array.from(element.querySelectorAll('a'))
          .filter((a) => {
            const box = a.getBoundingClientRect();
            const centre = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return box.x < 0 || box.right > window.innerWidth || centre?.closest('a') !== a;
          })
          .map((a) => a.textContent?.trim()),
      );
      expect(hidden).toEqual([]);
      const link = menu.locator('a').nth(i);
      const href = await link.getAttribute('href');
      await link.tap();
      // The page opened and the menu closed again, out of the page's way.
      await expect.poll(() => new URL(page.url()).pathname).toBe(href);
      await expect.poll(() => menu.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await page.getByRole('button', { name: 'Menu' }).tap();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    expect(problems).toEqual([]);
    await context.close();
  });
});
