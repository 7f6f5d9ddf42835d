// Extractions (company): the form to mine a website, and the company's runs, newest first, by status.
import { useLocation } from 'preact-iso';
import { api, ok, type Schemas } from '../../api/client';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatPercent, titleCase } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { MineForm } from './mine-form';
import './extractions.css';

type Summary = Schemas['ExtractionSummary'];
type Status = Summary['status'];

const STATUSES: Status[] = ['queued', 'running', 'completed', 'failed'];

export function ExtractionsPage() {
  const { query, route } = useLocation();
  const status = STATUSES.find((s) => s === query.status);

  const list = useList(
    (cursor) => ok(api.GET('/v1/extractions', { params: { query: { cursor, status, limit: 20 } } })),
    [status],
  );

  return (
    <section class="page">
      <PageHead title="Extractions" />
      <MineForm />

      <div class="ext-section-head">
        <h2>Runs</h2>
        <div class="row">
          <label for="status-filter">Status</label>
          <select
            id="status-filter"
            class="ext-filter-select"
            value={status ?? ''}
            onChange={(e) => {
              const next = e.currentTarget.value;
              route(next ? `/extractions?status=${next}` : '/extractions', true);
            }}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
          <button type="button" class="small" onClick={() => void list.reload()} disabled={list.loading}>
            Refresh
          </button>
        </div>
      </div>

      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {list.items === undefined ? (
        list.loading && <Loading label="Loading extractions…" />
      ) : list.items.length === 0 ? (
        <Empty title={status ? `No ${titleCase(status).toLowerCase()} extractions` : 'No extractions yet'}>
          {status
            ? 'Choose another status to see other runs.'
            : 'Enter a company website above to find its contacts.'}
        </Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Website</th>
                <th>Status</th>
                <th>Progress</th>
                <th class="num">Entities</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((x) => (
                <ExtractionRow key={x.id} extraction={x} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={list} />
    </section>
  );
}

function ExtractionRow({ extraction: x }: { extraction: Summary }) {
  return (
    <tr data-testid="extraction-row" data-id={x.id} data-status={x.status}>
      <td class="ext-url-cell">
        <a href={`/extractions/${encodeURIComponent(x.id)}`}>{x.normalized_url || x.url}</a>
        {x.error && <div class="field-error">{x.error}</div>}
      </td>
      <td>
        <StatusBadge status={x.status} />
      </td>
      <td>
        <span class="ext-progress-cell">
          <progress max={100} value={x.progress} aria-label={`Progress of ${x.normalized_url || x.url}`} />
          <span>{formatPercent(x.progress)}</span>
        </span>
      </td>
      <td class="num">{x.status === 'completed' || x.entity_count > 0 ? x.entity_count : '—'}</td>
      <td class="ext-nowrap">{formatDate(x.created_at)}</td>
    </tr>
  );
}
