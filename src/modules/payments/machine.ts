// The payment lifecycle as data. Only the platform moves a payment: the provider's outcome (a Stripe
// webhook, or the embedded provider's) arrives as `system`.
import { defineMachine } from '../../lib/state-machine';

export const paymentMachine = defineMachine({
  name: 'payment',
  states: ['pending', 'paid', 'failed', 'refunded'],
  transitions: {
    /** Collected; a failed payment retried by the company can still succeed. */
    succeed: { from: ['pending', 'failed'], to: 'paid', roles: ['system'], event: 'payment.succeeded' },
    /** Declined, or the provider never created the payment. */
    fail: { from: ['pending'], to: 'failed', roles: ['system'], event: 'payment.failed' },
    /** Refunded in full (a partial refund leaves the payment paid, its refunded amount raised). */
    refund: { from: ['paid', 'refunded'], to: 'refunded', roles: ['system'], event: 'payment.refunded' },
  },
});

export type PaymentAction = keyof typeof paymentMachine.transitions;
export type PaymentStatus = (typeof paymentMachine.states)[number];
