// Handling a provider event (a verified Stripe webhook, or the embedded provider's outcome): the same code
// either way. Each event id is handled once (`provider_events`), and every effect is idempotent on its own
// too — conditional status updates, ledger entries unique by (kind, source) — so even two deliveries racing
// each other credit once.
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { experts, ledgerEntries, type Payment, payments, providerEvents } from '../../db/schema';
import type { EventData, EventType } from '../../events/catalog';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { type OutboxEvent, recordEvent } from '../../lib/outbox';
import { stampedUpdate } from '../../lib/transition';
import { purchasedCredits, refundedCredits } from '../credits/purchases';
import { expertShare, platformFee, refundDebit } from './fee';
import { invoiceEffects } from './invoice-events';
import { type PaymentAction, paymentMachine } from './machine';
import type { ProviderEvent } from './provider';

export type EventOutcome = 'handled' | 'duplicate' | 'ignored';

type Obj = Record<string, unknown>;
type PaymentEventType = Extract<EventType, `payment.${string}`>;
const str = (value: unknown) => (typeof value === 'string' ? value : null);
const int = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);

/** Tries when a concurrent change to the same payment won the version race: re-read, re-decide. */
const MAX_TRIES = 3;

export async function handleProviderEvent(env: Env, event: ProviderEvent): Promise<EventOutcome> {
  const db = createDb(env.DB);
  const seen = await db.query.providerEvents.findFirst({ where: eq(providerEvents.id, event.id) });
  if (seen) return 'duplicate';
  const object = event.data.object as Obj;
  const record = db.insert(providerEvents).values({ id: event.id, type: event.type }).onConflictDoNothing();
  for (let tries = 1; ; tries++) {
    const statements = await effectsOf(env, db, event.type, object);
    if (statements.length === 0) {
      await record; // nothing (more) to do: remembered as handled
      log.info('provider event without effect', { id: event.id, type: event.type });
      return 'ignored';
    }
    const [head, ...rest] = statements;
    if (!head) continue;
    const [first] = await db.batch([head, ...rest, record]);
    // The first statement is the payment's guarded update (RETURNING): no row means another delivery changed
    // the payment first, and nothing of this batch's effects applied — but the event id was recorded with
    // them, so take it back out and decide again on the fresh row.
    if (!Array.isArray(first) || first.length > 0) return 'handled';
    await db.delete(providerEvents).where(eq(providerEvents.id, event.id));
    if (tries >= MAX_TRIES)
      throw new Error(`payment changed concurrently ${MAX_TRIES} times; let Stripe redeliver`);
  }
}

async function effectsOf(env: Env, db: Db, type: string, object: Obj): Promise<BatchItem<'sqlite'>[]> {
  if (type.startsWith('invoice.')) return invoiceEffects(env, db, type, object);
  switch (type) {
    case 'payment_intent.succeeded':
      return paidStatements(env, db, await paymentFor(db, str(object.id)));
    case 'payment_intent.payment_failed':
      return failed(db, object);
    case 'charge.refunded':
      return refunded(env, db, object);
    case 'transfer.reversed':
      return reversed(db, object);
    case 'account.updated':
      return accountUpdated(db, object);
    case 'charge.dispute.created':
      return disputed(env, db, object);
    case 'charge.dispute.closed':
      return disputeClosed(env, db, object);
    default:
      return [];
  }
}

async function paymentFor(db: Db, intentId: string | null): Promise<Payment | undefined> {
  if (!intentId) return undefined;
  return db.query.payments.findFirst({ where: eq(payments.providerPaymentId, intentId) });
}

/**
 * A payment transition by the machine, guarded by the version read (lib/transition) and, as a second fence,
 * by the statuses the machine allows it from.
 */
export function transition(
  db: Db,
  payment: Payment,
  action: PaymentAction,
  changes: Partial<typeof payments.$inferInsert> = {},
  where?: SQL,
) {
  const step = paymentMachine.plan(action, payment.status, 'system');
  const from = inArray(payments.status, [...paymentMachine.transitions[action].from]);
  const guarded = stampedUpdate(db, payments, payment, { ...changes, status: step.to }, and(from, where));
  return { ...guarded, event: step.event };
}

/** The guarded move to `failed` and its `payment.failed` event (a declined charge, or no intent created). */
export function failureStatements(
  db: Db,
  payment: Payment,
  reason: string,
  code: string | null = null,
): [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] {
  const { eventId, won, update, event } = transition(db, payment, 'fail', {
    failureReason: reason.slice(0, 500),
  });
  return [update, paymentEvent(db, payment, eventId, event, won, { reason, code })];
}

/**
 * A ledger entry of the payment's expert, written only where `won` holds (the payment's guarded update took
 * effect) and once per `sourceKey`, however often its cause is delivered. A credits purchase has no expert:
 * nothing to write (its effect is on the org's credits, see creditsEffects).
 */
