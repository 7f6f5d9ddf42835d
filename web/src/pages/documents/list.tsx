// /documents: generated PDFs the reader can see — a company its invoices and engagement reports, an expert
// their self-billing statements and reports — filterable by kind (?kind=, as the payout email links it).
import { useLocation } from 'preact-iso';
import { api, type DocumentInfo, ok } from '../../api/client';
import { useList } from '../../live/use-list';
import { useSession } from '../../session';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatMoney } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { EngagementLink } from '../engagements/names';
import { DocumentButton, KIND_LABELS } from './download';

type Kind = DocumentInfo['kind'];
const KINDS = Object.keys(KIND_LABELS) as Kind[];

export function DocumentsPage() {
  const { query, route } = useLocation();
  const role = useSession()?.role;
  const kind = KINDS.find((k) => k === query.kind);
  const visible = KINDS.filter((k) =>
    role === 'company' ? k !== 'payout_statement' : role === 'expert' ? k !== 'invoice' : true,
  );
  const list = useList(
    (cursor) => ok(api.GET('/v1/documents', { params: { query: { cursor, kind, limit: 20 } } })),
    [kind],
  );

  return (
    <section class="page">
      <PageHead title="Documents">
        <div class="filter">
          <label for="document-kind-filter">Kind</label>
          <select
            id="document-kind-filter"
            value={kind ?? ''}
            onChange={(e) => {
              const next = e.currentTarget.value;
              route(next ? `/documents?kind=${next}` : '/documents');
            }}
          >
            <option value="">All</option>
            {visible.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </PageHead>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title="No documents yet">
          {role === 'expert'
            ? 'Each payout comes with its self-billing statement; completed engagements with a report.'
            : 'Each billed period comes with its invoice; completed engagements with a report.'}
        </Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Kind</th>
                <th scope="col">Issued</th>
                <th scope="col" class="num">
                  Total
                </th>
                <th scope="col">Engagement</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => (
                <tr key={d.id} data-testid="document-row" data-kind={d.kind}>
                  <td>
                    <DocumentButton document={d} label={d.number} />
                  </td>
                  <td>{KIND_LABELS[d.kind]}</td>
                  <td>{formatDate(d.issued_at)}</td>
                  <td class="num">
                    {d.total !== null && d.currency ? formatMoney(d.total, d.currency) : '—'}
                  </td>
                  <td>
                    {d.engagement_id ? <EngagementLink id={d.engagement_id} /> : <span class="muted">—</span>}
                  </td>
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
