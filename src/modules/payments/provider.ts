// The payments provider behind one interface: Stripe (stripe-node) when STRIPE_SECRET_KEY is set, otherwise the
// embedded provider that behaves like Stripe's test mode. Both hand their events to the same handler
// (./events.ts), so local runs exercise the code that production runs on Stripe's webhooks.

/** The part of a Stripe event Engage reads; the embedded provider produces the same shape. */
export interface ProviderEvent {
  id: string;
  type: string;
  data: { object: Record<string, unknown> };
}

export interface CreatedIntent {
  id: string;
  clientSecret: string | null;
}

/** A billed period's invoice: finalized and collected automatically (Stripe's smart retries on failure). */
export interface CreatedInvoice {
  id: string;
  /** The PaymentIntent that collects it, when the provider names it (refunds and disputes find it by this). */
  intentId: string | null;
  clientSecret: string | null;
  /** Where the payer pays the invoice themselves (Stripe's hosted invoice page); null for the embedded provider. */
  hostedUrl: string | null;
}

export interface ConnectedAccount {
  accountId: string;
  /** Where the expert completes onboarding; null when nothing is left to do (embedded). */
  onboardingUrl: string | null;
  payoutsEnabled: boolean;
}

export interface ProviderTransfer {
  id: string;
  amount: number;
  currency: string;
  destination: string;
  transferGroup: string | null;
  reversed: boolean;
}

export interface PaymentsProvider {
  readonly name: 'stripe' | 'embedded';
  createPaymentIntent(input: {
    amount: number;
    currency: string;
    description: string | null;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<CreatedIntent>;
  /** The company as a customer to invoice; asked once per company (the id is kept on the org). */
  createCustomer(input: {
    orgId: string;
    name: string;
    email: string | null;
    idempotencyKey: string;
  }): Promise<{ id: string }>;
  /**
   * One invoice for one billed period: an item of `amount` on a new invoice of its own, charged automatically,
   * finalized. No `transfer_data`: the platform collects, payouts to experts stay ours. Every create call
   * carries a key derived from `idempotencyKey`, so asking again after a crash gives the same invoice.
   */
  createInvoice(input: {
    customerId: string;
    amount: number;
    currency: string;
    description: string;
    /** The period's days: first day and the next period's first day (exclusive), `YYYY-MM-DD`. */
    period: { start: string; end: string };
    metadata: Record<string, string>;
    idempotencyKey: string;
    /**
     * An earlier call may have made this invoice under a key the provider has since forgotten (Stripe keeps
     * keys 24 h): look for it by `metadata.payment_id` before making one.
     */
    mayExist?: boolean;
  }): Promise<CreatedInvoice>;
  /** Lowers what an open invoice asks to `amount` (a prorated last period), by a credit note of the rest. */
  lowerInvoice(input: { invoiceId: string; amount: number; idempotencyKey: string }): Promise<void>;
  /**
   * Confirms with a test payment method (`pm_card_visa`, `pm_card_chargeDeclined`). The outcome arrives as a
   * provider event: from Stripe by webhook, from the embedded provider at once (returned for handling).
   */
  confirmPaymentIntent(intentId: string, paymentMethod: string): Promise<ProviderEvent[]>;
  /** The same for an open invoice (test mode): Stripe reports the outcome as invoice events. */
  payInvoice(invoiceId: string, paymentMethod: string): Promise<ProviderEvent[]>;
  /** Changes what an unconfirmed intent will collect (a prorated last period). */
  updateIntentAmount(intentId: string, amount: number): Promise<void>;
  /**
   * Refunds part of a collected intent. Stripe reports it by the `charge.refunded` webhook; the embedded
   * provider returns that event for handling at once.
   */
  refund(input: { intentId: string; amount: number; idempotencyKey: string }): Promise<ProviderEvent[]>;
  createTransfer(input: {
    amount: number;
    currency: string;
    destination: string;
    transferGroup: string;
    idempotencyKey: string;
  }): Promise<{ id: string }>;
  /** Transfers per transfer group (= payout id), for reconciliation. */
  listTransfers(transferGroups: string[]): Promise<ProviderTransfer[]>;
  connectAccount(input: {
    expertId: string;
    email: string | null;
    existingAccountId: string | null;
    returnUrl: string;
  }): Promise<ConnectedAccount>;
}

/** A refusal by the provider that no retry mends (declined card, invalid request); transient ones throw plain errors. */
export class ProviderRejectedError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ProviderRejectedError';
  }
}
