// Extraction batches (company): upload a CSV, and the company's batches, newest first, filtered by status
// (kept in the URL).
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { formatDate, formatNumber } from '../../ui/format';
import { useStatusFilter } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { batchMessages } from './messages';
import { BatchUpload } from './upload';
import './batches.css';

const STATUSES = ['running', 'completed', 'cancelled'] as const;

export function ExtractionBatchesPage() {
  const m = useMessages(batchMessages);
  const query = useListQuery({ search: false, filters: { status: STATUSES } });
  const statusFilter = useStatusFilter(STATUSES);
  // One status at a time (the select offers one), typed as the API takes it.
  const status = query.filters.status[0] as (typeof STATUSES)[number] | undefined;
  const list = useList(
    (cursor) => ok(api.GET('/v1/extraction-batches', { params: { query: { cursor, status, limit: 20 } } })),
    [query.key],
  );
  return (
    <section class="page">
      <PageHead title={m.title} />
      <BatchUpload />
      <h2 id="batches-heading">{m.title}</h2>
      <ListView
        list={list}
        loadingLabel={m.loadingBatches}
        controls={{ query, id: 'batches', filters: [{ ...statusFilter, kind: 'select' }] }}
        empty={<Empty title={m.noBatches}>{m.noBatchesBody}</Empty>}
      >
        {(batches) => (
          <div class="table-wrap">
            <table aria-labelledby="batches-heading">
              <thead>
                <tr>
                  <th>{m.batch}</th>
                  <th>{m.status}</th>
                  <th class="num">{m.rows}</th>
                  <th class="num">{m.done}</th>
                  <th class="num">{m.failed}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} data-testid="batch-row" data-id={b.id}>
                    <td>
                      <a href={`/extraction-batches/${b.id}`}>{m.batchOf(formatDate(b.created_at))}</a>
                    </td>
                    <td>
                      <StatusBadge status={b.status} />
                    </td>
                    <td class="num">{formatNumber(b.counts.total)}</td>
                    <td class="num">{formatNumber(b.counts.completed)}</td>
                    <td class="num">{formatNumber(b.counts.failed)}</td>
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
