// The Stripe provider: stripe-node with its fetch HTTP client (workerd has no Node http), every call behind
// the `stripe` circuit breaker. Card and request errors are refusals (no retry mends them); connection and
// 5xx errors are transient — stripe-node already retried them with the same Idempotency-Key.
import Stripe from 'stripe';
import { withBreaker } from '../../lib/breaker';
import type { CreatedInvoice, PaymentsProvider, ProviderEvent } from './provider';
import { ProviderRejectedError } from './provider';

export function createStripeClient(secretKey: string): Stripe {
  return new Stripe(secretKey, {
    // Looks fetch up at each call (the default captures it when built), so tests can intercept it.
    httpClient: Stripe.createFetchHttpClient((...args: Parameters<typeof fetch>) =>
      globalThis.fetch(...args),
    ),
    maxNetworkRetries: 2,
    timeout: 20_000,
  });
}

const unixDay = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000);

/** The PaymentIntent collecting an invoice: `payments` (API 2025-03-31 on), `payment_intent` before. */
export function invoiceIntent(invoice: Record<string, unknown> | Stripe.Invoice): string | null {
  const payments = (invoice as { payments?: { data?: { payment?: { payment_intent?: unknown } }[] } })
    .payments;
  const intent =
    (invoice as { payment_intent?: unknown }).payment_intent ?? payments?.data?.[0]?.payment?.payment_intent;
  if (typeof intent === 'string') return intent;
  const expanded = (intent as { id?: unknown } | null | undefined)?.id;
  return typeof expanded === 'string' ? expanded : null;
}

const created = (invoice: Stripe.Invoice): CreatedInvoice => ({
  id: invoice.id ?? '',
  intentId: invoiceIntent(invoice),
  clientSecret: null,
  hostedUrl: invoice.hosted_invoice_url ?? null,
});

/** Ids go into Stripe's search language between single quotes: only the characters ids are made of. */
const searchValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '');

