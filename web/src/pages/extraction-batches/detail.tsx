// One batch: counts and a progress bar live over SSE while it runs, its rows with their statuses (filtered
// by status), cancel, and the enriched CSV.
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok } from '../../api/client';
import { type ApiProblem, asProblem } from '../../api/problem';
import { statuses } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { session } from '../../session';
import { StatusBadge } from '../../ui/badges';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatNumber } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { type Batch, downloadExport } from './api';
import { batchMessages } from './messages';
import './batches.css';

const ROW_STATUSES = ['queued', 'running', 'completed', 'failed', 'skipped', 'cancelled'] as const;
type RowStatus = (typeof ROW_STATUSES)[number];
/** The API's page size for rows; the CSV export has them all. */
const ROWS_SHOWN = 500;

export function ExtractionBatchPage() {
  const m = useMessages(batchMessages);
  const state = useMessages(statuses);
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
          params: { path: { id }, query: { limit: ROWS_SHOWN, status: filter || undefined } },
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
        <a href="/extraction-batches">{m.back}</a>
      </p>
      <PageHead title={b ? m.batchOf(formatDate(b.created_at)) : m.batch}>
        {running && !b?.cancel_requested_at && (
          <button type="button" class="secondary" onClick={() => void cancel()}>
            {m.cancel}
          </button>
        )}
        {b && (
          <button
            type="button"
            onClick={() => void downloadExport(b.id).catch((e) => setProblem(asProblem(e)))}
          >
            {m.download}
          </button>
        )}
      </PageHead>
      <ProblemBanner problem={batch.error ?? problem} />
      {!b ? (
        batch.loading && <Loading label={m.loadingBatch} />
      ) : (
        <div class="card stack">
          <Bar batch={b} />
          <dl class="facts">
            <dt>{m.status}</dt>
            <dd>
              <StatusBadge status={b.status} />
            </dd>
            <dt>{m.rows}</dt>
            <dd>
              {m.rowsOf(
                ROW_STATUSES.map((s) => m.statusCount(b.counts[s], state[s])).join(' · '),
                b.counts.total,
              )}
            </dd>
            <dt>{m.sites}</dt>
            <dd>{m.sitesText(b.sites, b.reused)}</dd>
            <dt>{m.urlColumn}</dt>
            <dd>{b.url_column}</dd>
            <dt>{m.started}</dt>
            <dd>{formatDate(b.created_at)}</dd>
            <dt>{m.finished}</dt>
            <dd>{formatDate(b.completed_at)}</dd>
          </dl>
        </div>
      )}
      <div class="row batch-rows-head">
        <h2 id="rows-heading">{m.rows}</h2>
        <label for="row-filter">{m.status}</label>
        <select
          id="row-filter"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value as RowStatus | '')}
        >
          <option value="">{m.all}</option>
          {ROW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {state[s]}
            </option>
          ))}
        </select>
      </div>
      <ProblemBanner problem={rows.error} />
      {rows.data && (
        <div class="table-wrap">
          <table aria-labelledby="rows-heading">
            <thead>
              <tr>
                <th class="num">{m.row}</th>
                <th>{m.url}</th>
                <th>{m.site}</th>
                <th>{m.status}</th>
                <th>{m.error}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.data.map((r) => (
                <tr key={r.row} data-status={r.status}>
                  <td class="num">{formatNumber(r.row)}</td>
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
          {rows.data.next_cursor && <p class="muted">{m.firstRows(ROWS_SHOWN)}</p>}
        </div>
      )}
    </section>
  );
}

function Bar({ batch }: { batch: Batch }) {
  const m = useMessages(batchMessages);
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
        aria-label={m.progress}
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={done}
        data-testid="batch-progress"
      >
        {parts.map((s) => (
          <span key={s} class={s} style={{ width: `${(100 * counts[s]) / Math.max(1, counts.total)}%` }} />
        ))}
      </div>
      <p class="muted">{m.rowsDone(done, counts.total)}</p>
    </div>
  );
}
