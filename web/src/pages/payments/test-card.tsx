// Settling a pending payment in local test mode: the embedded provider confirms a test card through the
// same code path as a Stripe webhook, so "Pay" marks it paid and "Decline" marks it failed.
import { api, ok, type Payment } from '../../api/client';
import { defineMessages, useMessages } from '../../i18n/define';
import { ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatMoney } from '../../ui/format';

const testCard = defineMessages(
  {
    hint:
      'Local test mode: no real card is charged. “Pay with test card” settles a pending payment as Stripe’s ' +
      'test card pm_card_visa would; “Decline test card” fails it as pm_card_chargeDeclined would.',
    pay: 'Pay with test card',
    decline: 'Decline test card',
    payLabel: (amount: string) => `Pay with test card: ${amount}`,
    declineLabel: (amount: string) => `Decline test card: ${amount}`,
    expertGets: (amount: string) => `Expert gets ${amount}`,
    payInvoice: 'Pay invoice',
    payInvoiceLabel: (amount: string) => `Pay invoice of ${amount} on Stripe (opens a new tab)`,
  },
  {
    hint:
      'Lokaler Testmodus: Es wird keine echte Karte belastet. „Mit Testkarte zahlen“ begleicht eine offene Zahlung ' +
      'wie Stripes Testkarte pm_card_visa; „Testkarte ablehnen“ lässt sie scheitern wie pm_card_chargeDeclined.',
    pay: 'Mit Testkarte zahlen',
    decline: 'Testkarte ablehnen',
    payLabel: (amount: string) => `Mit Testkarte zahlen: ${amount}`,
    declineLabel: (amount: string) => `Testkarte ablehnen: ${amount}`,
    expertGets: (amount: string) => `Experte erhält ${amount}`,
    payInvoice: 'Rechnung bezahlen',
    payInvoiceLabel: (amount: string) =>
      `Rechnung über ${amount} bei Stripe bezahlen (öffnet einen neuen Tab)`,
  },
);

/** What the test-card buttons do, shown wherever they are. */
export function TestModeHint() {
  return <p class="hint">{useMessages(testCard).hint}</p>;
}

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
  const m = useMessages(testCard);
  const amount = formatMoney(payment.amount, payment.currency);
  return (
    <div class="stack">
      <div class="row">
        <button
          type="button"
          class="primary small"
          disabled={confirm.busy}
          aria-label={m.payLabel(amount)}
          onClick={() => void confirm.run('pm_card_visa')}
        >
          {m.pay}
        </button>
        <button
          type="button"
          class="danger small"
          disabled={confirm.busy}
          aria-label={m.declineLabel(amount)}
          onClick={() => void confirm.run('pm_card_chargeDeclined')}
        >
          {m.decline}
        </button>
      </div>
      <ProblemBanner problem={confirm.problem} />
    </div>
  );
}

/**
 * How the company settles a payment: a billed period invoiced through Stripe is paid on Stripe's hosted invoice
 * page (any method the account allows, also after a failed collection); anything else pending, with the
 * test-card buttons of local test mode.
 */
export function PayActions({ payment, onDone }: { payment: Payment; onDone: (p: Payment) => void }) {
  const m = useMessages(testCard);
  const hosted = payment.hosted_invoice_url;
  if (hosted && (payment.status === 'pending' || payment.status === 'failed')) {
    return (
      <a
        class="button primary small"
        href={hosted}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={m.payInvoiceLabel(formatMoney(payment.amount, payment.currency))}
      >
        {m.payInvoice}
      </a>
    );
  }
  return payment.status === 'pending' ? <TestCardButtons payment={payment} onDone={onDone} /> : null;
}

/** The platform fee and what the expert is credited, once a payment is paid. */
export function FeeSplit({ payment }: { payment: Payment }) {
  const m = useMessages(testCard);
  if (payment.status !== 'paid' || payment.fee_amount === null) return <span class="muted">—</span>;
  return (
    <>
      {formatMoney(payment.fee_amount, payment.currency)}
      <br />
      <small class="muted">
        {m.expertGets(formatMoney(payment.amount - payment.fee_amount, payment.currency))}
      </small>
    </>
  );
}
