// Extraction batches (company): upload a CSV, and the company's batches, newest first.
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatNumber } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { batchMessages } from './messages';
import { BatchUpload } from './upload';
import './batches.css';

export function ExtractionBatchesPage() {
  const m = useMessages(batchMessages);
  const list = useList(
    (cursor) => ok(api.GET('/v1/extraction-batches', { params: { query: { cursor, limit: 20 } } })),
    [],
  );
  return (
    <section class="page">
      <PageHead title={m.title} />
      <BatchUpload />
      <h2 id="batches-heading">{m.title}</h2>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {list.items === undefined ? (
        list.loading && <Loading label={m.loadingBatches} />
      ) : list.items.length === 0 ? (
        <Empty title={m.noBatches}>{m.noBatchesBody}</Empty>
      ) : (
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
              {list.items.map((b) => (
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
      <ListMore list={list} />
    </section>
  );
}
