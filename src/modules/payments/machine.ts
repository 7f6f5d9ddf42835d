// The payment lifecycle as data. Only the platform moves a payment: the provider's outcome (a Stripe
// webhook, or the embedded provider's) arrives as `system`. A billed period's payment is a Stripe Invoice:
// while Stripe's smart retries still run, a failed one stays `failed` with `retry_at` set (not yet overdue);
// it fails again when a retry fails or Stripe gives up (`retry_at` null: overdue); `void` when the invoice
// was voided, so nothing is owed. Money wins: a payment collected after any of these is `paid`.
import { defineMachine } from '../../lib/state-machine';

export const paymentMachine = defineMachine({
  name: 'payment',
  states: ['pending', 'paid', 'failed', 'refunded', 'void'],
  transitions: {
    /** Collected; a failed payment retried by the company can still succeed. */
    succeed: {
      from: ['pending', 'failed', 'void'],
      to: 'paid',
      roles: ['system'],
      event: 'payment.succeeded',
    },
    /** Declined, or the provider never created the payment; an invoice awaiting a retry fails again. */
    fail: { from: ['pending', 'failed'], to: 'failed', roles: ['system'], event: 'payment.failed' },
    /** The invoice was voided: nothing is owed for it. */
    void: { from: ['pending', 'failed'], to: 'void', roles: ['system'], event: 'payment.voided' },
    /** Refunded in full (a partial refund leaves the payment paid, its refunded amount raised). */
    refund: { from: ['paid', 'refunded'], to: 'refunded', roles: ['system'], event: 'payment.refunded' },
  },
});

export type PaymentAction = keyof typeof paymentMachine.transitions;
export type PaymentStatus = (typeof paymentMachine.states)[number];
