// The recent prepare and process steps: when each ran, what triggered it, what it did and how many database
// statements it took.
import type { paths } from '../../api/schema';
import { type Translation, useMessages } from '../../i18n/define';
import { StatusBadge } from '../../ui/badges';
import { formatDate, formatMoney, formatNumber, formatTime } from '../../ui/format';
import { payoutRunMessages } from './messages';
import { PayoutErrors } from './payout-actions';

export type Run =
  paths['/v1/admin/payouts/runs']['get']['responses'][200]['content']['application/json']['data'][number];

type Texts = Translation<typeof payoutRunMessages.en>;

const count = (result: Run['result'], key: string) => {
  const value = result[key];
  return typeof value === 'number' ? value : 0;
};

/** Completed when nothing failed; failed when nothing else happened; otherwise some payouts need a look. */
function runStatus(run: Run): string {
  const failed = Math.max(count(run.result, 'failed'), run.errors.length);
  if (failed === 0) return 'completed';
  return count(run.result, 'processed') === 0 ? 'failed' : 'needs_review';
}

function summary(run: Run, m: Texts): string {
  const r = run.result;
  if (run.kind === 'prepare') {
    const amounts = typeof r.amounts === 'object' && r.amounts !== null ? Object.entries(r.amounts) : [];
    const money = amounts
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([currency, amount]) => formatMoney(amount, currency));
    return [m.countPrepared(count(r, 'prepared')), ...money].join(' · ');
  }
  const parts = [
    m.countProcessed(count(r, 'processed')),
    m.countFailed(count(r, 'failed')),
    m.countSkipped(count(r, 'skipped')),
  ];
  if (count(r, 'remaining') > 0) parts.push(m.countRemaining(count(r, 'remaining')));
  return parts.join(' · ');
}

function duration(run: Run): string {
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  if (!Number.isFinite(ms)) return '';
  return ms < 1000 ? `${formatNumber(ms)} ms` : `${formatNumber(ms / 1000, 1)} s`;
}

export function RunsTable({ runs }: { runs: Run[] }) {
  const m = useMessages(payoutRunMessages);
  return (
    <div class="table-wrap">
      <table aria-labelledby="runs-heading">
        <thead>
          <tr>
            <th scope="col">{m.kind}</th>
            <th scope="col">{m.week}</th>
            <th scope="col">{m.started}</th>
            <th scope="col">{m.finished}</th>
            <th scope="col">{m.status}</th>
            <th scope="col">{m.results}</th>
            <th scope="col" class="num">
              {m.statements}
            </th>
            <th scope="col">{m.errors}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="payout-run-row" data-kind={run.kind}>
              <td class="adm-nowrap">
                {m.kinds(run.kind)}
                <div class="hint">{m.triggers(run.trigger)}</div>
              </td>
              <td class="adm-nowrap">{run.week ? m.isoWeek(run.week) : '—'}</td>
              <td class="adm-nowrap">{formatDate(run.started_at)}</td>
              <td class="adm-nowrap">
                {/* Finished is seconds after started: its time of day says enough (the full date is its tooltip). */}
                <time dateTime={run.finished_at} title={formatDate(run.finished_at)}>
                  {formatTime(run.finished_at)}
                </time>
                <div class="hint">{m.after(duration(run))}</div>
              </td>
              <td>
                <StatusBadge status={runStatus(run)} />
              </td>
              <td class="adm-summary">{summary(run, m)}</td>
              <td class="num">{formatNumber(run.statements)}</td>
              <td>
                {run.errors.length === 0 ? (
                  <span class="muted">—</span>
                ) : (
                  <PayoutErrors errors={run.errors} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
