// Each role's start page: signing in lands on /home, whose cards show the figures GET /v1/home reports (counts
// and money as the reader's language writes them), with a chart that has its table and the recent activity;
// it reads at 1280 px and at 390 px (screenshots of both, no sideways scroll).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiToken, launch, resetDemoLocales, screenshot, settled, signIn } from './support/browser';

type Money = { currency: string; amount: number };
// biome-ignore lint/suspicious/noExplicitAny: the test reads the figures loosely, as the page does
type Home = any;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await resetDemoLocales();
});

// The browser runs in en-US: the page formats as Intl does there.
const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const money = ({ amount, currency }: Money) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );

async function openHome(email: string) {
  const user = await signIn(browser, email);
  const { page } = user;
  // Sign-in lands on the role's start page.
  await expect.poll(() => new URL(page.url()).pathname).toBe('/home');
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await settled(page);
  const figures: Home = await apiGet(await apiToken(email), '/v1/home');
  return { ...user, figures };
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();

/** The chart draws its line and keeps the same figures as a table for screen readers. */
async function expectChart(page: Page, days: number) {
  const chart = page.getByTestId('home-chart');
  expect(await chart.locator('svg[role=img]').getAttribute('aria-label')).toBeTruthy();
  expect(await chart.locator('details table tbody tr').count()).toBe(days);
}

async function expectActivity(page: Page, figures: Home) {
  // The same events in the same order (each told in the reader's language from its type).
  const types = await page
    .locator('[data-testid=home-activity] li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-type')));
  expect(types).toEqual(figures.recent_activity.map((a: { type: string }) => a.type));
}

describe('the home page', () => {
  it('shows a company its open tasks, automation, spend, credits, tasks per day and activity', async () => {
    const { page, context, problems, figures } = await openHome('ops@acme.test');
    expect(await text(page, 'home-open-tasks')).toBe(count(figures.open_tasks.total));
    expect(
      await page.locator('[data-testid=home-open-tasks] ~ .home-detail dd[data-status=queued]').textContent(),
    ).toBe(count(figures.open_tasks.queued));
    expect(await text(page, 'home-needs-review')).toBe(count(figures.open_tasks.needs_review));
    const rate = figures.automation.rate === null ? '—' : `${Math.round(figures.automation.rate * 100)} %`;
    expect(await text(page, 'home-automation')).toBe(rate);
    for (const spent of figures.spend_this_month)
      expect(await text(page, 'home-spend')).toContain(money(spent));
    expect(await text(page, 'home-credits')).toBe(count(figures.credits.balance));
    await expectChart(page, 14);
    await expectActivity(page, figures);
    // Each figure leads to its list.
    await page.getByRole('link', { name: 'Buy or review credits' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/credits');
    await page.goBack();
    await page.getByTestId('home-credits').waitFor();
    await screenshot(page, 'company-home');

    // In German the same page reads in German, the numbers as German writes them.
    await page.locator('#header-language').selectOption('de');
    await page.getByRole('heading', { level: 1, name: 'Start' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Offene Aufgaben' }).waitFor();
    expect(await text(page, 'home-credits')).toBe(
      new Intl.NumberFormat('de-DE').format(figures.credits.balance),
    );
    await screenshot(page, 'company-home-de');
    // Back to English: the choice is saved to the account, and the other tests sign in expecting English.
    await page.locator('#header-language').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const token = await apiToken('ops@acme.test');
    await expect
      .poll(async () => (await apiGet<{ user: { locale: string } }>(token, '/v1/me')).user.locale)
      .toBe('en');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an expert the review queue, earnings, the next payout and waiting requests', async () => {
    const { page, context, problems, figures } = await openHome('anna@experts.test');
    expect(await text(page, 'home-review-queue')).toBe(count(figures.review_queue));
    for (const earned of figures.earnings) {
      expect(await text(page, 'home-earnings')).toContain(
        money({ ...earned, amount: earned.paid_this_month }),
      );
      expect(await text(page, 'home-owed')).toContain(money({ ...earned, amount: earned.pending }));
    }
    for (const due of figures.next_payout.amounts)
      expect(await text(page, 'home-next-payout')).toContain(money(due));
    expect(await page.locator('#home-next-payout-title ~ .home-detail').textContent()).toContain('Next run:');
    expect(await text(page, 'home-requests')).toBe(count(figures.requests.waiting));
    await expectActivity(page, figures);
    await page.getByRole('link', { name: 'Start reviewing' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/reviews');
    await page.goBack();
    await page.getByTestId('home-review-queue').waitFor();
    await screenshot(page, 'expert-home');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an admin the volume, fees, automation, queue health, open alerts and volume per day', async () => {
    const { page, context, problems, figures } = await openHome('admin@engage.test');
    for (const paid of figures.volume_this_month)
      expect(await text(page, 'home-volume')).toContain(money(paid));
    for (const fee of figures.fees_this_month) expect(await text(page, 'home-fees')).toContain(money(fee));
    const dead = figures.queues.reduce((n: number, q: { dead_letters: number }) => n + q.dead_letters, 0);
    expect(await text(page, 'home-queues')).toBe(count(dead));
    // The queues that need a look are named (the seeded dead letter's among them); idle ones are not.
    for (const queue of figures.queues) {
      const named = page.locator(`#home-queues-title ~ .home-detail li[data-queue="${queue.queue}"]`);
      expect(await named.count()).toBe((queue.backlog ?? 0) > 0 || queue.dead_letters > 0 ? 1 : 0);
    }
    expect(await text(page, 'home-alerts')).toBe(count(figures.alerts.open));
    await expectChart(page, 14);
    await page.getByRole('link', { name: 'Open the queue view' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/queues');
    await page.goBack();
    await page.getByTestId('home-queues').waitFor();
    await screenshot(page, 'admin-home');
    expect(problems).toEqual([]);
    await context.close();
  });
});
