// Proration of the last period when an engagement ends inside it. A period is billed in advance, so the
// company is owed the days it will not use: the period costs rate × used days ÷ period days, rounded half
// up to the minor unit, where the used days run from the period's first day through the day the engagement
// ended (ending on the first day uses one day). An unpaid payment is brought down to that amount (its open
// invoice by a credit note of the difference); a paid one
// gets the difference refunded (Stripe's charge.refunded then debits the expert's share, as any refund does).
// Once per period: the prorated amount is claimed on the row first, the provider calls carry keys derived
// from the period, and the sweep finishes a claim a crash left unapplied.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { type BillingPeriod, billingPeriods, payments } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import { log } from '../../lib/logger';
import { handleProviderEvent } from '../payments/events';
import { paymentsProvider } from '../payments/providers';
import { daysBetween, utcDay } from './periods';

/** `amount × used ÷ days`, rounded half up, in integers only. */
export function proratedAmount(amount: number, usedDays: number, periodDays: number): number {
  const used = Math.min(Math.max(usedDays, 1), periodDays);
  return Math.floor((2 * amount * used + periodDays) / (2 * periodDays));
}

/** What the period costs when the engagement ended on `endedOn` (a UTC day); null: it ran to its end. */
export function prorationOf(
  period: Pick<BillingPeriod, 'periodStart' | 'periodEnd' | 'amount'>,
  endedOn: string,
) {
  if (endedOn < period.periodStart || endedOn >= period.periodEnd) return null;
  const days = daysBetween(period.periodStart, period.periodEnd);
  const used = daysBetween(period.periodStart, endedOn) + 1;
  if (used >= days) return null;
  return proratedAmount(period.amount, used, days);
}

/** The engagement ended at `endedAt`: its last period is prorated (once). */
export async function prorateLastPeriod(env: Env, db: Db, engagementId: string, endedAt: string) {
  const last = await db.query.billingPeriods.findFirst({
    where: eq(billingPeriods.engagementId, engagementId),
    orderBy: desc(billingPeriods.n),
  });
  if (!last) return;
  const endedOn = utcDay(endedAt);
  const amount = prorationOf(last, endedOn);
  if (amount !== null) {
    await db
      .update(billingPeriods)
      .set({ endedOn, proratedAmount: amount })
      .where(and(eq(billingPeriods.id, last.id), isNull(billingPeriods.proratedAmount)));
  }
  await applyProrations(env, db, engagementId);
}

/** Brings claimed prorations to the provider: an unpaid payment lowered, a paid one partly refunded. */
export async function applyProrations(env: Env, db: Db, engagementId?: string) {
  const due = await db
    .select({ period: billingPeriods, payment: payments })
    .from(billingPeriods)
    .innerJoin(payments, eq(payments.id, billingPeriods.paymentId))
    .where(
      and(
        isNotNull(billingPeriods.proratedAmount),
        isNull(billingPeriods.prorationAppliedAt),
        engagementId ? eq(billingPeriods.engagementId, engagementId) : undefined,
      ),
    )
    .limit(100);
  let applied = 0;
  for (const { period, payment } of due) {
    try {
      await applyOne(env, db, period, payment);
      applied++;
    } catch (error) {
      log.warn('proration not applied yet; the sweep tries again', {
        period_id: period.id,
        error: String(error),
      });
    }
  }
  return applied;
}

async function applyOne(env: Env, db: Db, period: BillingPeriod, payment: typeof payments.$inferSelect) {
  const prorated = period.proratedAmount ?? period.amount;
  const provider = paymentsProvider(env);
  if (payment.status === 'pending') {
    // Lowered only while still unpaid; a payment that was collected meanwhile gets the refund below.
    const [lowered] = await db
      .update(payments)
      .set({ amount: prorated, updatedAt: new Date().toISOString() })
      .where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')))
      .returning();
    if (lowered) {
      // An invoice is finalized: a credit note takes the unused days off what it still asks for.
      if (lowered.providerInvoiceId) {
        await provider.lowerInvoice({
          invoiceId: lowered.providerInvoiceId,
          amount: prorated,
          idempotencyKey: `proration:${period.id}`,
        });
      } else if (lowered.providerPaymentId) {
        await provider.updateIntentAmount(lowered.providerPaymentId, prorated);
      }
      return markApplied(db, period.id);
    }
    const fresh = await db.query.payments.findFirst({ where: eq(payments.id, payment.id) });
    if (!fresh) return;
    return applyOne(env, db, period, fresh);
  }
  if (payment.status === 'paid' && payment.providerPaymentId) {
    const credit = payment.amount - prorated;
    if (payment.amountRefunded < credit) {
      const events = await provider.refund({
        intentId: payment.providerPaymentId,
        amount: credit - payment.amountRefunded,
        idempotencyKey: `proration:${period.id}`,
      });
      for (const event of events) await handleProviderEvent(env, event);
    }
  }
  // Failed or refunded already: nothing is left to collect or give back.
  return markApplied(db, period.id);
}

async function markApplied(db: Db, periodId: string) {
  await db
    .update(billingPeriods)
    .set({ prorationAppliedAt: new Date().toISOString() })
    .where(and(eq(billingPeriods.id, periodId), isNull(billingPeriods.prorationAppliedAt)));
}

/** Event handler: the engagement was completed or cancelled, so its last period is prorated. */
export const prorateOnEnd: EventHandler = {
  name: 'billing.prorate',
  // The prorated amount is claimed once per period and applied with keys derived from it.
  deduplicatesByEventId: true,
  async run(env, event) {
    if (!event.engagement_id) return;
    await prorateLastPeriod(env, createDb(env.DB), event.engagement_id, event.created_at);
  },
};
