// Recurring billing at the contract rate: accepting an engagement starts its schedule and bills the first
// period at once; the daily cron (and the sweep, for anything a crash left half-done) bills every period
// that has begun since. Each period becomes one pending payment of the engagement's rate, invoiced to the
// company (a Stripe Invoice, invoices.ts) and settled by the provider's invoice events (payments/
// invoice-events.ts). Exactly once, however often or concurrently billing runs: a period is unique per
// (engagement, n), its payment is written in the same batch that claims the period, and its invoice is asked
// for with keys derived from the payment. Bulk throughout: D1 round trips grow with N ÷ batch, not with N.
import { and, asc, eq, gt, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { type BillingPeriod, billingPeriods, engagements, events, payments } from '../../db/schema';
import type { EventData } from '../../events/catalog';
import type { EventHandler } from '../../events/dispatch';
import { chunks } from '../../lib/chunks';
import { conflict } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { field, idIn, insertJsonRows, JSON_ROWS_CHUNK, valueFor } from '../../lib/json-rows';
import type { TenantScope } from '../../lib/tenancy';
import { auditStatements } from '../audit/record';
import type { PaymentsProvider } from '../payments/provider';
import { paymentsProvider } from '../payments/providers';
import { newPaymentRow } from '../payments/service';
import { sendJob } from '../payouts/queue-send';
import { type D1Count, invoicePeriodPayments } from './invoices';
import { type Interval, periodsBegunBy, utcDay } from './periods';

/** Periods claimed per step (each step one read and one D1 batch). */
const CLAIMS_PER_STEP = 1000;
/** Invoices asked of Stripe per step (four calls each, within a Worker's subrequests); the queue continues. */
const STRIPE_INVOICES_PER_RUN = 200;

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
  return statements.length;
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
  const count: D1Count = { roundTrips: 1, statements: 1 };
  const rows = (await schedulesOf(db)).flatMap((schedule) => periodRows(schedule, today));
  const written = await writePeriods(db, rows);
  count.roundTrips += written ? 1 : 0;
  count.statements += written;
  const billed = await openPeriodPayments(env, db, count);
  return {
    day: today,
    periods_written: rows.length,
    ...billed,
    d1_round_trips: count.roundTrips,
    d1_statements: count.statements,
  };
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
  // An admin's pause or resume is audited in the batch that makes it.
  const audit = auditStatements(db, scope.principal, {
    action: paused ? 'billing.pause' : 'billing.resume',
    targetId: engagement.id,
    details: { title: engagement.title },
  });
  if (paused) {
    await db.batch([
      db
        .update(engagements)
        .set({ billingPausedAt: new Date().toISOString() })
        .where(and(eq(engagements.id, engagement.id), isNull(engagements.billingPausedAt))),
      ...audit,
    ]);
  } else {
    const today = utcDay(new Date());
    const rows = (await schedulesOf(db, eq(engagements.id, engagement.id))).flatMap((schedule) =>
      periodRows(schedule, today),
    );
    await writePeriods(db, rows);
    await db.batch([
      db.update(engagements).set({ billingPausedAt: null }).where(eq(engagements.id, engagement.id)),
      ...audit,
    ]);
  }
  return engagementBilling(scope, engagement.id);
}

/**
 * Gives every period without a payment its pending payment, then asks the provider for the invoices still
 * missing (invoices.ts). A period's payment is inserted only where this run's claim of the period took effect.
 * Bulk: per step of CLAIMS_PER_STEP periods one read and one D1 batch of a few statements per JSON_ROWS_CHUNK.
 */
export async function openPeriodPayments(
  env: Env,
  db: Db,
  count: D1Count = { roundTrips: 0, statements: 0 },
) {
  const provider = paymentsProvider(env).name;
  let opened = 0;
  let after = '';
  for (;;) {
    const unclaimed = await db
      .select({ period: billingPeriods, title: engagements.title })
      .from(billingPeriods)
      .innerJoin(engagements, eq(engagements.id, billingPeriods.engagementId))
      .where(
        and(
          isNull(billingPeriods.paymentId),
          eq(billingPeriods.skipped, false),
          gt(billingPeriods.id, after),
        ),
      )
      .orderBy(asc(billingPeriods.id))
      .limit(CLAIMS_PER_STEP);
    count.roundTrips++;
    count.statements++;
    const last = unclaimed.at(-1);
    if (!last) break;
    after = last.period.id;
    const statements = chunks(unclaimed.map(claimOf(provider)), JSON_ROWS_CHUNK).flatMap((part) =>
      claimStatements(db, part),
    );
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
    count.roundTrips++;
    count.statements += statements.length;
    opened += unclaimed.length;
    if (unclaimed.length < CLAIMS_PER_STEP) break;
  }
  const invoiced = await invoiceStep(env, db, count);
  return { payments_opened: opened, ...invoiced };
}

/**
 * Invoices what is due, at most STRIPE_INVOICES_PER_RUN with Stripe (four API calls an invoice, so a step
 * stays within a Worker's subrequests). A full step that made progress queues the next one on the payouts
 * queue, so a backlog of thousands clears in minutes; a step that made none (Stripe down) leaves the rest to
 * the sweep instead of looping. Steps running at once are safe: invoices are keyed by payment.
 */
async function invoiceStep(env: Env, db: Db, count: D1Count) {
  const stripe = paymentsProvider(env).name === 'stripe';
  const max = stripe ? STRIPE_INVOICES_PER_RUN : Number.POSITIVE_INFINITY;
  const invoiced = await invoicePeriodPayments(env, db, count, max);
  const full = invoiced.invoices_created + invoiced.invoices_failed >= max;
  if (stripe && full && invoiced.invoices_created > 0) await sendJob(env, { job: 'invoice_periods' });
  return invoiced;
}

/** A queued continuation: the next step of invoicing. */
export async function invoiceNextStep(env: Env, db: Db) {
  return invoiceStep(env, db, { roundTrips: 0, statements: 0 });
}

const claimOf =
  (provider: PaymentsProvider['name']) =>
  ({ period, title }: { period: BillingPeriod; title: string }) => ({
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
  });

/** Claims the periods for these payments, and writes each payment and event where its claim won. */
function claimStatements(db: Db, part: ReturnType<ReturnType<typeof claimOf>>[]) {
  const payload = JSON.stringify(
    part.map(({ period, payment }) => ({ id: period.id, payment_id: payment.id })),
  );
  const claimed = sql`EXISTS (SELECT 1 FROM billing_periods WHERE id = ${field('guardPeriodId')} AND payment_id = ${field('guardPaymentId')})`;
  const now = new Date().toISOString();
  return [
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
  ];
}

const lastDay = (end: string) => utcDay(new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000));

const describe = (title: string, period: BillingPeriod | ReturnType<typeof periodRows>[number]) =>
  `${title}: ${period.periodStart} to ${lastDay(period.periodEnd)}`;

/** An engagement's schedule and every period with its payment's status (tenant-scoped). */
export async function engagementBilling(scope: TenantScope, engagementId: string) {
  const engagement = await scope.engagement(engagementId);
  const rows = await scope.db
    .select({
      period: billingPeriods,
      status: payments.status,
      retryAt: payments.retryAt,
      invoiceId: payments.providerInvoiceId,
    })
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
    // A collection that failed for good (Stripe retries no more) and is not yet paid: the company is behind.
    overdue: rows.some((row) => row.status === 'failed' && row.retryAt === null),
    periods: rows.map(({ period, status, retryAt, invoiceId }) => ({
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
      invoice_id: invoiceId ?? null,
      retry_at: retryAt ?? null,
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
