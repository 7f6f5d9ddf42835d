// One payout: its state and transfer, and the paid payments it covers with the platform fee and the
// expert's share of each, totalled.

import { useRoute } from 'preact-iso';
import { api, ok, type Payment } from '../../api/client';
import { statuses } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { useSession } from '../../session';
import { DisputeNote, StatusBadge, statusText } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatMoney, formatNumber } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { DocumentButton } from '../documents/download';
import { EngagementLink } from '../engagements/names';
import { ExpertName } from './expert-name';
import { payoutMessages } from './messages';
import './payouts.css';

interface Entry {
  amount: number;
  kind: string;
  payment_id: string | null;
}

export function PayoutPage() {
  const m = useMessages(payoutMessages);
  const words = useMessages(statuses) as Record<string, string>;
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
        <a href="/payouts">{m.backToPayouts}</a>
      </p>
      <PageHead title={p ? m.payoutOfWeek(p.week) : m.payout} />
      <ProblemBanner
        problem={payout.error}
        onRetry={payout.error?.status === 404 ? undefined : () => void payout.reload()}
      />
      {!p ? (
        payout.loading && <Loading label={m.loadingPayout} />
      ) : (
        <>
          {p.error && (
            <div class={`banner ${p.status === 'failed' ? 'banner-error' : 'banner-info'}`} role="status">
              {/* One flowing line: the banner's flex layout would put the reason on a line of its own. */}
              <span title={p.error}>
                <strong>{statusText(p.status, words)}</strong> —{' '}
                {p.status === 'skipped' ? m.skippedReason : p.error}
              </span>
            </div>
          )}
          <div class="card">
            <dl class="facts">
              <dt>{m.amount}</dt>
              <dd>
                <strong class="po-amount">{formatMoney(p.amount, p.currency)}</strong>
              </dd>
              <dt>{m.weekLabel}</dt>
              <dd title={p.week}>{m.week(p.week)}</dd>
              {statement && (
                <>
                  <dt>{m.statement}</dt>
                  <dd>
                    <DocumentButton document={statement} label={m.statementButton(statement.number)} />
                  </dd>
                </>
              )}
              <dt>{m.status}</dt>
              <dd>
                <StatusBadge status={p.status} />
              </dd>
              {isAdmin && (
                <>
                  <dt>{m.expert}</dt>
                  <dd>
                    <ExpertName id={p.expert_id} />
                  </dd>
                </>
              )}
              <dt>{m.transfer}</dt>
              <dd>{p.transfer_id ? <code>{p.transfer_id}</code> : '—'}</dd>
              <dt>{m.attempts}</dt>
              <dd>{formatNumber(p.attempts)}</dd>
              <dt>{m.prepared}</dt>
              <dd>{formatDate(p.created_at)}</dd>
              <dt>{m.processed}</dt>
              <dd>{formatDate(p.processed_at)}</dd>
            </dl>
          </div>
          <h2>{m.paymentsCovered}</h2>
          <PaymentsCovered payments={p.payments} entries={p.entries} currency={p.currency} />
        </>
      )}
    </section>
  );
}

function PaymentsCovered(props: { payments: Payment[]; entries: Entry[]; currency: string }) {
  const { payments, entries, currency } = props;
  const m = useMessages(payoutMessages);
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
    return <Empty title={m.noPayments}>{m.noPaymentsBody}</Empty>;
  }
  return (
    <div class="table-wrap po-payments">
      <table>
        <thead>
          <tr>
            <th>{m.payment}</th>
            <th>{m.engagement}</th>
            <th>{m.paid}</th>
            <th class="num">{m.amount}</th>
            <th class="num">{m.platformFee}</th>
            <th class="num">{m.expertShare}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((pay) => (
            <tr key={pay.id} data-testid="payout-payment-row" data-id={pay.id}>
              <td>
                <span title={pay.id}>
                  {pay.description ?? (pay.purpose === 'credits' ? m.creditsPurchase : m.engagementPayment)}
                </span>
                {pay.amount_refunded > 0 && (
                  <div class="muted">{m.refunded(formatMoney(pay.amount_refunded, pay.currency))}</div>
                )}
                {pay.dispute_status && <DisputeNote payment={pay} />}
              </td>
              <td>{pay.engagement_id && <EngagementLink id={pay.engagement_id} />}</td>
              <td class="po-nowrap">{formatDate(pay.paid_at)}</td>
              <td class="num po-nowrap">{formatMoney(pay.amount, pay.currency)}</td>
              <td class="num po-nowrap">{formatMoney(pay.fee_amount ?? 0, pay.currency)}</td>
              <td class="num po-nowrap">{formatMoney(shareOf(pay), pay.currency)}</td>
            </tr>
          ))}
          {other.map((e, i) => (
            <tr key={`${e.kind}-${e.payment_id ?? i}`}>
              <td colSpan={5}>{m.entryKind(e.kind)}</td>
              <td class="num po-nowrap">{formatMoney(e.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>{m.total(payments.length)}</td>
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
