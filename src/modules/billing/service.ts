// Recurring billing at the contract rate: accepting an engagement starts its schedule and bills the first
// period at once; the daily cron (and the sweep, for anything a crash left half-done) bills every period
// that has begun since. Each period becomes one pending payment of the engagement's rate, through the same
// path as a payment a company creates by hand (payments/service.ts), settled by the provider's events like
// any other. Exactly once, however often or concurrently billing runs: a period is unique per (engagement,
// n), its payment is written in the same batch that claims the period, and the payment's intent is asked for
// with the payment's own idempotency key.
import { and, asc, eq, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { type BillingPeriod, billingPeriods, engagements, events, payments } from '../../db/schema';
import type { EventData } from '../../events/catalog';
import type { EventHandler } from '../../events/dispatch';
import { chunks } from '../../lib/chunks';
import { conflict } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { field, idIn, insertJsonRows, JSON_ROWS_CHUNK, valueFor } from '../../lib/json-rows';
import { log } from '../../lib/logger';
import type { TenantScope } from '../../lib/tenancy';
import { paymentsProvider } from '../payments/providers';
import { attachIntent, newPaymentRow } from '../payments/service';
import { type Interval, periodsBegunBy, utcDay } from './periods';

/** Periods claimed and intents asked for per run: bounded work per invocation; the next run continues. */
const PER_RUN = 200;

interface Schedule {
  engagementId: string;
  orgId: string;
  expertId: string;
  anchor: string;
  interval: Interval;
  amount: number;
  currency: string;
  /** The last period already written; -1 for none. */
  lastN: number;
  /** Billing paused: the periods written now are skipped, not billed. */
  paused: boolean;
}

const periodRows = (schedule: Schedule, today: string) =>
  periodsBegunBy(schedule.anchor, schedule.interval, today)
    .filter((p) => p.n > schedule.lastN)
    .map((p) => ({
      id: newId('billingPeriod'),
      engagementId: schedule.engagementId,
      orgId: schedule.orgId,
      expertId: schedule.expertId,
      anchor: schedule.anchor,
      n: p.n,
      periodStart: p.start,
      periodEnd: p.end,
      amount: schedule.amount,
      currency: schedule.currency,
      interval: schedule.interval,
      skipped: schedule.paused,
    }));

async function writePeriods(db: Db, rows: ReturnType<typeof periodRows>) {
  const statements = chunks(rows, JSON_ROWS_CHUNK).map((part) =>
    insertJsonRows(db, billingPeriods, part).onConflictDoNothing(),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Starts an engagement's schedule on the day it was accepted, and bills what has begun (the first period). */
export async function startBilling(env: Env, db: Db, engagementId: string, acceptedAt: string) {
  const engagement = await db.query.engagements.findFirst({ where: eq(engagements.id, engagementId) });
  if (!engagement || engagement.rateAmount <= 0) return;
  await writePeriods(
    db,
    periodRows(
      {
        engagementId: engagement.id,
        orgId: engagement.orgId,
        expertId: engagement.expertId,
        anchor: utcDay(acceptedAt),
        interval: engagement.rateInterval,
        amount: engagement.rateAmount,
        currency: engagement.rateCurrency,
        lastN: -1,
        paused: false,
      },
      // Only the first period now: should the event arrive late, the cron bills the rest.
      utcDay(acceptedAt),
    ),
  );
  await openPeriodPayments(env, db);
}

/** The schedules of active engagements (those `where` selects), from their periods written so far. */
async function schedulesOf(db: Db, where?: SQL) {
  const rows = await db
    .select({
      engagementId: billingPeriods.engagementId,
      orgId: engagements.orgId,
      expertId: engagements.expertId,
      anchor: sql<string>`min(${billingPeriods.anchor})`,
      interval: engagements.rateInterval,
      amount: engagements.rateAmount,
      currency: engagements.rateCurrency,
      lastN: max(billingPeriods.n),
      pausedAt: engagements.billingPausedAt,
    })
    .from(billingPeriods)
    .innerJoin(engagements, eq(engagements.id, billingPeriods.engagementId))
    .where(and(eq(engagements.status, 'active'), where))
    .groupBy(billingPeriods.engagementId);
  return rows.map(
    ({ pausedAt, lastN, ...schedule }): Schedule => ({
      ...schedule,
      lastN: lastN ?? -1,
      paused: pausedAt !== null,
    }),
  );
}

/** The daily cron: every active engagement's periods begun by `now` are written and billed (skipped if paused). */
export async function billDuePeriods(env: Env, db: Db, now = new Date()) {
  const today = utcDay(now);
  const rows = (await schedulesOf(db)).flatMap((schedule) => periodRows(schedule, today));
  await writePeriods(db, rows);
  const billed = await openPeriodPayments(env, db);
  return { periods_written: rows.length, ...billed };
}

/**
 * Pausing (the company): periods that begin while billing is paused are not billed — they are written as
 * skipped when the cron or the resume comes to them. Resuming first writes every period begun meanwhile
 * as skipped, then lets the next period bill as usual. Both are idempotent.
 */
export async function setBillingPaused(scope: TenantScope, engagementId: string, paused: boolean) {
  const engagement = await scope.engagement(engagementId);
  if (engagement.status !== 'active')
    throw conflict(
      `Only an active engagement's billing can be paused or resumed (it is ${engagement.status})`,
    );
  const { db } = scope;
  if (paused) {
    await db
      .update(engagements)
      .set({ billingPausedAt: new Date().toISOString() })
      .where(and(eq(engagements.id, engagement.id), isNull(engagements.billingPausedAt)));
  } else {
    const today = utcDay(new Date());
    const rows = (await schedulesOf(db, eq(engagements.id, engagement.id))).flatMap((schedule) =>
      periodRows(schedule, today),
    );
    await writePeriods(db, rows);
    await db.update(engagements).set({ billingPausedAt: null }).where(eq(engagements.id, engagement.id));
  }
  return engagementBilling(scope, engagement.id);
}

/**
 * Gives every period without a payment its pending payment, then asks the provider for the intents still
 * missing. A period's payment is inserted only where this run's claim of the period took effect.
 */
export async function openPeriodPayments(env: Env, db: Db) {
  const provider = paymentsProvider(env).name;
  const unclaimed = await db
    .select({ period: billingPeriods, title: engagements.title })
    .from(billingPeriods)
    .innerJoin(engagements, eq(engagements.id, billingPeriods.engagementId))
    .where(and(isNull(billingPeriods.paymentId), eq(billingPeriods.skipped, false)))
    .orderBy(asc(billingPeriods.id))
    .limit(PER_RUN);
  const claims = unclaimed.map(({ period, title }) => ({
    period,
    payment: newPaymentRow(
      { id: period.engagementId, orgId: period.orgId, expertId: period.expertId },
      period.orgId,
      provider,
      {
        // A period prorated before its payment was written is billed at what its used days cost.
        amount: period.proratedAmount ?? period.amount,
        currency: period.currency,
        description: describe(title, period),
        createdBy: null,
      },
    ),
  }));
  for (const part of chunks(claims, JSON_ROWS_CHUNK)) {
    const payload = JSON.stringify(
      part.map(({ period, payment }) => ({ id: period.id, payment_id: payment.id })),
    );
    const claimed = sql`EXISTS (SELECT 1 FROM billing_periods WHERE id = ${field('guardPeriodId')} AND payment_id = ${field('guardPaymentId')})`;
    const now = new Date().toISOString();
    await db.batch([
      db
        .update(billingPeriods)
        .set({ paymentId: valueFor(payload, 'payment_id', billingPeriods.id) })
        .where(and(idIn(payload, billingPeriods.id), isNull(billingPeriods.paymentId))),
      // Not columns, `guard…` are read by the condition only: written where this run's claim took effect.
      insertJsonRows(
        db,
        payments,
        part.map(({ period, payment }) => ({
          ...payment,
          guardPeriodId: period.id,
          guardPaymentId: payment.id,
        })),
        claimed,
      ),
      insertJsonRows(
        db,
        events,
        part.map(({ period, payment }) => ({
          id: newId('event'),
          type: 'billing.period_billed',
          engagementId: period.engagementId,
          orgId: period.orgId,
          data: {
            engagement_id: period.engagementId,
            period_id: period.id,
            payment_id: payment.id,
            n: period.n,
            start: period.periodStart,
            end: period.periodEnd,
            amount: period.amount,
            currency: period.currency,
          } satisfies EventData<'billing.period_billed'>,
          createdAt: now,
          guardPeriodId: period.id,
          guardPaymentId: payment.id,
        })),
        claimed,
      ),
    ]);
  }

  const withoutIntent = await db
    .select({ payment: payments, periodId: billingPeriods.id })
    .from(billingPeriods)
    .innerJoin(payments, eq(payments.id, billingPeriods.paymentId))
    .where(and(eq(payments.status, 'pending'), isNull(payments.providerPaymentId)))
    .limit(PER_RUN);
  let intents = 0;
  for (const { payment, periodId } of withoutIntent) {
    try {
      await attachIntent(env, db, payment, { billing_period_id: periodId });
      intents++;
    } catch (error) {
      // Kept pending without an intent: the sweep asks again (same idempotency key, same intent).
      log.warn('billing intent failed; retried by the sweep', {
        payment_id: payment.id,
        error: String(error),
      });
    }
  }
  return { payments_opened: claims.length, intents_created: intents };
}

const lastDay = (end: string) => utcDay(new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000));

const describe = (title: string, period: BillingPeriod | ReturnType<typeof periodRows>[number]) =>
  `${title}: ${period.periodStart} to ${lastDay(period.periodEnd)}`;

/** An engagement's schedule and every period with its payment's status (tenant-scoped). */
export async function engagementBilling(scope: TenantScope, engagementId: string) {
  const engagement = await scope.engagement(engagementId);
  const rows = await scope.db
    .select({ period: billingPeriods, status: payments.status })
    .from(billingPeriods)
    .leftJoin(payments, eq(payments.id, billingPeriods.paymentId))
    .where(eq(billingPeriods.engagementId, engagement.id))
    .orderBy(asc(billingPeriods.n));
  const anchor = rows[0]?.period.anchor ?? null;
  return {
    engagement_id: engagement.id,
    interval: engagement.rateInterval,
    amount: engagement.rateAmount,
    currency: engagement.rateCurrency,
    anchor,
    paused: engagement.billingPausedAt !== null,
    // A collection that failed and is not yet paid by another means: the company is behind.
    overdue: rows.some((row) => row.status === 'failed'),
    periods: rows.map(({ period, status }) => ({
      id: period.id,
      n: period.n,
      start: period.periodStart,
      end: period.periodEnd,
      amount: period.amount,
      currency: period.currency,
      skipped: period.skipped,
      ended_on: period.endedOn,
      prorated_amount: period.proratedAmount,
      payment_id: period.paymentId,
      payment_status: status ?? null,
    })),
  };
}

/** Event handler: the expert accepted, so the schedule starts and the first period is billed. */
export const startBillingOnAccept: EventHandler = {
  name: 'billing.start',
  // Periods are unique per (engagement, n) and their payments claimed once: a second run changes nothing.
  deduplicatesByEventId: true,
  async run(env, event) {
    if (!event.engagement_id) return;
    await startBilling(env, createDb(env.DB), event.engagement_id, event.created_at);
  },
};
