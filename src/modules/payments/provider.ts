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
  /**
   * Confirms with a test payment method (`pm_card_visa`, `pm_card_chargeDeclined`). The outcome arrives as a
   * provider event: from Stripe by webhook, from the embedded provider at once (returned for handling).
   */
  confirmPaymentIntent(intentId: string, paymentMethod: string): Promise<ProviderEvent[]>;
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
