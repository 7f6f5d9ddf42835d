// GET /v1/home: each role's start-page figures match the data arranged here (tasks written as the task tests
// write them, payments paid and payouts run through the real code), and a company never sees another's.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { alerts, deadLetters, experts } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { nextWeeklyRun } from '../../src/modules/home/periods';
import { preparePayouts } from '../../src/modules/payouts/prepare';
import { processPayouts } from '../../src/modules/payouts/process';
import { isoWeekOf } from '../../src/modules/payouts/week';
import { type Account, call, createAdmin, json, requestEngagement, signupCompany, waitFor } from '../helpers';
import { payment } from '../payments/fixtures';
import { activeEngagement, insertTask, type Parties } from '../tasks/fixtures';

const db = createDb(env.DB);
const DAY = 86_400_000;
const home = async (account: Account) => {
  const response = await call('/v1/home', { token: account.token });
  expect(response.status).toBe(200);
  return json(response);
};
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const review = (approved = true) => ({ approved, notes: null, reviewer_id: 'usr_x', at: ago(0) });
const money = (list: { currency: string; amount: number }[], currency = 'eur') =>
  list.find((m) => m.currency === currency)?.amount ?? 0;

/** A spread of tasks: 2 queued, 1 in progress, 1 needing review, 3 finished lately (2 unseen), 1 failed. */
async function arrangeTasks(parties: Parties) {
  for (const status of ['queued', 'queued', 'in_progress', 'needs_review', 'failed'] as const)
    await insertTask(parties, { status });
  await insertTask(parties, { status: 'completed', aiHandled: 'full', completedAt: ago(1) });
  await insertTask(parties, { status: 'completed', aiHandled: 'full', completedAt: ago(2) });
  await insertTask(parties, {
    status: 'completed',
    aiHandled: 'partial',
    review: review(),
    completedAt: ago(3),
  });
  // Finished before the 30-day window, created before the 14-day chart.
  await insertTask(parties, {
    status: 'completed',
    aiHandled: 'full',
    completedAt: ago(40),
    createdAt: ago(40),
  });
  // Created five days ago, still queued.
  await insertTask(parties, { status: 'queued', createdAt: ago(5) });
}

