// One batch: counts and a progress bar live over SSE while it runs, its rows with their statuses (filtered
// by status), cancel, and the enriched CSV.
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok } from '../../api/client';
import { type ApiProblem, asProblem } from '../../api/problem';
import { useResource } from '../../live/use-resource';
import { session } from '../../session';
import { StatusBadge } from '../../ui/badges';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { type Batch, downloadExport } from './api';
import './batches.css';

const ROW_STATUSES = ['queued', 'running', 'completed', 'failed', 'skipped', 'cancelled'] as const;
type RowStatus = (typeof ROW_STATUSES)[number];

export function ExtractionBatchPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [filter, setFilter] = useState<RowStatus | ''>('');
  const [problem, setProblem] = useState<ApiProblem>();
  const batch = useResource(
    () => ok(api.GET('/v1/extraction-batches/{id}', { params: { path: { id } } })),
    [id],
  );
  const rows = useResource(
    () =>
      ok(
        api.GET('/v1/extraction-batches/{id}/rows', {
          params: { path: { id }, query: { limit: 500, status: filter || undefined } },
        }),
      ),
    [id, filter],
  );
  const b = batch.data;
  const running = b?.status === 'running';

  useEffect(() => {
    if (!running) return;
    const token = session.token();
    if (!token) return;
    // EventSource cannot send headers: the token goes in the query, as for extractions.
    const source = new EventSource(
      `/v1/extraction-batches/${encodeURIComponent(id)}/events?token=${encodeURIComponent(token)}`,
    );
    source.addEventListener('progress', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as Pick<Batch, 'counts'>;
      batch.set((current) => (current ? { ...current, counts: data.counts } : current));
      void rows.reload();
    });
    const done = (event: Event) => {
      source.close();
      batch.set(() => JSON.parse((event as MessageEvent<string>).data) as Batch);
      void rows.reload();
    };
    source.addEventListener('completed', done);
    source.addEventListener('cancelled', done);
    return () => source.close();
  }, [id, running]);

  const cancel = async () => {
    try {
      const after = await ok(api.POST('/v1/extraction-batches/{id}/cancel', { params: { path: { id } } }));
      batch.set(() => after);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };

  return (
    <section class="page">
      <p>
        <a href="/extraction-batches">← Batches</a>
      </p>
      <PageHead title={b ? `Batch ${b.id}` : 'Batch'}>
        {running && !b?.cancel_requested_at && (
          <button type="button" class="secondary" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
        {b && (
          <button
            type="button"
            onClick={() => void downloadExport(b.id).catch((e) => setProblem(asProblem(e)))}
          >
            Download enriched CSV
          </button>
        )}
      </PageHead>
      <ProblemBanner problem={batch.error ?? problem} />
      {!b ? (
        batch.loading && <Loading label="Loading batch…" />
      ) : (
        <div class="card stack">
          <Bar batch={b} />
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={b.status} />
            </dd>
            <dt>Rows</dt>
            <dd>
              {ROW_STATUSES.map((s) => `${b.counts[s]} ${s}`).join(' · ')} of {b.counts.total}
            </dd>
            <dt>Sites</dt>
            <dd>
              {b.sites} distinct ({b.reused} reused from the last 24 hours)
            </dd>
            <dt>URL column</dt>
            <dd>{b.url_column}</dd>
            <dt>Started</dt>
            <dd>{formatDate(b.created_at)}</dd>
            <dt>Finished</dt>
            <dd>{formatDate(b.completed_at)}</dd>
          </dl>
        </div>
      )}
      <div class="row">
        <h2>Rows</h2>
        <label for="row-filter">Status</label>
        <select
          id="row-filter"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value as RowStatus | '')}
        >
          <option value="">All</option>
          {ROW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <ProblemBanner problem={rows.error} />
      {rows.data && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th class="num">Row</th>
                <th>URL</th>
                <th>Site</th>
                <th>Status</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.data.map((r) => (
                <tr key={r.row}>
                  <td class="num">{r.row}</td>
                  <td>{r.extraction_id ? <a href={`/extractions/${r.extraction_id}`}>{r.url}</a> : r.url}</td>
                  <td>{r.site}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{r.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.data.next_cursor && <p class="muted">The first 500 rows are shown; the CSV has them all.</p>}
        </div>
      )}
    </section>
  );
}

function Bar({ batch }: { batch: Batch }) {
  const { counts } = batch;
  const parts = (['completed', 'failed', 'skipped', 'cancelled', 'running'] as const).filter(
    (s) => counts[s] > 0,
  );
  const done = counts.total - counts.queued - counts.running;
  return (
    <div>
      <div
        class="batch-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={done}
        data-testid="batch-progress"
      >
        {parts.map((s) => (
          <span key={s} class={s} style={{ width: `${(100 * counts[s]) / Math.max(1, counts.total)}%` }} />
        ))}
      </div>
      <p class="muted">
        {done} of {counts.total} rows done
      </p>
    </div>
  );
}
