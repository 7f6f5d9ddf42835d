// /documents: generated PDFs the reader can see — a company its invoices and engagement reports, an expert
// their self-billing statements and reports — filterable by kind (?kind=, as the payout email links it) through the shared list.
import { api, type DocumentInfo, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { useSession } from '../../session';
import { Empty } from '../../ui/feedback';
import { formatDate, formatMoney } from '../../ui/format';
import { ListView } from '../../ui/list/list-view';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { EngagementLink } from '../engagements/names';
import { DocumentButton } from './download';
import { documentTexts } from './messages';

type Kind = DocumentInfo['kind'];
const KINDS: Kind[] = ['invoice', 'payout_statement', 'engagement_report'];

export function DocumentsPage() {
  const m = useMessages(documentTexts);
  const role = useSession()?.role;
  const query = useListQuery({ search: false, filters: { kind: KINDS } });
  // One kind at a time (the select offers one), typed as the API takes it.
  const kind = query.filters.kind[0] as Kind | undefined;
  const visible = KINDS.filter((k) =>
    role === 'company' ? k !== 'payout_statement' : role === 'expert' ? k !== 'invoice' : true,
  );
  const list = useList(
    (cursor) => ok(api.GET('/v1/documents', { params: { query: { cursor, kind, limit: 20 } } })),
    [query.key],
  );

  return (
    <section class="page">
      <PageHead title={m.title} />
      <ListView
        list={list}
        controls={{
          query,
          id: 'document',
          filters: [
            {
              name: 'kind',
              label: m.kindFilter,
              kind: 'select',
              options: visible.map((k) => ({ value: k, label: m.kind(k) })),
            },
          ],
        }}
        empty={<Empty title={m.empty}>{role === 'expert' ? m.emptyExpert : m.emptyCompany}</Empty>}
      >
        {(rows) => (
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
                {rows.map((d) => (
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
                      {d.engagement_id ? (
                        <EngagementLink id={d.engagement_id} />
                      ) : (
                        <span class="muted">—</span>
                      )}
                    </td>
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
