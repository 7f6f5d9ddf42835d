// The embedded payments provider (no STRIPE_SECRET_KEY: local development and tests). It behaves like Stripe's
// test mode where Engage can tell: PaymentIntents with client secrets, invoices for billed periods (each with
// its intent, so the same confirm pays it), customers, `pm_card_visa` succeeds and
// `pm_card_chargeDeclined` is declined — each outcome delivered as a Stripe-shaped event to the same handler
// as Stripe's webhooks — transfers idempotent by key and listed by transfer group, Connect accounts that are
// ready at once. Its transfers live in D1 (`embedded_transfers`), standing in for Stripe's books.

import { eq, inArray } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { embeddedTransfers, type Payment, payments } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import type { PaymentsProvider, ProviderEvent } from './provider';
import { ProviderRejectedError } from './provider';

const TEST_METHODS = {
  pm_card_visa: 'succeeded',
  pm_card_chargeDeclined: 'declined',
} as const;

const randomId = (prefix: string) => `${prefix}_emb_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;

function testOutcome(paymentMethod: string) {
  const outcome = TEST_METHODS[paymentMethod as keyof typeof TEST_METHODS];
  if (!outcome) {
    throw new ProviderRejectedError(
      `No such PaymentMethod: '${paymentMethod}' (use pm_card_visa or pm_card_chargeDeclined)`,
      'resource_missing',
    );
  }
  return outcome;
}

const DECLINE = {
  type: 'card_error',
  code: 'card_declined',
  decline_code: 'generic_decline',
  message: 'Your card was declined.',
};

/**
 * What Stripe sends for an attempt: the intent's outcome and, for a billed period's invoice, the invoice's —
 * `invoice.paid`, or `invoice.payment_failed` with no next attempt (no smart retries here: the company pays
 * again by hand).
 */
function outcomeEvents(payment: Payment, outcome: 'succeeded' | 'declined'): ProviderEvent[] {
  const intentId = payment.providerPaymentId ?? randomId('pi');
  const intent = {
    id: intentId,
    object: 'payment_intent',
    amount: payment.amount,
    currency: payment.currency,
    metadata: { payment_id: payment.id, engagement_id: payment.engagementId ?? '' },
    latest_charge: randomId('ch'),
  };
  const invoice = payment.providerInvoiceId
    ? {
        id: payment.providerInvoiceId,
        object: 'invoice',
        collection_method: 'charge_automatically',
        currency: payment.currency,
        amount_due: payment.amount,
        metadata: {
          payment_id: payment.id,
          engagement_id: payment.engagementId ?? '',
          org_id: payment.orgId,
        },
        payments: {
          object: 'list',
          data: [{ payment: { type: 'payment_intent', payment_intent: intentId } }],
        },
      }
    : null;
  if (outcome === 'succeeded') {
    if (invoice)
      return [
        {
          id: randomId('evt'),
          type: 'invoice.paid',
          data: { object: { ...invoice, status: 'paid', amount_paid: payment.amount, attempt_count: 1 } },
        },
      ];
    return [
      {
        id: randomId('evt'),
        type: 'payment_intent.succeeded',
        data: { object: { ...intent, status: 'succeeded', amount_received: payment.amount } },
      },
    ];
  }
  const declined: ProviderEvent = {
    id: randomId('evt'),
    type: 'payment_intent.payment_failed',
    data: { object: { ...intent, status: 'requires_payment_method', last_payment_error: DECLINE } },
  };
  if (!invoice) return [declined];
  return [
    declined,
    {
      id: randomId('evt'),
      type: 'invoice.payment_failed',
      data: {
        object: { ...invoice, status: 'open', amount_paid: 0, attempt_count: 1, next_payment_attempt: null },
      },
    },
  ];
}

export function embeddedProvider(env: Env): PaymentsProvider {
  const db = createDb(env.DB);
  return {
    name: 'embedded',

    async createPaymentIntent() {
      const id = randomId('pi');
      return { id, clientSecret: `${id}_secret_${crypto.randomUUID().slice(0, 8)}` };
    },

    async createCustomer() {
      return { id: randomId('cus') };
    },

    async createInvoice() {
      // Stateless like its intents: the payment row holds the amount, the period and the metadata.
      const intent = randomId('pi');
      return {
        id: randomId('in'),
        intentId: intent,
        clientSecret: `${intent}_secret_${crypto.randomUUID().slice(0, 8)}`,
        hostedUrl: null, // paid in the dashboard with the test card
      };
    },

    async lowerInvoice() {
      // The payment row is the embedded invoice: its lowered amount is what a confirm collects.
    },

    async confirmPaymentIntent(intentId, paymentMethod) {
      const outcome = testOutcome(paymentMethod);
      const payment = await db.query.payments.findFirst({ where: eq(payments.providerPaymentId, intentId) });
      if (!payment)
        throw new ProviderRejectedError(`No such payment_intent: '${intentId}'`, 'resource_missing');
      return outcomeEvents(payment, outcome);
    },

    async payInvoice(invoiceId, paymentMethod) {
      const outcome = testOutcome(paymentMethod);
      const payment = await db.query.payments.findFirst({ where: eq(payments.providerInvoiceId, invoiceId) });
      if (!payment) throw new ProviderRejectedError(`No such invoice: '${invoiceId}'`, 'resource_missing');
      return outcomeEvents(payment, outcome);
    },

    async updateIntentAmount() {
      // The payment row is the embedded intent: its amount is what a confirm collects.
    },

    async refund(input) {
      const payment = await db.query.payments.findFirst({
        where: eq(payments.providerPaymentId, input.intentId),
      });
      if (!payment)
        throw new ProviderRejectedError(`No such payment_intent: '${input.intentId}'`, 'resource_missing');
      // Like Stripe's charge.refunded: the cumulative amount refunded on the charge.
      const event: ProviderEvent = {
        id: `evt_emb_${input.idempotencyKey.replace(/[^a-zA-Z0-9]/g, '_')}`,
        type: 'charge.refunded',
        data: {
          object: {
            id: randomId('ch'),
            object: 'charge',
            payment_intent: input.intentId,
            amount_refunded: Math.min(payment.amount, payment.amountRefunded + input.amount),
          },
        },
      };
      return [event];
    },

    async createTransfer(input) {
      // Like Stripe: the same idempotency key answers the first transfer again, whatever happened since.
      // One statement: on a repeated key the no-op update makes RETURNING give the existing row.
      const [row] = await db
        .insert(embeddedTransfers)
        .values({
          id: randomId('tr'),
          idempotencyKey: input.idempotencyKey,
          destination: input.destination,
          amount: input.amount,
          currency: input.currency,
          transferGroup: input.transferGroup,
        })
        .onConflictDoUpdate({
          target: embeddedTransfers.idempotencyKey,
          set: { idempotencyKey: input.idempotencyKey },
        })
        .returning({ id: embeddedTransfers.id });
      if (!row) throw new Error('embedded transfer vanished');
      return { id: row.id };
    },

    async listTransfers(groups) {
      const rows = [];
      for (const part of chunks(groups, IDS_PER_STATEMENT)) {
        rows.push(
          ...(await db
            .select()
            .from(embeddedTransfers)
            .where(inArray(embeddedTransfers.transferGroup, part))),
        );
      }
      return rows.map((row) => ({
        id: row.id,
        amount: row.amount,
        currency: row.currency,
        destination: row.destination,
        transferGroup: row.transferGroup,
        reversed: false,
      }));
    },

    async connectAccount(input) {
      return {
        accountId: input.existingAccountId ?? randomId('acct'),
        onboardingUrl: null,
        payoutsEnabled: true,
      };
    },
  };
}
