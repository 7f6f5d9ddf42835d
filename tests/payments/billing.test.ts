// Recurring billing: the period calendar (month ends, leap years, weeks across the year, UTC days whatever
// the accepting person's zone), the first period billed at acceptance, the daily cron billing what began —
// once per period however often and concurrently it runs — paying a period with the test card, and who may
// read the schedule.
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { engagements } from '../../src/db/schema';
import worker from '../../src/index';
import { daysBetween, period, periodStart, periodsBegunBy } from '../../src/modules/billing/periods';
import { proratedAmount, prorationOf } from '../../src/modules/billing/proration';
import { billDuePeriods, startBillingOnAccept } from '../../src/modules/billing/service';
import {
  call,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';

const db = createDb(env.DB);

describe('the period calendar', () => {
  it('keeps a month-end anchor on each month’s last day without drifting', () => {
    const starts = [0, 1, 2, 3, 12, 13].map((n) => periodStart('2027-01-31', 'month', n));
    expect(starts).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2028-01-31',
      '2028-02-29',
    ]);
    expect(period('2028-02-29', 'month', 12)).toEqual({ n: 12, start: '2029-02-28', end: '2029-03-29' });
  });

  it('runs weeks of seven days across the year end', () => {
    expect([0, 1, 2].map((n) => periodStart('2026-12-21', 'week', n))).toEqual([
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
  });

  it('lists the periods begun by a day, the anchor’s included', () => {
    expect(periodsBegunBy('2026-12-04', 'month', '2026-12-04').map((p) => p.start)).toEqual(['2026-12-04']);
    expect(periodsBegunBy('2026-12-04', 'month', '2027-02-03').map((p) => p.start)).toEqual([
      '2026-12-04',
      '2027-01-04',
    ]);
  });

  it('tiles time: each period ends where the next begins, 28–31 days a month, 7 a week', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        day,
        fc.constantFrom('month' as const, 'week' as const),
        fc.nat(400),
        (anchor, interval, n) => {
          const current = period(anchor, interval, n);
          const next = period(anchor, interval, n + 1);
          expect(current.end).toBe(next.start);
          const days = daysBetween(current.start, current.end);
          if (interval === 'week') expect(days).toBe(7);
          else expect(days).toBeGreaterThanOrEqual(28);
          if (interval === 'month') expect(days).toBeLessThanOrEqual(31);
          // The anchor's day of the month wherever the month has it.
          const anchorDay = Number(anchor.slice(8));
          if (interval === 'month' && anchorDay <= 28) expect(Number(current.start.slice(8))).toBe(anchorDay);
        },
      ),
    );
  });
});

async function acceptedEngagement(rate = { amount: 450000, currency: 'eur', interval: 'month' }) {
  const company = await signupCompany();
  const expert = await signupExpert();
  const engagement = await requestEngagement(company, expert.expertId ?? '', { modules: ['TENDER'], rate });
  await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
  const billing = await waitFor(async () => {
    const view = await json(await call(`/v1/engagements/${engagement.id}/billing`, { token: company.token }));
    return view.periods.length > 0 && view.periods[0].payment_status ? view : undefined;
  });
  return { company, expert, engagement, billing };
}

const paymentsOf = async (engagementId: string) =>
  (
    await env.DB.prepare(
      'SELECT id, amount, status, provider_payment_id FROM payments WHERE engagement_id = ?',
    )
      .bind(engagementId)
      .all<{ id: string; amount: number; status: string; provider_payment_id: string | null }>()
  ).results;

describe('proration', () => {
  it('charges the used days of a period, rounded half up to the minor unit', () => {
    expect(proratedAmount(450000, 1, 31)).toBe(14516); // 14,516.13
    expect(proratedAmount(3, 1, 2)).toBe(2); // 1.5 rounds up
    expect(proratedAmount(100, 10, 10)).toBe(100);
    const period = { periodStart: '2027-02-01', periodEnd: '2027-03-01', amount: 280000 };
    expect(prorationOf(period, '2027-02-01')).toBe(10000); // ended on the first day: one of 28 days
    expect(prorationOf(period, '2027-02-14')).toBe(140000);
    expect(prorationOf(period, '2027-02-28')).toBeNull(); // the last day: the whole period was used
    expect(prorationOf(period, '2027-03-05')).toBeNull(); // not this period
  });
});