describe('GET /v1/home', () => {
  it("gives a company its open tasks, automation, spend, credits, tasks per day and activity — none of another company's", async () => {
    const acme = await activeEngagement(['CTAX']);
    const globex = await activeEngagement(['CTAX']);
    const before = await home(acme.company);
    await arrangeTasks(acme);
    await insertTask(globex, { status: 'needs_review' });
    await insertTask(globex, {
      status: 'completed',
      aiHandled: 'partial',
      review: review(),
      completedAt: ago(1),
    });
    await payment(acme, 100_000);
    await payment(acme, 25_000);
    await payment(acme, 9_999, false); // not paid: not spent
    await payment(globex, 70_000);

    const figures = await home(acme.company);
    expect(figures.role).toBe('company');
    expect(figures.open_tasks).toEqual({ queued: 3, in_progress: 1, needs_review: 1, total: 5 });
    expect(figures.automation).toEqual({ days: 30, finished: 3, completed_unseen: 2, rate: 0.667 });
    expect(figures.month).toBe(new Date().toISOString().slice(0, 7));
    expect(money(figures.spend_this_month) - money(before.spend_this_month)).toBe(125_000);
    const payments = (list: { currency: string; payments: number }[]) =>
      list.find((m) => m.currency === 'eur')?.payments ?? 0;
    expect(payments(figures.spend_this_month) - payments(before.spend_this_month)).toBe(2);

    const credits = await json(await call('/v1/credits', { token: acme.company.token }));
    expect(figures.credits).toEqual({ balance: credits.balance, low_balance: false });

    expect(figures.tasks_per_day).toHaveLength(14);
    const today = new Date().toISOString().slice(0, 10);
    const fiveDaysAgo = ago(5).slice(0, 10);
    expect(figures.tasks_per_day.at(-1)).toEqual({ day: today, created: 8 });
    expect(figures.tasks_per_day.find((d: { day: string }) => d.day === fiveDaysAgo).created).toBe(1);
    expect(figures.tasks_per_day.reduce((n: number, d: { created: number }) => n + d.created, 0)).toBe(9);

    // The last 10 events of its engagements, newest first, told as the engagement's activity log tells them —
    // read once the background work the setup started (queued events, emails) has stopped adding to it.
    const activityOf = async () =>
      json(
        await call(`/v1/engagements/${acme.engagementId}/activity?limit=10`, { token: acme.company.token }),
      );
    const settled = await waitFor(async () => {
      const [page, again] = [await activityOf(), await home(acme.company)];
      const latest = await activityOf();
      return JSON.stringify(page.data) === JSON.stringify(latest.data) && { log: latest, again };
    });
    const log = settled.log;
    expect(settled.again.recent_activity).toEqual(
      log.data.map((a: object) => ({
        ...a,
        engagement_id: acme.engagementId,
        engagement_title: 'Tender desk',
      })),
    );
    const paid = settled.again.recent_activity.find((a: { type: string }) => a.type === 'payment.succeeded');
    expect(paid.summary).toMatch(/^Payment received/);
    expect(paid.links.payment_id).toMatch(/^pay_/);

    // Globex's figures hold only its own.
    const theirs = await home(globex.company);
    expect(theirs.open_tasks).toEqual({ queued: 0, in_progress: 0, needs_review: 1, total: 1 });
    expect(theirs.automation).toMatchObject({ finished: 1, completed_unseen: 0, rate: 0 });
    expect(money(theirs.spend_this_month)).toBe(70_000 + money(before.spend_this_month));
    expect(theirs.tasks_per_day.at(-1).created).toBe(2);
    expect(
      theirs.recent_activity.every((a: { engagement_id: string }) => a.engagement_id === globex.engagementId),
    ).toBe(true);
  });

  it('gives an expert the review queue, earnings, the next payout, waiting requests and activity', async () => {
    const parties = await activeEngagement(['CTAX']);
    const other = await activeEngagement(['CTAX']);
    await insertTask(parties, { status: 'needs_review' });
    await insertTask(parties, { status: 'needs_review' });
    await insertTask(other, { status: 'needs_review' });
    const requester = await signupCompany('Initech');
    const requested = await requestEngagement(requester, parties.expert.expertId ?? '', {
      title: 'Invoice backlog',
    });

    let figures = await home(parties.expert);
    expect(figures.role).toBe('expert');
    expect(figures.review_queue).toBe(2);
    expect(figures.requests.waiting).toBe(1);
    expect(figures.requests.latest[0]).toMatchObject({ title: 'Invoice backlog', company: 'Initech' });
    expect(figures.earnings).toEqual([]);
    expect(figures.next_payout).toMatchObject({ amounts: [], payouts_enabled: false });
    const at = new Date(figures.next_payout.at);
    expect(at.getUTCDay()).toBe(5);
    expect(at.toISOString().slice(11, 16)).toBe('09:00');
    expect(at.getTime() - Date.now()).toBeGreaterThan(0);
    expect(at.getTime() - Date.now()).toBeLessThanOrEqual(7 * DAY);
    expect(figures.recent_activity.length).toBeGreaterThan(0);
    for (const a of figures.recent_activity)
      expect([parties.engagementId, requested.id]).toContain(a.engagement_id);

    // Paid 1,000.00: the expert is owed 800.00 (20 % fee), prepared into a payout for the next run.
    await payment(parties, 100_000);
    figures = await home(parties.expert);
    expect(figures.earnings).toEqual([{ currency: 'eur', paid_this_month: 0, pending: 80_000 }]);
    await preparePayouts(env, isoWeekOf(new Date()));
    figures = await home(parties.expert);
    expect(figures.next_payout.amounts).toEqual([{ currency: 'eur', amount: 80_000 }]);

    // Connected and transferred: paid this month, nothing pending.
    await db
      .update(experts)
      .set({ stripeAccountId: 'acct_home', payoutsEnabled: true })
      .where(eq(experts.id, parties.expert.expertId ?? ''));
    await processPayouts(env);
    figures = await home(parties.expert);
    expect(figures.earnings).toEqual([{ currency: 'eur', paid_this_month: 80_000, pending: 0 }]);
    expect(figures.next_payout).toMatchObject({ amounts: [], payouts_enabled: true });

    // The other expert sees only their own.
    const theirs = await home(other.expert);
    expect(theirs).toMatchObject({ review_queue: 1, requests: { waiting: 0, latest: [] }, earnings: [] });
  });

  it('gives an admin the volume, fees, automation, queues, open alerts and payments per day', async () => {
    const admin = await createAdmin();
    const parties = await activeEngagement(['CTAX']);
    const before = await home(admin);
    await payment(parties, 50_000);
    await insertTask(parties, { status: 'completed', aiHandled: 'full', completedAt: ago(1) });
    await db.insert(alerts).values({
      id: newId('alert'),
      rule: 'failed_payouts',
      status: 'open',
      detail: 'A payout failed',
      value: 1,
      openedAt: ago(0),
    });
    await db.insert(deadLetters).values({
      id: newId('deadLetter'),
      queue: 'engage-tasks',
      messageId: 'msg-home',
      body: { task_id: 'tsk_x' },
      attempts: 3,
    });

    const figures = await home(admin);
    expect(figures.role).toBe('admin');
    expect(money(figures.volume_this_month) - money(before.volume_this_month)).toBe(50_000);
    expect(money(figures.fees_this_month) - money(before.fees_this_month)).toBe(10_000);
    expect(figures.fee_bps).toBe(2000);
    expect(figures.automation.finished - before.automation.finished).toBe(1);
    expect(figures.automation.completed_unseen - before.automation.completed_unseen).toBe(1);
    expect(figures.alerts.open).toBe(1);
    expect(figures.alerts.latest[0]).toMatchObject({ rule: 'failed_payouts', status: 'open' });
    const tasksQueue = (f: { queues: { queue: string; dead_letters: number }[] }) =>
      f.queues.find((q) => q.queue === 'engage-tasks')?.dead_letters ?? 0;
    expect(tasksQueue(figures) - tasksQueue(before)).toBe(1);
    expect(figures.volume_per_day).toHaveLength(14);
    const today = figures.volume_per_day.at(-1);
    const todayBefore = before.volume_per_day.at(-1);
    expect(today.payments - todayBefore.payments).toBe(1);
    expect(money(today.amounts) - money(todayBefore.amounts)).toBe(50_000);
  });

  it('is read by an API key with metrics:read', async () => {
    const { company } = await activeEngagement(['CTAX']);
    const created = await json(
      await call('/v1/api-keys', {
        token: company.token,
        json: { name: 'dashboard', scopes: ['metrics:read'] },
      }),
    );
    const response = await call('/v1/home', { token: created.key });
    expect(response.status).toBe(200);
    expect((await json(response)).role).toBe('company');
  });
});

describe('the next payout run', () => {
  const at = (iso: string) => nextWeeklyRun('0 9 * * 5', new Date(iso)).toISOString();
  it('is this Friday at 09:00 UTC until it has run, then next Friday', () => {
    expect(at('2026-11-11T12:00:00.000Z')).toBe('2026-11-13T09:00:00.000Z'); // Wednesday
    expect(at('2026-11-13T08:59:00.000Z')).toBe('2026-11-13T09:00:00.000Z');
    expect(at('2026-11-13T09:00:00.000Z')).toBe('2026-11-20T09:00:00.000Z');
    expect(at('2026-11-15T23:00:00.000Z')).toBe('2026-11-20T09:00:00.000Z'); // Sunday
  });
});
