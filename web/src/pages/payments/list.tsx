// /payments: every payment the reader can see (a company its own, an expert those paying them, an admin
// all), filterable by status; a company or admin settles pending ones with the test card from here too.
import { useState } from 'preact/hooks';
import { api, type DocumentInfo, ok, type Payment } from '../../api/client';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { type Role, useSession } from '../../session';
import { DisputeNote, StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatMoney, titleCase } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import '../engagements/engagements.css';
import { DocumentButton } from '../documents/download';
import { EngagementLink } from '../engagements/names';
import { FeeSplit, TEST_MODE_HINT, TestCardButtons } from './test-card';

type PaymentStatus = Payment['status'];
const STATUSES: PaymentStatus[] = ['pending', 'paid', 'failed', 'refunded'];

export function PaymentsPage() {
  const role: Role = useSession()?.role ?? 'company';
  const [status, setStatus] = useState<PaymentStatus | ''>('');
  const list = useList(
    (cursor) => ok(api.GET('/v1/payments', { params: { query: { cursor, status: status || undefined } } })),
    [status],
  );
  const canPay = role === 'company' || role === 'admin';
  // The invoices of the payments shown, by payment: one request for the newest 100 (a billed period's
  // payment has one; a payment made by hand has none).
  const invoices = useResource(
    async (): Promise<Map<string | null, DocumentInfo>> =>
      canPay
        ? new Map(
            (
              await ok(api.GET('/v1/documents', { params: { query: { kind: 'invoice', limit: 100 } } }))
            ).data.map((d) => [d.payment_id, d]),
          )
        : new Map(),
    [canPay],
  );

  return (
    <section class="page">
      <PageHead title="Payments">
        <div class="filter">
          <label for="payment-status-filter">Status</label>
          <select
            id="payment-status-filter"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as PaymentStatus | '')}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
        </div>
      </PageHead>
      {canPay && <p class="hint">{TEST_MODE_HINT}</p>}
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title={status ? 'No payments with this status' : 'No payments yet'}>
          {status
            ? 'Choose another status above.'
            : role === 'expert'
              ? 'Payments from your clients appear here once they are billed.'
              : 'Bill an active engagement from its page; the payment then shows here.'}
        </Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col">Description</th>
                <th scope="col" class="num">
                  Amount
                </th>
                <th scope="col" class="num">
                  Fee
                </th>
                <th scope="col">Status</th>
                <th scope="col">Paid at</th>
                {canPay && <th scope="col">Invoice</th>}
                {canPay && <th scope="col">Card</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <tr key={p.id} data-testid="payment-row" data-status={p.status}>
                  <td>
                    {p.engagement_id ? <EngagementLink id={p.engagement_id} /> : <span>AI credits</span>}
                  </td>
                  <td>{p.description ?? <span class="muted">—</span>}</td>
                  <td class="num">{formatMoney(p.amount, p.currency)}</td>
                  <td class="num">
                    <FeeSplit payment={p} />
                  </td>
                  <td>
                    <StatusBadge status={p.status} />
                    {p.dispute_status && <DisputeNote payment={p} />}
                    {p.failure_reason && (
                      <>
                        <br />
                        <small class="muted">{p.failure_reason}</small>
                      </>
                    )}
                  </td>
                  <td>{formatDate(p.paid_at)}</td>
                  {canPay && (
                    <td>
                      <InvoiceCell invoice={invoices.data?.get(p.id)} />
                    </td>
                  )}
                  {canPay && (
                    <td>{p.status === 'pending' && <TestCardButtons payment={p} onDone={list.upsert} />}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={list} />
    </section>
  );
}

function InvoiceCell({ invoice }: { invoice: DocumentInfo | undefined }) {
  return invoice ? <DocumentButton document={invoice} label="PDF" /> : <span class="muted">—</span>;
}
