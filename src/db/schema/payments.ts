// Money: payments by companies, the experts' ledger, weekly payouts, and the provider events already handled.
// Every amount is an integer in minor units (cents) with a lower-case ISO 4217 currency.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    /** What is paid for: an engagement's work (credited to its expert), or a pack of AI credits (the org's). */
    purpose: text('purpose', { enum: ['engagement', 'credits'] })
      .notNull()
      .default('engagement'),
    /** Null for a credits purchase, which no engagement or expert shares in. */
    engagementId: text('engagement_id'),
    orgId: text('org_id').notNull(),
    expertId: text('expert_id'),
    /** A credits purchase: the pack bought and the credits it adds once paid. */
    creditPack: text('credit_pack'),
    credits: integer('credits'),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    description: text('description'),
    /** `void`: a billed period's invoice was voided, so nothing is owed (see payments/machine.ts). */
    status: text('status', { enum: ['pending', 'paid', 'failed', 'refunded', 'void'] }).notNull(),
    provider: text('provider', { enum: ['stripe', 'embedded'] }).notNull(),
    /** The PaymentIntent (pi_…); unique, so a provider event finds its payment. */
    providerPaymentId: text('provider_payment_id'),
    clientSecret: text('client_secret'),
    /** A billed period's Stripe Invoice (in_…), or the embedded provider's; unique, so invoice events find it. */
    providerInvoiceId: text('provider_invoice_id'),
    /** Stripe's page where the company pays a billed period's invoice by any method it allows. */
    hostedInvoiceUrl: text('hosted_invoice_url'),
    /**
     * A failed invoice payment Stripe will try again (smart retries): its next attempt. Null once Stripe gave up
     * (or for a payment nobody retries): only then is the engagement overdue.
     */
    retryAt: text('retry_at'),
    /** The platform's fee and the expert's credit, fixed when the payment is paid (see src/modules/payments/fee.ts). */
    feeAmount: integer('fee_amount'),
    /** The fee rate applied when paid: refunds debit at the same rate, whatever PLATFORM_FEE_BPS is later. */
    feeBps: integer('fee_bps'),
    amountRefunded: integer('amount_refunded').notNull().default(0),
    /** A chargeback: open while Stripe decides, then won (the money came back) or lost. */
    disputeStatus: text('dispute_status', { enum: ['open', 'won', 'lost'] }),
    amountDisputed: integer('amount_disputed').notNull().default(0),
    failureReason: text('failure_reason'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(0),
    lastEventId: text('last_event_id'),
    createdAt: timestamp('created_at'),
    paidAt: text('paid_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    uniqueIndex('payments_provider_id').on(t.providerPaymentId),
    uniqueIndex('payments_provider_invoice').on(t.providerInvoiceId),
    index('payments_org').on(t.orgId, t.id),
    index('payments_expert').on(t.expertId, t.id),
    index('payments_paid').on(t.paidAt),
  ],
);

/**
 * The experts' ledger: immutable entries, balances derived by summing. A paid payment credits `amount − fee`,
 * a refund debits its share, a completed payout debits what it transferred. `payoutId` marks the entries a
 * payout covers (null: not yet paid out). `sourceKey` makes each effect happen once however often its cause
 * is delivered (a Stripe event id, a payout id).
 */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: text('id').primaryKey(),
    expertId: text('expert_id').notNull(),
    currency: text('currency').notNull(),
    amount: integer('amount').notNull(),
    kind: text('kind', {
      enum: ['payment', 'refund', 'payout', 'payout_reversal', 'dispute', 'dispute_won'],
    }).notNull(),
    paymentId: text('payment_id'),
    /** For payment/refund entries: the payout that includes them. For payout entries: the payout itself. */
    payoutId: text('payout_id'),
    sourceKey: text('source_key').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    uniqueIndex('ledger_entries_source').on(t.kind, t.sourceKey),
    index('ledger_entries_open').on(t.expertId, t.currency, t.payoutId),
    index('ledger_entries_payout').on(t.payoutId),
  ],
);

export const payouts = sqliteTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    expertId: text('expert_id').notNull(),
    currency: text('currency').notNull(),
    /** ISO week the payout covers, e.g. "2026-W47". */
    week: text('week').notNull(),
    amount: integer('amount').notNull(),
    status: text('status', { enum: ['pending', 'processing', 'completed', 'failed', 'skipped'] }).notNull(),
    transferId: text('transfer_id'),
    error: text('error'),
    /** Transfer attempts: the idempotency key is `<payout id>:<attempt>`. */
    attempts: integer('attempts').notNull().default(0),
    version: integer('version').notNull().default(0),
    lastEventId: text('last_event_id'),
    createdAt: timestamp('created_at'),
    processedAt: text('processed_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    uniqueIndex('payouts_expert_week').on(t.expertId, t.currency, t.week),
    index('payouts_status').on(t.status, t.updatedAt),
    index('payouts_week').on(t.week, t.id),
  ],
);

/** Stripe (and embedded-provider) events already handled, by their id: a redelivery is a no-op. */
export const providerEvents = sqliteTable('provider_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at'),
});

/** The embedded provider's own records (local development and tests only): what Stripe would store. */
export const embeddedTransfers = sqliteTable('embedded_transfers', {
  id: text('id').primaryKey(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  destination: text('destination').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  transferGroup: text('transfer_group'),
  createdAt: timestamp('created_at'),
});

export type Payment = typeof payments.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type Payout = typeof payouts.$inferSelect;

/** Every prepare and process step, with what it did: the admin's view of payout runs, and the benchmark's. */
export const payoutRuns = sqliteTable(
  'payout_runs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['prepare', 'process'] }).notNull(),
    /** cron, admin, or queue (a continuation step). */
    trigger: text('trigger').notNull(),
    week: text('week'),
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    statements: integer('statements').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('payout_runs_started').on(t.startedAt)],
);

/**
 * The billing schedule of an engagement: one row per period of its rate, billed in advance (billing/periods.ts).
 * `(engagement, n)` is unique, so however often or concurrently the billing runs, a period is billed once;
 * `paymentId` is claimed in the same batch that writes the period's payment.
 */
export const billingPeriods = sqliteTable(
  'billing_periods',
  {
    id: text('id').primaryKey(),
    engagementId: text('engagement_id').notNull(),
    orgId: text('org_id').notNull(),
    expertId: text('expert_id').notNull(),
    /** The day the schedule started (the expert's acceptance, UTC); every period is computed from it. */
    anchor: text('anchor').notNull(),
    n: integer('n').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    interval: text('interval', { enum: ['month', 'week'] }).notNull(),
    paymentId: text('payment_id'),
    /** Began while billing was paused: not billed. */
    skipped: integer('skipped', { mode: 'boolean' }).notNull().default(false),
    /** The engagement ended inside this period: the day it ended and what the used days cost (billing/proration.ts). */
    endedOn: text('ended_on'),
    proratedAmount: integer('prorated_amount'),
    /** When the payment was brought down to the prorated amount (or the difference refunded). */
    prorationAppliedAt: text('proration_applied_at'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    uniqueIndex('billing_periods_engagement_n').on(t.engagementId, t.n),
    index('billing_periods_unpaid').on(t.paymentId),
  ],
);

export type BillingPeriod = typeof billingPeriods.$inferSelect;
