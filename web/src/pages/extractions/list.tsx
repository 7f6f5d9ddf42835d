// Extractions (company): the form to mine a website, and the company's runs, searched, sorted and filtered
// by status through the URL (newest first by default).
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { formatDate, formatNumber, formatPercent } from '../../ui/format';
import { useStatusFilter, useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { listMessages } from '../../ui/list/messages';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { extractionListMessages } from './list-messages';
import { MineForm } from './mine-form';
import './extractions.css';

type Summary = Schemas['ExtractionSummary'];
type Status = Summary['status'];

const STATUSES: Status[] = ['queued', 'running', 'completed', 'failed'];
const SORTS = ['-created_at', 'created_at', 'url', '-url', '-confidence', 'status'] as const;

export function ExtractionsPage() {
  const m = useMessages(extractionListMessages);
  const lm = useMessages(listMessages);
  const timeSorts = useTimeSorts();
  const statusFilter = useStatusFilter(STATUSES);
  const query = useListQuery({ sorts: SORTS, filters: { status: STATUSES } });
  const list = useList(
    (cursor) => ok(api.GET('/v1/extractions', { params: { query: { ...query.api, cursor, limit: 20 } } })),
    [query.key],
  );

  return (
    <section class="page">
      <PageHead title={m.title} />
      <MineForm />

      <div class="ext-section-head">
        <h2>{m.runs}</h2>
        <button type="button" class="small" onClick={() => void list.reload()} disabled={list.loading}>
          {m.refresh}
        </button>
      </div>

      <ListView
        list={list}
        loadingLabel={m.loading}
        controls={{
          query,
          id: 'extractions',
          searchHint: m.search,
          sorts: [
            ...timeSorts,
            { value: 'url', label: m.websiteAz },
            { value: '-url', label: m.websiteZa },
            { value: '-confidence', label: m.confidenceHigh },
            { value: 'status', label: lm.statusAz },
          ],
          filters: [statusFilter],
        }}
        empty={<Empty title={m.none}>{m.noneHint}</Empty>}
      >
        {(items) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{m.website}</th>
                  <th>{m.status}</th>
                  <th>{m.progress}</th>
                  <th class="num">{m.entities}</th>
                  <th>{m.started}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((x) => (
                  <ExtractionRow key={x.id} extraction={x} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListView>
    </section>
  );
}

function ExtractionRow({ extraction: x }: { extraction: Summary }) {
  const m = useMessages(extractionListMessages);
  const url = x.normalized_url || x.url;
  return (
    <tr data-testid="extraction-row" data-id={x.id} data-status={x.status}>
      <td class="ext-url-cell">
        <a href={`/extractions/${encodeURIComponent(x.id)}`}>{url}</a>
        {x.error && <div class="field-error">{x.error}</div>}
      </td>
      <td>
        <StatusBadge status={x.status} />
      </td>
      <td>
        <span class="ext-progress-cell">
          <progress max={100} value={x.progress} aria-label={m.progressOf(url)} />
          <span>{formatPercent(x.progress)}</span>
        </span>
      </td>
      <td class="num">
        {x.status === 'completed' || x.entity_count > 0 ? formatNumber(x.entity_count) : '—'}
      </td>
      <td class="ext-nowrap">{formatDate(x.created_at)}</td>
    </tr>
  );
}
