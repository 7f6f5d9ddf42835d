// Each billed period's payment becomes an invoice of the provider (a Stripe Invoice, or the embedded
// provider's stand-in) to the company's customer, in bounded steps with a few D1 round trips each: read a
// step's payments, make sure their companies are customers, ask the provider for every invoice (a few
// at a time), record them all in one D1 batch. Exactly one invoice per payment: the provider calls carry keys
// derived from the payment (Stripe answers a repeated key with the same object), and only a payment still
// without an invoice takes one, so of two runs at once the first to record wins and the other changes nothing.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { billingPeriods, orgs, payments } from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { idIn, JSON_ROWS_CHUNK, valueFor } from '../../lib/json-rows';
import { log } from '../../lib/logger';
import type { CreatedInvoice, PaymentsProvider } from '../payments/provider';
import { paymentsProvider } from '../payments/providers';

/** Payments read and invoiced per step. */
const PER_STEP = 500;
/** Provider calls in flight at once (Stripe: four an invoice, two per new customer). */
const CONCURRENCY = 8;
/**
 * A payment older than this may have had its invoice made by a run whose D1 write was lost, under a key
 * Stripe has forgotten since (it keeps keys 24 h, this leaves a margin): look for the invoice before making one.
 */
const KEYS_MAY_HAVE_EXPIRED_MS = 20 * 3600_000;

/** D1 work of a billing run, for the log and the benchmark: round trips (queries and batches) and statements. */
export interface D1Count {
  roundTrips: number;
  statements: number;
}

async function inParallel<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Every company's customer id, creating the missing ones once (key `customer:<org>`; of two runs creating
 * one at once, Stripe answers both with the same customer, and the id recorded first is the one used).
 */
async function customersOf(db: Db, provider: PaymentsProvider, orgIds: string[], count: D1Count) {
  const payload = JSON.stringify(orgIds.map((id) => ({ id })));
  const known = await db
    .select({ id: orgs.id, name: orgs.name, legalName: orgs.legalName, customer: orgs.stripeCustomerId })
    .from(orgs)
    .where(idIn(payload, orgs.id));
  count.roundTrips++;
  count.statements++;
  const customers = new Map(known.flatMap((o) => (o.customer ? [[o.id, o.customer] as const] : [])));
  const missing = known.filter((o) => !o.customer);
  if (missing.length === 0) return customers;
  const created = await inParallel(missing, CONCURRENCY, async (org) => {
    try {
      const customer = await provider.createCustomer({
        orgId: org.id,
        name: org.legalName ?? org.name,
        email: null,
        idempotencyKey: `customer:${org.id}`,
      });
      return { id: org.id, customer: customer.id };
    } catch (error) {
      log.warn('billing customer not created; retried by the next run', {
        org_id: org.id,
        error: String(error),
      });
      return null;
    }
  });
  const rows = created.filter((row) => row !== null);
  const updates = chunks(rows, JSON_ROWS_CHUNK).map((part) => {
    const rowsJson = JSON.stringify(part);
    return db
      .update(orgs)
      .set({ stripeCustomerId: valueFor(rowsJson, 'customer', orgs.id) })
      .where(and(idIn(rowsJson, orgs.id), isNull(orgs.stripeCustomerId)));
  });
  const [first, ...rest] = updates;
  if (!first) return customers;
  const recorded = db
    .select({ id: orgs.id, customer: orgs.stripeCustomerId })
    .from(orgs)
    .where(idIn(JSON.stringify(rows.map(({ id }) => ({ id }))), orgs.id));
  // Read back in the same batch: whichever run recorded first, its customer is the one invoiced.
  const results = await db.batch([first, ...rest, recorded]);
  count.roundTrips++;
  count.statements += updates.length + 1;
  for (const row of results.at(-1) as { id: string; customer: string | null }[])
    if (row.customer) customers.set(row.id, row.customer);
  return customers;
}

/**
 * Asks the provider for the invoice of every period payment that has none yet (at most `max` this run, in
 * steps of PER_STEP), and records them. Failures are logged and left for the next run (same keys).
 */
export async function invoicePeriodPayments(
  env: Env,
  db: Db,
  count: D1Count,
  max = Number.POSITIVE_INFINITY,
) {
  const provider = paymentsProvider(env);
  let after = '';
  let created = 0;
  let failed = 0;
  while (created + failed < max) {
    const limit = Math.min(PER_STEP, max - created - failed);
    const due = await db
      .select({ payment: payments, period: billingPeriods })
      .from(payments)
      .innerJoin(billingPeriods, eq(billingPeriods.paymentId, payments.id))
      .where(
        and(
          isNull(payments.providerInvoiceId),
          // A period billed before invoices (a PaymentIntent of its own) keeps its intent.
          isNull(payments.providerPaymentId),
          eq(payments.status, 'pending'),
          gt(payments.id, after),
        ),
      )
      .orderBy(asc(payments.id))
      .limit(limit);
    count.roundTrips++;
    count.statements++;
    const last = due.at(-1);
    if (!last) break;
    after = last.payment.id;
    const customers = await customersOf(db, provider, [...new Set(due.map((d) => d.payment.orgId))], count);
    const invoices = await inParallel(due, CONCURRENCY, async ({ payment, period }) => {
      const customerId = customers.get(payment.orgId);
      if (!customerId) return null;
      try {
        const invoice: CreatedInvoice = await provider.createInvoice({
          customerId,
          amount: payment.amount,
          currency: payment.currency,
          description: payment.description ?? `Billing period ${period.periodStart}`,
          period: { start: period.periodStart, end: period.periodEnd },
          metadata: {
            engagement_id: period.engagementId,
            period_id: period.id,
            payment_id: payment.id,
            org_id: payment.orgId,
            expert_id: period.expertId,
          },
          idempotencyKey: `payment:${payment.id}`,
          mayExist: Date.now() - Date.parse(payment.createdAt) > KEYS_MAY_HAVE_EXPIRED_MS,
        });
        return {
          id: payment.id,
          invoice: invoice.id,
          intent: invoice.intentId,
          secret: invoice.clientSecret,
          hosted: invoice.hostedUrl,
        };
      } catch (error) {
        log.warn('billing invoice not created; retried by the next run', {
          payment_id: payment.id,
          error: String(error),
        });
        return null;
      }
    });
    const rows = invoices.filter((row) => row !== null);
    const now = new Date().toISOString();
    const updates = chunks(rows, JSON_ROWS_CHUNK).map((part) => {
      const rowsJson = JSON.stringify(part);
      return db
        .update(payments)
        .set({
          providerInvoiceId: valueFor(rowsJson, 'invoice', payments.id),
          providerPaymentId: valueFor(rowsJson, 'intent', payments.id),
          clientSecret: valueFor(rowsJson, 'secret', payments.id),
          hostedInvoiceUrl: valueFor(rowsJson, 'hosted', payments.id),
          updatedAt: now,
        })
        .where(and(idIn(rowsJson, payments.id), isNull(payments.providerInvoiceId)));
    });
    const [first, ...rest] = updates;
    if (first) {
      await db.batch([first, ...rest]);
      count.roundTrips++;
      count.statements += updates.length;
    }
    created += rows.length;
    failed += due.length - rows.length;
    if (due.length < limit) break;
  }
  return { invoices_created: created, invoices_failed: failed };
}