describe('recurring billing', { timeout: 20_000 }, () => {
  it('bills the first period at acceptance; the company pays it with the test card', async () => {
    const { company, engagement, billing } = await acceptedEngagement();
    const today = new Date().toISOString().slice(0, 10);
    expect(billing).toMatchObject({
      interval: 'month',
      amount: 450000,
      currency: 'eur',
      anchor: today,
      overdue: false,
    });
    expect(billing.periods).toHaveLength(1);
    expect(billing.periods[0]).toMatchObject({
      n: 0,
      start: today,
      amount: 450000,
      payment_status: 'pending',
    });
    const [payment] = await paymentsOf(engagement.id);
    expect(payment?.provider_payment_id).toMatch(/^pi_/);

    const listed = await json(
      await call(`/v1/payments?engagement_id=${engagement.id}`, { token: company.token }),
    );
    expect(listed.data[0].description).toContain(`Tender desk: ${today} to `);
    const paid = await call(`/v1/payments/${billing.periods[0].payment_id}/confirm`, {
      token: company.token,
      json: { payment_method: 'pm_card_visa' },
    });
    expect(paid.status).toBe(200);
    const after = await json(
      await call(`/v1/engagements/${engagement.id}/billing`, { token: company.token }),
    );
    expect(after.periods[0].payment_status).toBe('paid');
  });

  it('bills each period that began once, however often and concurrently the cron runs', async () => {
    const { engagement } = await acceptedEngagement({ amount: 120000, currency: 'eur', interval: 'week' });
    const later = new Date(Date.now() + 15 * 86_400_000); // two more weeks began
    await Promise.all([
      billDuePeriods(env, db, later),
      billDuePeriods(env, db, later),
      billDuePeriods(env, db, later),
    ]);
    await billDuePeriods(env, db, later);
    const periods = await env.DB.prepare(
      'SELECT n, payment_id FROM billing_periods WHERE engagement_id = ? ORDER BY n',
    )
      .bind(engagement.id)
      .all<{ n: number; payment_id: string }>();
    expect(periods.results.map((p) => p.n)).toEqual([0, 1, 2]);
    const payments = await paymentsOf(engagement.id);
    expect(payments).toHaveLength(3);
    expect(new Set(periods.results.map((p) => p.payment_id))).toEqual(new Set(payments.map((p) => p.id)));
    expect(
      payments.every((p) => p.amount === 120000 && p.status === 'pending' && p.provider_payment_id),
    ).toBe(true);
  });

  it('runs as the 06:00 cron, and bills nothing more once the engagement has ended', async () => {
    const { company, engagement } = await acceptedEngagement({
      amount: 99000,
      currency: 'eur',
      interval: 'week',
    });
    const nextWeek = new Date(Date.now() + 8 * 86_400_000);
    await worker.scheduled(createScheduledController({ cron: '0 6 * * *', scheduledTime: nextWeek }), env);
    expect(await paymentsOf(engagement.id)).toHaveLength(2);

    await call(`/v1/engagements/${engagement.id}/complete`, { method: 'POST', token: company.token });
    const weeksLater = new Date(Date.now() + 40 * 86_400_000);
    await worker.scheduled(createScheduledController({ cron: '0 6 * * *', scheduledTime: weeksLater }), env);
    expect(await paymentsOf(engagement.id)).toHaveLength(2);
  });

  it('lowers the unpaid payment of the last period to its used days when the engagement ends', async () => {
    const { company, engagement } = await acceptedEngagement({
      amount: 70000,
      currency: 'eur',
      interval: 'week',
    });
    await call(`/v1/engagements/${engagement.id}/complete`, { method: 'POST', token: company.token });
    const view = await waitFor(async () => {
      const billing = await json(
        await call(`/v1/engagements/${engagement.id}/billing`, { token: company.token }),
      );
      return billing.periods[0].prorated_amount !== null ? billing : undefined;
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(view.periods[0]).toMatchObject({ ended_on: today, prorated_amount: 10000 }); // 1 of 7 days
    await waitFor(async () => (await paymentsOf(engagement.id))[0]?.amount === 10000);
    const again = await billDuePeriods(env, db, new Date()); // nothing more, nothing twice
    expect((await paymentsOf(engagement.id)).map((p) => p.amount)).toEqual([10000]);
    expect(again.payments_opened).toBe(0);
  });

  it('refunds the unused days of a paid period when the company cancels, debiting the expert once', async () => {
    const { company, expert, engagement, billing } = await acceptedEngagement({
      amount: 70000,
      currency: 'eur',
      interval: 'week',
    });
    const paymentId = billing.periods[0].payment_id;
    await call(`/v1/payments/${paymentId}/confirm`, {
      token: company.token,
      json: { payment_method: 'pm_card_visa' },
    });
    await call(`/v1/engagements/${engagement.id}/cancel`, { method: 'POST', token: company.token });
    const refunded = await waitFor(async () => {
      const payment = await json(await call(`/v1/payments/${paymentId}`, { token: company.token }));
      return payment.amount_refunded > 0 ? payment : undefined;
    });
    expect(refunded).toMatchObject({ status: 'paid', amount: 70000, amount_refunded: 60000 });
    // The expert keeps 80 % of the day used: 14,000 × 80 % − refunds = 56,000 − 48,000.
    const balance = await json(await call('/v1/experts/me/balance', { token: expert.token }));
    expect(balance.balances.find((b: { currency: string }) => b.currency === 'eur')).toMatchObject({
      balance: 8000,
    });
    // The sweep finds nothing left to apply: one refund only.
    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: new Date() }),
      env,
    );
    const after = await json(await call(`/v1/payments/${paymentId}`, { token: company.token }));
    expect(after.amount_refunded).toBe(60000);
  });

  it('bills no period that begins while paused, and bills again after resuming', async () => {
    const { company, expert, engagement } = await acceptedEngagement({
      amount: 50000,
      currency: 'eur',
      interval: 'week',
    });
    await expectProblem(
      await call(`/v1/engagements/${engagement.id}/billing/pause`, { method: 'POST', token: expert.token }),
      403,
    );
    const paused = await call(`/v1/engagements/${engagement.id}/billing/pause`, {
      method: 'POST',
      token: company.token,
    });
    expect(await json(paused)).toMatchObject({ paused: true });
    const day = 86_400_000;
    await billDuePeriods(env, db, new Date(Date.now() + 8 * day)); // week 2 begins while paused
    expect(await paymentsOf(engagement.id)).toHaveLength(1);

    const resumed = await json(
      await call(`/v1/engagements/${engagement.id}/billing/resume`, { method: 'POST', token: company.token }),
    );
    expect(resumed.paused).toBe(false);
    expect(resumed.periods.map((p: { n: number; skipped: boolean }) => [p.n, p.skipped])).toEqual([
      [0, false],
      [1, true],
    ]);
    await billDuePeriods(env, db, new Date(Date.now() + 15 * day)); // week 3 begins after the resume
    expect(await paymentsOf(engagement.id)).toHaveLength(2);
    const view = await json(await call(`/v1/engagements/${engagement.id}/billing`, { token: company.token }));
    expect(
      view.periods.map((p: { n: number; payment_id: string | null }) => [p.n, p.payment_id !== null]),
    ).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
  });

  it('shows the engagement overdue and emails the company when a period’s collection fails', async () => {
    const { company, engagement, billing } = await acceptedEngagement();
    await call(`/v1/payments/${billing.periods[0].payment_id}/confirm`, {
      token: company.token,
      json: { payment_method: 'pm_card_chargeDeclined' },
    });
    const view = await json(await call(`/v1/engagements/${engagement.id}/billing`, { token: company.token }));
    expect(view).toMatchObject({ overdue: true });
    expect(view.periods[0].payment_status).toBe('failed');
    const mail = await waitFor(async () =>
      env.DB.prepare('SELECT subject, text FROM email_logs WHERE template = \'paymentOverdue\' AND "to" = ?')
        .bind(company.email)
        .first<{ subject: string; text: string }>()
        .then((row) => row ?? undefined),
    );
    expect(mail.subject).toBe('Payment overdue: Tender desk');
    expect(mail.text).toContain('Your card was declined.');
  });

  it('shows the schedule to the engagement’s company and expert only', async () => {
    const { expert, engagement } = await acceptedEngagement();
    const view = await call(`/v1/engagements/${engagement.id}/billing`, { token: expert.token });
    expect(view.status).toBe(200);
    const outsider = await signupCompany('Outsider AG');
    await expectProblem(
      await call(`/v1/engagements/${engagement.id}/billing`, { token: outsider.token }),
      404,
    );
    const otherExpert = await signupExpert();
    await expectProblem(
      await call(`/v1/engagements/${engagement.id}/billing`, { token: otherExpert.token }),
      404,
    );
    await expectProblem(await call(`/v1/engagements/${engagement.id}/billing`), 401);
  });
});

