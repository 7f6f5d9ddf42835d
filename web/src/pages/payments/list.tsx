// /payments: every payment the reader can see (a company its own, an expert those paying them, an admin
// all), searched, sorted and filtered through the URL; a company or admin settles pending ones with the test
// card from here too.
import { api, type DocumentInfo, ok, type Payment } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { type Role, useSession } from '../../session';
import { DisputeNote, StatusBadge } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { formatDate, formatMoney } from '../../ui/format';
import { useStatusFilter, useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { listMessages } from '../../ui/list/messages';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import '../engagements/engagements.css';
import { DocumentButton } from '../documents/download';
import { EngagementLink } from '../engagements/names';
import { CURRENCIES } from '../engagements/shared';
import { paymentListMessages } from './list-messages';
import { FeeSplit, PayActions, TestModeHint } from './test-card';

const STATUSES: Payment['status'][] = ['pending', 'paid', 'failed', 'refunded', 'void'];
const SORTS = ['-created_at', 'created_at', '-amount', 'amount', '-paid_at', 'status'] as const;

export function PaymentsPage() {
  const m = useMessages(paymentListMessages);
  const lm = useMessages(listMessages);
  const timeSorts = useTimeSorts();
  const statusFilter = useStatusFilter(STATUSES);
  const role: Role = useSession()?.role ?? 'company';
  const query = useListQuery({ sorts: SORTS, filters: { status: STATUSES, currency: CURRENCIES } });
  const list = useList(
    (cursor) => ok(api.GET('/v1/payments', { params: { query: { ...query.api, cursor } } })),
    [query.key],
  );
  // A settled payment stays in place on the plain list; a filtered one asks the server what still matches.
  const settled = query.narrowed ? () => void list.reload() : list.upsert;
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
      <PageHead title={m.title} />
      {canPay && <TestModeHint />}
      <ListView
        list={list}
        loadingLabel={m.loading}
        controls={{
          query,
          id: 'payments',
          searchHint: m.search,
          sorts: [
            ...timeSorts,
            { value: '-amount', label: lm.amountHigh },
            { value: 'amount', label: lm.amountLow },
            { value: '-paid_at', label: m.paidLatest },
            { value: 'status', label: lm.statusAz },
          ],
          filters: [
            statusFilter,
            {
              name: 'currency',
              label: lm.currency,
              kind: 'select',
              options: CURRENCIES.map((c) => ({ value: c, label: c.toUpperCase() })),
            },
          ],
        }}
        empty={<Empty title={m.none}>{role === 'expert' ? m.noneExpert : m.noneCompany}</Empty>}
      >
        {(items) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.engagement}</th>
                  <th scope="col">{m.description}</th>
                  <th scope="col" class="num">
                    {m.amount}
                  </th>
                  <th scope="col" class="num">
                    {m.fee}
                  </th>
                  <th scope="col">{m.status}</th>
                  <th scope="col">{m.paidAt}</th>
                  {canPay && <th scope="col">{m.invoice}</th>}
                  {canPay && <th scope="col">{m.card}</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id} data-testid="payment-row" data-status={p.status}>
                    <td>
                      {p.engagement_id ? <EngagementLink id={p.engagement_id} /> : <span>{m.credits}</span>}
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
                      <td>
                        <PayActions payment={p} onDone={settled} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListView>
    </section>
  );
}

function InvoiceCell({ invoice }: { invoice: DocumentInfo | undefined }) {
  return invoice ? <DocumentButton document={invoice} label="PDF" /> : <span class="muted">—</span>;
}
