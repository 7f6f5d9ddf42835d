// Extraction batches (company): upload a CSV, and the company's batches, newest first.
import { api, ok } from '../../api/client';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { BatchUpload } from './upload';
import './batches.css';

export function ExtractionBatchesPage() {
  const list = useList(
    (cursor) => ok(api.GET('/v1/extraction-batches', { params: { query: { cursor, limit: 20 } } })),
    [],
  );
  return (
    <section class="page">
      <PageHead title="Batches" />
      <BatchUpload />
      <h2>Batches</h2>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {list.items === undefined ? (
        list.loading && <Loading label="Loading batches…" />
      ) : list.items.length === 0 ? (
        <Empty title="No batches yet">Drop a CSV of company websites above.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Batch</th>
                <th>Status</th>
                <th class="num">Rows</th>
                <th class="num">Done</th>
                <th class="num">Failed</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((b) => (
                <tr key={b.id}>
                  <td>
                    <a href={`/extraction-batches/${b.id}`}>{b.id}</a>
                  </td>
                  <td>
                    <StatusBadge status={b.status} />
                  </td>
                  <td class="num">{b.counts.total}</td>
                  <td class="num">{b.counts.completed}</td>
                  <td class="num">{b.counts.failed}</td>
                  <td>{formatDate(b.created_at)}</td>
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