function ledgerEntry(
  db: Db,
  payment: Payment,
  entry: { amount: number; kind: LedgerKind; sourceKey: string },
  won: SQL,
): BatchItem<'sqlite'>[] {
  if (!payment.expertId) return [];
  return [
    insertIf(
      db,
      ledgerEntries,
      {
        id: newId('ledger'),
        expertId: payment.expertId,
        currency: payment.currency,
        paymentId: payment.id,
        ...entry,
      },
      won,
    ).onConflictDoNothing(),
  ];
}

type LedgerKind = (typeof ledgerEntries.$inferInsert)['kind'];

export function paymentEvent<T extends PaymentEventType>(
  db: Db,
  payment: Payment,
  id: string,
  type: T,
  won: SQL,
  data: Partial<EventData<T>> = {},
) {
  const event = {
    id,
    type,
    engagementId: payment.engagementId,
    orgId: payment.orgId,
    data: {
      payment_id: payment.id,
      purpose: payment.purpose,
      expert_id: payment.expertId,
      ...(payment.credits ? { credits: payment.credits } : {}),
      amount: payment.amount,
      currency: payment.currency,
      ...data,
    },
  };
  // The payment's own fields plus `data` make the type's data; TypeScript cannot follow a spread over a
  // generic type, so the callers' `data` (checked against their type) is what keeps this honest.
  return recordEvent(db, event as OutboxEvent<T>, { onlyIf: won });
}

/**
 * The payment was collected (a PaymentIntent succeeded, or a period's invoice was paid): paid, and the
 * expert's share credited once. `changes`: what the event adds to the row (the invoice's intent).
 */
export function paidStatements(
  env: Env,
  db: Db,
  payment: Payment | undefined,
  changes: Partial<typeof payments.$inferInsert> = {},
) {
  if (!payment || !paymentMachine.transitions.succeed.from.some((s) => s === payment.status)) return [];
  const bps = loadConfig(env).PLATFORM_FEE_BPS;
  // A credits purchase is the platform's own sale: all of it is kept, nothing is the expert's.
  const shared = payment.purpose === 'engagement';
  const fee = shared ? platformFee(payment.amount, bps) : payment.amount;
  const credited = shared ? expertShare(payment.amount, bps) : 0;
  const { eventId, won, update, event } = transition(db, payment, 'succeed', {
    ...changes,
    feeAmount: fee,
    feeBps: bps,
    failureReason: null,
    retryAt: null,
    paidAt: new Date().toISOString(),
  });
  return [
    update,
    // The credit is unique per payment: no second one, whatever arrives twice.
    ...ledgerEntry(db, payment, { amount: credited, kind: 'payment', sourceKey: payment.id }, won),
    ...purchasedCredits(db, payment, won),
    paymentEvent(db, payment, eventId, event, won, { fee, credited }),
  ];
}

async function failed(db: Db, intent: Obj) {
  const payment = await paymentFor(db, str(intent.id));
  const error = (intent.last_payment_error ?? {}) as Obj;
  const reason = str(error.message) ?? 'The payment failed';
  // An invoice's attempt: the invoice's own event says whether Stripe retries (invoice-events.ts); this
  // one only tells why the card was refused.
  if (payment?.providerInvoiceId && (payment.status === 'pending' || payment.status === 'failed'))
    return [
      db
        .update(payments)
        .set({ failureReason: reason.slice(0, 500) })
        .where(and(eq(payments.id, payment.id), inArray(payments.status, ['pending', 'failed']))),
    ];
  if (payment?.status !== 'pending') return [];
  return failureStatements(db, payment, reason, str(error.code));
}

async function refunded(env: Env, db: Db, charge: Obj) {
  const payment = await paymentFor(db, str(charge.payment_intent));
  const total = int(charge.amount_refunded);
  if (!payment || total === null || payment.status === 'pending' || payment.status === 'failed') return [];
  const refundedNow = Math.min(total, payment.amount);
  if (refundedNow <= payment.amountRefunded) return []; // nothing new (an older event arriving late)
  const bps = payment.feeBps ?? loadConfig(env).PLATFORM_FEE_BPS;
  const debit = refundDebit(payment.amountRefunded, refundedNow, bps);
  // Only a newer cumulative amount applies (an older event arriving late changes nothing).
  const sameRefunded = eq(payments.amountRefunded, payment.amountRefunded);
  const full = refundedNow >= payment.amount;
  // In full: the machine's refund, with its event; in part: the payment stays paid, its amount raised.
  const { eventId, won, update, event } = full
    ? transition(db, payment, 'refund', { amountRefunded: refundedNow }, sameRefunded)
    : { ...stampedUpdate(db, payments, payment, { amountRefunded: refundedNow }, sameRefunded), event: null };
  return [
    update,
    ...(event
      ? [paymentEvent(db, payment, eventId, event, won, { amount_refunded: refundedNow, debit })]
      : []),
    ...ledgerEntry(
      db,
      payment,
      { amount: -debit, kind: 'refund', sourceKey: `${payment.id}:${refundedNow}` },
      won,
    ),
    ...(await refundedCredits(db, payment, refundedNow, won)),
  ];
}