/** The engagement's periods as `[n, start, end]`, in order. */
const periodsOf = async (engagementId: string) =>
  (
    await env.DB.prepare(
      'SELECT n, period_start, period_end FROM billing_periods WHERE engagement_id = ? ORDER BY n',
    )
      .bind(engagementId)
      .all<{ n: number; period_start: string; period_end: string }>()
  ).results.map((p) => [p.n, p.period_start, p.period_end]);

/** The local calendar day of an instant in a time zone (the day the person accepting it saw). */
const localDay = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(at),
  );

describe('time zones: billing periods are UTC calendar days', () => {
  // The rule: the anchor is the UTC day of the instant the expert accepted, and a period begins at 00:00 UTC
  // of its first day — whatever zone the people are in (Engage keeps no zone per person; Stripe's invoices
  // carry the same UTC days).
  it('anchors on the UTC day of the acceptance, not the accepting person’s day, and bills each period from 00:00 UTC of its first day', async () => {
    const company = await signupCompany();
    const accept = async (acceptedAt: string) => {
      const expert = await signupExpert();
      const engagement = await requestEngagement(company, expert.expertId ?? '', {
        modules: ['TENDER'],
        rate: { amount: 300_000, currency: 'eur', interval: 'month' },
      });
      // Accepted at a chosen instant: the acceptance's event, as the outbox delivers it (UTC, ISO 8601).
      await db.update(engagements).set({ status: 'active' }).where(eq(engagements.id, engagement.id));
      await startBillingOnAccept.run(env, {
        id: `evt_accept_${engagement.id}`,
        type: 'engagement.accepted',
        seq: null,
        engagement_id: engagement.id,
        org_id: company.orgId,
        data: {},
        created_at: acceptedAt,
      });
      return engagement.id;
    };
    // In Berlin (UTC+2) it is already 1 April, 01:59: still 31 March in UTC, a month-end anchor.
    const lateEvening = '2025-03-31T23:59:59.999Z';
    expect(localDay(lateEvening, 'Europe/Berlin')).toBe('2025-04-01');
    const berlin = await accept(lateEvening);
    // In New York (UTC−4) it is still 31 March, 20:00: 1 April in UTC.
    const midnight = '2025-04-01T00:00:00.000Z';
    expect(localDay(midnight, 'America/New_York')).toBe('2025-03-31');
    const newYork = await accept(midnight);

    expect(await periodsOf(berlin)).toEqual([[0, '2025-03-31', '2025-04-30']]);
    expect(await periodsOf(newYork)).toEqual([[0, '2025-04-01', '2025-05-01']]);

    // The second period begins at 00:00 UTC of its first day: not a millisecond before, whoever is where.
    await billDuePeriods(env, db, new Date('2025-04-29T23:59:59.999Z'));
    expect(await periodsOf(berlin)).toHaveLength(1);
    await billDuePeriods(env, db, new Date('2025-04-30T00:00:00.000Z'));
    expect(await periodsOf(berlin)).toEqual([
      [0, '2025-03-31', '2025-04-30'],
      [1, '2025-04-30', '2025-05-31'],
    ]);
    // 1 May has begun in Berlin, not in UTC: New York's second period waits for it.
    await billDuePeriods(env, db, new Date('2025-04-30T23:59:59.999Z'));
    expect(await periodsOf(newYork)).toHaveLength(1);
    await billDuePeriods(env, db, new Date('2025-05-01T00:00:00.000Z'));
    expect(await periodsOf(newYork)).toEqual([
      [0, '2025-04-01', '2025-05-01'],
      [1, '2025-05-01', '2025-06-01'],
    ]);
    // Each period that began was billed once, with its payment.
    const billed = await env.DB.prepare(
      'SELECT count(*) AS n FROM billing_periods WHERE engagement_id IN (?, ?) AND payment_id IS NOT NULL',
    )
      .bind(berlin, newYork)
      .first<{ n: number }>();
    expect(billed?.n).toBe(4);
    // Ended, so later runs of this file's tests (today's date) do not bill their months since 2025.
    await db.update(engagements).set({ status: 'completed' }).where(eq(engagements.id, berlin));
    await db.update(engagements).set({ status: 'completed' }).where(eq(engagements.id, newYork));
  });
});
