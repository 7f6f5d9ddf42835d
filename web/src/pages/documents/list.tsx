// /documents: generated PDFs the reader can see — a company its invoices and engagement reports, an expert
// their self-billing statements and reports — filterable by kind (?kind=, as the payout email links it).
import { useLocation } from 'preact-iso';
import { api, type DocumentInfo, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { useSession } from '../../session';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatMoney } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { EngagementLink } from '../engagements/names';
import { DocumentButton } from './download';
import { documentTexts } from './messages';

type Kind = DocumentInfo['kind'];
const KINDS: Kind[] = ['invoice', 'payout_statement', 'engagement_report'];

export function DocumentsPage() {
  const m = useMessages(documentTexts);
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
      <PageHead title={m.title}>
        <div class="filter">
          <label for="document-kind-filter">{m.kindFilter}</label>
          <select
            id="document-kind-filter"
            value={kind ?? ''}
            onChange={(e) => {
              const next = e.currentTarget.value;
              route(next ? `/documents?kind=${next}` : '/documents');
            }}
          >
            <option value="">{m.all}</option>
            {visible.map((k) => (
              <option key={k} value={k}>
                {m.kind(k)}
              </option>
            ))}
          </select>
        </div>
      </PageHead>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title={m.empty}>{role === 'expert' ? m.emptyExpert : m.emptyCompany}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.document}</th>
                <th scope="col">{m.kindFilter}</th>
                <th scope="col">{m.issued}</th>
                <th scope="col" class="num">
                  {m.total}
                </th>
                <th scope="col">{m.engagement}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => (
                <tr key={d.id} data-testid="document-row" data-kind={d.kind}>
                  <td>
                    <DocumentButton document={d} label={d.number} />
                  </td>
                  <td>{m.kind(d.kind)}</td>
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