export function stripeProvider(env: Env, secretKey: string): PaymentsProvider {
  const stripe = createStripeClient(secretKey);
  const call = <T>(operation: () => Promise<T>) =>
    withBreaker(
      env,
      'stripe',
      async () => {
        try {
          return await operation();
        } catch (error) {
          if (
            error instanceof Stripe.errors.StripeCardError ||
            error instanceof Stripe.errors.StripeInvalidRequestError
          ) {
            throw new ProviderRejectedError(error.message, error.code ?? null);
          }
          throw error;
        }
      },
      // Refusals say nothing about Stripe's health: they must not open the breaker.
      (error) => !(error instanceof ProviderRejectedError),
    );

  /** Finalizes a draft; a repeated call (after a crash) finds it finalized already and takes it as it is. */
  const finalize = async (invoiceId: string) => {
    try {
      return await call(() =>
        stripe.invoices.finalizeInvoice(invoiceId, { auto_advance: true, expand: ['payments'] }),
      );
    } catch (error) {
      if (!(error instanceof ProviderRejectedError)) throw error;
      const invoice = await call(() => stripe.invoices.retrieve(invoiceId, { expand: ['payments'] }));
      if (invoice.status === 'draft') throw error;
      return invoice;
    }
  };

  type InvoiceInput = Parameters<PaymentsProvider['createInvoice']>[0];

  /** The period's one item, on the invoice itself. */
  const addItem = (invoiceId: string, input: InvoiceInput, idempotencyKey: string) =>
    call(() =>
      stripe.invoiceItems.create(
        {
          customer: input.customerId,
          invoice: invoiceId,
          amount: input.amount,
          currency: input.currency,
          description: input.description,
          metadata: input.metadata,
          period: { start: unixDay(input.period.start), end: unixDay(input.period.end) },
        },
        { idempotencyKey },
      ),
    );

  /** An invoice found from an earlier run: a draft left without its item gets it, then is finalized. */
  const completeInvoice = async (invoice: Stripe.Invoice, input: InvoiceInput): Promise<CreatedInvoice> => {
    if (invoice.status !== 'draft') {
      const full = await call(() => stripe.invoices.retrieve(invoice.id ?? '', { expand: ['payments'] }));
      return created(full);
    }
    if (invoice.total === 0) {
      await addItem(invoice.id ?? '', input, `${input.idempotencyKey}:item:recovered`);
    }
    const finalized = await finalize(invoice.id ?? '');
    return created(finalized);
  };

  return {
    name: 'stripe',

    async createPaymentIntent(input) {
      const intent = await call(() =>
        stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency,
            description: input.description ?? undefined,
            metadata: input.metadata,
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return { id: intent.id, clientSecret: intent.client_secret };
    },

    async createCustomer(input) {
      // A customer made by a run whose D1 write was lost is found by its org, even after its key expired
      // (Stripe keeps keys 24 h): one company is never two customers. Search lags writes by about a minute,
      // which the key covers.
      const found = await call(() =>
        stripe.customers.search({ query: `metadata['org_id']:'${searchValue(input.orgId)}'`, limit: 1 }),
      );
      const existing = found.data[0];
      if (existing) return { id: existing.id };
      const customer = await call(() =>
        stripe.customers.create(
          { name: input.name, email: input.email ?? undefined, metadata: { org_id: input.orgId } },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return { id: customer.id };
    },

    async createInvoice(input) {
      const paymentId = input.metadata.payment_id;
      if (input.mayExist && paymentId) {
        const found = await call(() =>
          stripe.invoices.search({ query: `metadata['payment_id']:'${searchValue(paymentId)}'`, limit: 1 }),
        );
        const existing = found.data[0];
        if (existing) return completeInvoice(existing, input);
      }
      // The invoice first, then its item attached to it: a pending item of the customer could otherwise be
      // swept into another period's invoice created at the same moment.
      const draft = await call(() =>
        stripe.invoices.create(
          {
            customer: input.customerId,
            collection_method: 'charge_automatically',
            auto_advance: true,
            currency: input.currency,
            description: input.description,
            metadata: input.metadata,
            pending_invoice_items_behavior: 'exclude',
          },
          { idempotencyKey: `${input.idempotencyKey}:invoice` },
        ),
      );
      await addItem(draft.id ?? '', input, `${input.idempotencyKey}:item`);
      const invoice = await finalize(draft.id);
      return created(invoice);
    },

    async lowerInvoice(input) {
      // From what it asks now, so a call repeated after a crash credits nothing twice (and the key is the same).
      const invoice = await call(() => stripe.invoices.retrieve(input.invoiceId));
      const asked = invoice.total - invoice.pre_payment_credit_notes_amount;
      if (asked <= input.amount) return;
      await call(() =>
        stripe.creditNotes.create(
          { invoice: input.invoiceId, amount: asked - input.amount, reason: 'order_change' },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
    },

    async payInvoice(invoiceId, paymentMethod) {
      try {
        await call(() => stripe.invoices.pay(invoiceId, { payment_method: paymentMethod }));
      } catch (error) {
        // A declined test card is an outcome, reported by the invoice.payment_failed webhook.
        if (!(error instanceof ProviderRejectedError && error.code === 'card_declined')) throw error;
      }
      return [] as ProviderEvent[];
    },

    async confirmPaymentIntent(intentId, paymentMethod) {
      // Test mode only (the route checks the key): the outcome arrives by webhook.
      try {
        await call(() => stripe.paymentIntents.confirm(intentId, { payment_method: paymentMethod }));
      } catch (error) {
        // A declined test card is an outcome, reported by the payment_intent.payment_failed webhook.
        if (!(error instanceof ProviderRejectedError && error.code === 'card_declined')) throw error;
      }
      return [] as ProviderEvent[];
    },

    async updateIntentAmount(intentId, amount) {
      await call(() => stripe.paymentIntents.update(intentId, { amount }));
    },

    async refund(input) {
      await call(() =>
        stripe.refunds.create(
          { payment_intent: input.intentId, amount: input.amount },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return []; // the outcome arrives as charge.refunded
    },

    async createTransfer(input) {
      const transfer = await call(() =>
        stripe.transfers.create(
          {
            amount: input.amount,
            currency: input.currency,
            destination: input.destination,
            transfer_group: input.transferGroup,
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return { id: transfer.id };
    },

    async listTransfers(groups) {
      const found = [];
      for (const group of groups) {
        // One group is one payout: a handful of transfers at most (one per attempt that reached Stripe).
        const page = await call(() => stripe.transfers.list({ transfer_group: group, limit: 100 }));
        for (const t of page.data) {
          found.push({
            id: t.id,
            amount: t.amount,
            currency: t.currency,
            destination: typeof t.destination === 'string' ? t.destination : (t.destination?.id ?? ''),
            transferGroup: t.transfer_group ?? null,
            reversed: t.reversed,
          });
        }
      }
      return found;
    },

    async connectAccount(input) {
      const accountId =
        input.existingAccountId ??
        (
          await call(() =>
            stripe.accounts.create(
              {
                type: 'express',
                email: input.email ?? undefined,
                capabilities: { transfers: { requested: true } },
                metadata: { expert_id: input.expertId },
              },
              { idempotencyKey: `connect:${input.expertId}` },
            ),
          )
        ).id;
      const link = await call(() =>
        stripe.accountLinks.create({
          account: accountId,
          refresh_url: input.returnUrl,
          return_url: input.returnUrl,
          type: 'account_onboarding',
        }),
      );
      return { accountId, onboardingUrl: link.url, payoutsEnabled: false };
    },
  };
}
