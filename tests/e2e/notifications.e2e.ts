// The notification centre: an expert's bell counts what concerns them as it happens (a request, a task to
// review) without a reload, opening a notification leads to its page and counts the bell down, "Mark all
// read" empties it; on a phone the bell stays in the bar beside the menu button.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken, baseUrl, launch, screenshot, signIn } from './support/browser';
import { createInvoiceTask, DEMO } from './support/tasks';

const ANNA = 'exp_0000000000000000000000ANNA';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function post<T>(token: string, pathname: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${pathname}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('the notification centre', () => {
  it('counts up live as things concern the expert, and down as they are read', async () => {
    const { page, problems } = await signIn(browser, 'anna@experts.test');
    await page.evaluate(() => Object.assign(window, { engageNoReload: true }));
    const anna = await apiToken('anna@experts.test');
    const bell = page.locator('.notify-bell');
    const unread = async () => Number(await bell.getAttribute('data-unread'));

    // A clean start: whatever the demo left is marked read elsewhere (the API); the open page hears of it.
    await post(anna, '/v1/notifications/read', { all: true });
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    // A company asks Anna to take an engagement, and another's task needs her review.
    const globex = await apiToken('ops@globex.test');
    const stamp = Date.now();
    const request = await post<{ id: string }>(globex, '/v1/engagements', {
      expert_id: ANNA,
      title: `Bid check ${stamp}`,
      modules: ['TENDER'],
      rate: { amount: 200_000, currency: 'eur', interval: 'month' },
    });
    await expect.poll(unread, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const acme = await apiToken('ops@acme.test');
    const title = `Gross off ${stamp}`;
    const text = readFileSync(
      path.join(DEMO, 'invoice-german-invoice-whose-gross-does-not-add-up-text.txt'),
      'utf8',
    );
    const task = await createInvoiceTask(acme, title, { text });
    await expect.poll(unread, { timeout: 45_000 }).toBeGreaterThanOrEqual(2);
    const counted = await unread();
    expect(await bell.getAttribute('aria-label')).toBe(`Notifications, ${counted} unread`);
    // The review queue's link counts the task too.
    const reviews = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Review queue' });
    await reviews.getByTestId('review-count').waitFor();
    const summary = await apiGet<{ unread: number; review_queue: number }>(anna, '/v1/notifications/summary');
    expect(await reviews.getByTestId('review-count').textContent()).toContain(String(summary.review_queue));

    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const item = panel.getByTestId('notification').filter({ hasText: title });
    expect(await item.textContent()).toContain(`“${title}” needs your review`);
    expect(
      await panel
        .getByTestId('notification')
        .filter({ hasText: `Bid check ${stamp}` })
        .textContent(),
    ).toContain(`asks you to take on “Bid check ${stamp}”`);
    await screenshot(page, 'notifications');

    // Opening one leads to its review and counts the bell down.
    await item.getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/reviews/${task.id}`);
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(unread).toBe(counted - 1);

    // The rest, all at once.
    await bell.click();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');
    expect(await panel.locator('.notify-unread').count()).toBe(0);
    expect((await apiGet<{ unread: number }>(anna, '/v1/notifications/summary')).unread).toBe(0);
    expect(await page.evaluate(() => 'engageNoReload' in window)).toBe(true);

    await post(anna, `/v1/engagements/${request.id}/decline`, {});
    expect(problems).toEqual([]);
  });

  it('keeps the bell in the bar beside the menu button on a phone, its panel on screen', async () => {
    const { page, context, problems } = await signIn(browser, 'anna@experts.test');
    await page.setViewportSize({ width: 390, height: 844 });
    const bell = page.locator('.notify-bell');
    const menu = page.getByRole('button', { name: 'Menu' });
    await bell.waitFor();
    const [bellBox, menuBox] = [await bell.boundingBox(), await menu.boundingBox()];
    if (!bellBox || !menuBox) throw new Error('bell or menu button not laid out');
    // One row: the bell's middle within the menu button's height, both wholly on screen.
    expect(Math.abs(bellBox.y + bellBox.height / 2 - (menuBox.y + menuBox.height / 2))).toBeLessThan(8);
    expect(bellBox.x + bellBox.width).toBeLessThanOrEqual(390);
    expect(menuBox.x).toBeGreaterThan(0);
    await bell.tap();
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.waitFor();
    const box = await panel.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Escape closes it; the menu still opens as before.
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await menu.tap();
    await page.locator('#main-nav').getByRole('link', { name: 'Payouts' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