/**
 * A chargeback: the bank took `amount` back from the platform, so the expert's share of it is debited (once
 * per dispute) and comes off the next payout — a balance that goes negative is carried, as after a refund.
 * One dispute per payment: Stripe allows one per charge.
 */
async function disputed(env: Env, db: Db, dispute: Obj) {
  const payment = await paymentFor(db, str(dispute.payment_intent));
  const amount = int(dispute.amount);
  const disputeId = str(dispute.id);
  if (!payment || amount === null || !disputeId || payment.disputeStatus !== null) return [];
  if (payment.status !== 'paid' && payment.status !== 'refunded') return [];
  const disputedAmount = Math.min(amount, payment.amount);
  const debit = refundDebit(0, disputedAmount, payment.feeBps ?? loadConfig(env).PLATFORM_FEE_BPS);
  const update = stampedUpdate(
    db,
    payments,
    payment,
    { disputeStatus: 'open', amountDisputed: disputedAmount },
    isNull(payments.disputeStatus),
  );
  return [
    update.update,
    ...ledgerEntry(
      db,
      payment,
      { amount: -debit, kind: 'dispute', sourceKey: `dispute:${disputeId}` },
      update.won,
    ),
    paymentEvent(db, payment, update.eventId, 'payment.disputed', update.won, {
      dispute_id: disputeId,
      disputed: disputedAmount,
      debit,
      reason: str(dispute.reason),
    }),
  ];
}

/** The dispute decided: won (or an inquiry closed without a chargeback) credits the debit back, once. */
async function disputeClosed(env: Env, db: Db, dispute: Obj) {
  const payment = await paymentFor(db, str(dispute.payment_intent));
  const disputeId = str(dispute.id);
  if (!payment || !disputeId || payment.disputeStatus !== 'open') return [];
  const outcome = dispute.status === 'won' || dispute.status === 'warning_closed' ? 'won' : 'lost';
  const credit =
    outcome === 'won'
      ? refundDebit(0, payment.amountDisputed, payment.feeBps ?? loadConfig(env).PLATFORM_FEE_BPS)
      : 0;
  const update = stampedUpdate(
    db,
    payments,
    payment,
    { disputeStatus: outcome },
    eq(payments.disputeStatus, 'open'),
  );
  return [
    update.update,
    ...(credit > 0
      ? ledgerEntry(
          db,
          payment,
          { amount: credit, kind: 'dispute_won', sourceKey: `dispute_won:${disputeId}` },
          update.won,
        )
      : []),
    paymentEvent(db, payment, update.eventId, 'payment.dispute_closed', update.won, {
      dispute_id: disputeId,
      outcome,
      credited: credit,
    }),
  ];
}

/**
 * A transfer taken back: the money is the expert's again and goes out with the next payout. `amount_reversed`
 * is cumulative, so only what is new since the last reversal credited for this transfer is credited (unique
 * per cumulative amount); and only the payout's own recorded transfer counts — reversing a duplicate transfer
 * claws back money paid twice, which must not be paid out again.
 */
async function reversed(db: Db, transfer: Obj) {
  const transferId = str(transfer.id);
  const payoutId = str(transfer.transfer_group);
  const total = int(transfer.amount_reversed);
  const payout = payoutId
    ? await db.query.payouts.findFirst({ where: (p, { eq }) => eq(p.id, payoutId) })
    : null;
  if (!payout || !transferId || transferId !== payout.transferId || !total || total <= 0) return [];
  const [credited] = await db
    .select({ sum: sql<number>`COALESCE(SUM(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.kind, 'payout_reversal'),
        sql`${ledgerEntries.sourceKey} LIKE ${`${transferId}:%`}`,
      ),
    );
  const credit = Math.min(total, payout.amount) - Number(credited?.sum ?? 0);
  if (credit <= 0) return [];
  return [
    db
      .insert(ledgerEntries)
      .values({
        id: newId('ledger'),
        expertId: payout.expertId,
        currency: payout.currency,
        amount: credit,
        kind: 'payout_reversal',
        payoutId: null,
        sourceKey: `${transferId}:${total}`,
      })
      .onConflictDoNothing(),
  ];
}

async function accountUpdated(db: Db, account: Obj) {
  const accountId = str(account.id);
  if (!accountId) return [];
  return [
    db
      .update(experts)
      .set({ payoutsEnabled: account.payouts_enabled === true })
      .where(eq(experts.stripeAccountId, accountId)),
  ];
}
