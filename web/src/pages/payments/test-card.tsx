// Settling a pending payment in local test mode: the embedded provider confirms a test card through the
// same code path as a Stripe webhook, so "Pay" marks it paid and "Decline" marks it failed.
import { api, ok, type Payment } from '../../api/client';
import { ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatMoney } from '../../ui/format';

export const TEST_MODE_HINT =
  'Local test mode: no real card is charged. “Pay with test card” settles a pending payment as Stripe’s ' +
  'test card pm_card_visa would; “Decline test card” fails it as pm_card_chargeDeclined would.';

export function TestCardButtons({ payment, onDone }: { payment: Payment; onDone: (p: Payment) => void }) {
  const confirm = useAction(async (method: 'pm_card_visa' | 'pm_card_chargeDeclined') => {
    const updated = await ok(
      api.POST('/v1/payments/{id}/confirm', {
        params: { path: { id: payment.id } },
        body: { payment_method: method },
      }),
    );
    onDone(updated);
  });
  const amount = formatMoney(payment.amount, payment.currency);
  return (
    <div class="stack">
      <div class="row">
        <button
          type="button"
          class="primary small"
          disabled={confirm.busy}
          aria-label={`Pay ${amount} with test card`}
          onClick={() => void confirm.run('pm_card_visa')}
        >
          Pay with test card
        </button>
        <button
          type="button"
          class="danger small"
          disabled={confirm.busy}
          aria-label={`Decline test card for ${amount}`}
          onClick={() => void confirm.run('pm_card_chargeDeclined')}
        >
          Decline test card
        </button>
      </div>
      <ProblemBanner problem={confirm.problem} />
    </div>
  );
}

/** The platform fee and what the expert is credited, once a payment is paid. */
export function FeeSplit({ payment }: { payment: Payment }) {
  if (payment.status !== 'paid' || payment.fee_amount === null) return <span class="muted">—</span>;
  return (
    <>
      {formatMoney(payment.fee_amount, payment.currency)}
      <br />
      <small class="muted">
        Expert gets {formatMoney(payment.amount - payment.fee_amount, payment.currency)}
      </small>
    </>
  );
}
