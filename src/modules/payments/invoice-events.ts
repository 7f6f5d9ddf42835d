// A billed period's invoice events (Stripe's webhooks, or the embedded provider's outcomes), in any order and
// however often: `invoice.paid` settles the payment through the same statements as a succeeded PaymentIntent
// (one ledger credit); `invoice.payment_failed` with a next attempt keeps it `failed` awaiting Stripe's smart
// retry (`retry_at`), with none — or `invoice.marked_uncollectible` — fails it for good (overdue, the company is
// emailed once); `invoice.voided` leaves nothing owed (`void`). Money wins: a paid invoice settles a payment
// whatever failure or void was seen before, and nothing moves a paid payment back.
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { type Payment, payments } from '../../db/schema';
import { paidStatements, paymentEvent, transition } from './events';
import { invoiceIntent } from './stripe-provider';

type Obj = Record<string, unknown>;

/** The invoice's payment: by invoice id, or by the payment id in its metadata before that id was recorded. */
async function paymentForInvoice(db: Db, invoice: Obj): Promise<Payment | undefined> {
  const invoiceId = typeof invoice.id === 'string' ? invoice.id : '';
  const found = await db.query.payments.findFirst({ where: eq(payments.providerInvoiceId, invoiceId) });
  if (found) return found;
  const paymentId = (invoice.metadata as Obj | null | undefined)?.payment_id;
  if (typeof paymentId !== 'string') return undefined;
  return db.query.payments.findFirst({
    where: and(eq(payments.id, paymentId), isNull(payments.providerInvoiceId)),
  });
}

const atOf = (unix: unknown) => (typeof unix === 'number' ? new Date(unix * 1000).toISOString() : null);

export async function invoiceEffects(
  env: Env,
  db: Db,
  type: string,
  invoice: Obj,
): Promise<BatchItem<'sqlite'>[]> {
  const payment = await paymentForInvoice(db, invoice);
  if (!payment) return [];
  const intent = invoiceIntent(invoice);
  // What an event teaches about the payment's provider objects, recorded with its first change.
  const learned = {
    ...(payment.providerInvoiceId ? {} : { providerInvoiceId: String(invoice.id) }),
    ...(payment.providerPaymentId || !intent ? {} : { providerPaymentId: intent }),
  };
  switch (type) {
    case 'invoice.paid':
      return paidStatements(env, db, payment, learned);
    case 'invoice.payment_failed':
      return failedAttempt(db, payment, atOf(invoice.next_payment_attempt), learned);
    case 'invoice.marked_uncollectible':
      return failedAttempt(db, payment, null, learned, 'Stripe gave up collecting the invoice');
    case 'invoice.voided':
      return voided(db, payment, learned);
    default:
      return [];
  }
}

/**
 * An attempt failed. `nextAt`: Stripe's next attempt (smart retries), or null when it gave up. A first failure
 * moves `pending → failed`; the last one (`nextAt` null) moves a payment still awaiting a retry to failed for
 * good, which is what emails the company (a `payment.failed` without `next_attempt_at`). Between the two, a
 * later retry date only moves `retry_at` forward; a failure arriving after the last one changes nothing.
 */
function failedAttempt(
  db: Db,
  payment: Payment,
  nextAt: string | null,
  learned: Partial<Payment>,
  fallbackReason = 'The invoice payment failed',
): BatchItem<'sqlite'>[] {
  const retrying = payment.status === 'failed' && payment.retryAt !== null;
  if (payment.status !== 'pending' && !retrying) return [];
  if (retrying && nextAt !== null) {
    if (nextAt <= (payment.retryAt ?? '')) return []; // an earlier attempt's event, late
    return [
      db
        .update(payments)
        .set({ retryAt: nextAt })
        .where(and(eq(payments.id, payment.id), eq(payments.status, 'failed'), lt(payments.retryAt, nextAt))),
    ];
  }
  const reason = payment.failureReason ?? fallbackReason;
  const stillOpen = or(eq(payments.status, 'pending'), isNotNull(payments.retryAt));
  const { eventId, won, update, event } = transition(
    db,
    payment,
    'fail',
    { ...learned, failureReason: reason.slice(0, 500), retryAt: nextAt },
    stillOpen,
  );
  return [update, paymentEvent(db, payment, eventId, event, won, { reason, next_attempt_at: nextAt })];
}

/** The invoice was voided: nothing is owed, so the payment is `void` (never overdue) unless it was collected. */
function voided(db: Db, payment: Payment, learned: Partial<Payment>): BatchItem<'sqlite'>[] {
  if (payment.status !== 'pending' && payment.status !== 'failed') return [];
  const { eventId, won, update, event } = transition(db, payment, 'void', { ...learned, retryAt: null });
  return [update, paymentEvent(db, payment, eventId, event, won)];
}
