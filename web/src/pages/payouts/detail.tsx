// One payout: its state and transfer, and the paid payments it covers with the platform fee and the
// expert's share of each, totalled.

import { useRoute } from 'preact-iso';
import { api, ok, type Payment } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { useSession } from '../../session';
import { DisputeNote, StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatMoney, titleCase } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { DocumentButton } from '../documents/download';
import { ShortId } from './short-id';
import './payouts.css';

interface Entry {
  amount: number;
  kind: string;
  payment_id: string | null;
}

export function PayoutPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const payout = useResource(() => ok(api.GET('/v1/payouts/{id}', { params: { path: { id } } })), [id]);
  const p = payout.data;
  const isAdmin = useSession()?.role === 'admin';
  const statements = useResource(
    () => ok(api.GET('/v1/documents', { params: { query: { payout_id: id, kind: 'payout_statement' } } })),
    [id],
  );
  const statement = statements.data?.data[0];

  return (
    <section class="page">
      <p>
        <a href="/payouts">← Payouts</a>
      </p>
      <PageHead title={p ? `Payout ${p.week}` : 'Payout'} />
      <ProblemBanner
        problem={payout.error}
        onRetry={payout.error?.status === 404 ? undefined : () => void payout.reload()}
      />
      {!p ? (
        payout.loading && <Loading label="Loading payout…" />
      ) : (
        <>
          {p.error && (
            <div class={`banner ${p.status === 'failed' ? 'banner-error' : 'banner-info'}`} role="status">
              <strong>{titleCase(p.status)}</strong> — {p.error}
            </div>
          )}
          <div class="card">
            <dl class="facts">
              <dt>Amount</dt>
              <dd>
                <strong class="po-amount">{formatMoney(p.amount, p.currency)}</strong>
              </dd>
              <dt>Week</dt>
              <dd>{p.week}</dd>
              {statement && (
                <>
                  <dt>Statement</dt>
                  <dd>
                    <DocumentButton document={statement} label={`Gutschrift ${statement.number} (PDF)`} />
                  </dd>
                </>
              )}
              <dt>Status</dt>
              <dd>
                <StatusBadge status={p.status} />
              </dd>
              {isAdmin && (
                <>
                  <dt>Expert</dt>
                  <dd>
                    <code>{p.expert_id}</code>
                  </dd>
                </>
              )}
              <dt>Transfer</dt>
              <dd>{p.transfer_id ? <code>{p.transfer_id}</code> : '—'}</dd>
              <dt>Attempts</dt>
              <dd>{p.attempts}</dd>
              <dt>Prepared</dt>
              <dd>{formatDate(p.created_at)}</dd>
              <dt>Processed</dt>
              <dd>{formatDate(p.processed_at)}</dd>
            </dl>
          </div>
          <h2>Payments covered</h2>
          <PaymentsCovered payments={p.payments} entries={p.entries} currency={p.currency} />
        </>
      )}
    </section>
  );
}

function PaymentsCovered(props: { payments: Payment[]; entries: Entry[]; currency: string }) {
  const { payments, entries, currency } = props;
  // The expert's share is what the ledger credited for the payment (less any refund), not a recomputed fee.
  const shareOf = (payment: Payment) => {
    const own = entries.filter((e) => e.payment_id === payment.id);
    return own.length
      ? own.reduce((sum, e) => sum + e.amount, 0)
      : payment.amount - (payment.fee_amount ?? 0);
  };
  const other = entries.filter((e) => !e.payment_id || !payments.some((p) => p.id === e.payment_id));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  if (payments.length === 0 && other.length === 0) {
    return <Empty title="No payments in this payout">No payment details are linked to this payout.</Empty>;
  }
  return (
    <div class="table-wrap po-payments">
      <table>
        <thead>
          <tr>
            <th>Payment</th>
            <th>Engagement</th>
            <th>Paid</th>
            <th class="num">Amount</th>
            <th class="num">Platform fee</th>
            <th class="num">Expert share</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((pay) => (
            <tr key={pay.id} data-testid="payout-payment-row" data-id={pay.id}>
              <td>
                {pay.description ?? <ShortId id={pay.id} />}
                {pay.amount_refunded > 0 && (
                  <div class="muted">{formatMoney(pay.amount_refunded, pay.currency)} refunded</div>
                )}
                {pay.dispute_status && <DisputeNote payment={pay} />}
              </td>
              <td>
                {pay.engagement_id && (
                  <a href={`/engagements/${encodeURIComponent(pay.engagement_id)}`} class="po-nowrap">
                    <ShortId id={pay.engagement_id} />
                  </a>
                )}
              </td>
              <td class="po-nowrap">{formatDate(pay.paid_at)}</td>
              <td class="num po-nowrap">{formatMoney(pay.amount, pay.currency)}</td>
              <td class="num po-nowrap">{formatMoney(pay.fee_amount ?? 0, pay.currency)}</td>
              <td class="num po-nowrap">{formatMoney(shareOf(pay), pay.currency)}</td>
            </tr>
          ))}
          {other.map((e, i) => (
            <tr key={`${e.kind}-${e.payment_id ?? i}`}>
              <td colSpan={5}>{titleCase(e.kind)}</td>
              <td class="num po-nowrap">{formatMoney(e.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>
              Total ({payments.length} payment{payments.length === 1 ? '' : 's'})
            </td>
            <td class="num po-nowrap">{formatMoney(sum(payments.map((x) => x.amount)), currency)}</td>
            <td class="num po-nowrap">
              {formatMoney(sum(payments.map((x) => x.fee_amount ?? 0)), currency)}
            </td>
            <td class="num po-nowrap">
              {formatMoney(sum(payments.map(shareOf)) + sum(other.map((e) => e.amount)), currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
