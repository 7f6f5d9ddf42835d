// The recent prepare and process steps: when each ran, what triggered it, what it did and how many D1
// statements it took.
import type { paths } from '../../api/schema';
import { StatusBadge } from '../../ui/badges';
import { formatDate, formatMoney, titleCase } from '../../ui/format';
import { PayoutErrors } from './payout-actions';

export type Run =
  paths['/v1/admin/payouts/runs']['get']['responses'][200]['content']['application/json']['data'][number];

type PayoutError = { payout_id: string; error: string };

const count = (result: Run['result'], key: string) => {
  const value = result[key];
  return typeof value === 'number' ? value : 0;
};

function errorsOf(run: Run): PayoutError[] {
  const errors = run.result.errors;
  if (!Array.isArray(errors)) return [];
  return (errors as unknown[]).filter((e): e is PayoutError => {
    const item = e as Partial<Record<keyof PayoutError, unknown>> | null;
    return typeof item?.payout_id === 'string' && typeof item.error === 'string';
  });
}

/** Completed when nothing failed; failed when nothing else happened; otherwise some payouts need a look. */
function runStatus(run: Run): string {
  const failed = Math.max(count(run.result, 'failed'), errorsOf(run).length);
  if (failed === 0) return 'completed';
  return count(run.result, 'processed') === 0 ? 'failed' : 'needs_review';
}

function summary(run: Run): string {
  const r = run.result;
  if (run.kind === 'prepare') {
    const amounts = typeof r.amounts === 'object' && r.amounts !== null ? Object.entries(r.amounts) : [];
    const money = amounts
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([currency, amount]) => formatMoney(amount, currency));
    return [`${count(r, 'prepared')} prepared`, ...money].join(' · ');
  }
  const parts = [
    `${count(r, 'processed')} processed`,
    `${count(r, 'failed')} failed`,
    `${count(r, 'skipped')} skipped`,
  ];
  if (count(r, 'remaining') > 0) parts.push(`${count(r, 'remaining')} remaining`);
  return parts.join(' · ');
}

function duration(run: Run): string {
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  if (!Number.isFinite(ms)) return '';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Finished is seconds after started: its time of day says enough (the full date is its tooltip). */
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'medium' });

export function RunsTable({ runs }: { runs: Run[] }) {
  return (
    <div class="table-wrap">
      <table aria-labelledby="runs-heading">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Week</th>
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
            <th scope="col">Status</th>
            <th scope="col">Results</th>
            <th scope="col" class="num">
              Statements
            </th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const errors = errorsOf(run);
            return (
              <tr key={run.id} data-testid="payout-run-row" data-kind={run.kind}>
                <td class="adm-nowrap">
                  {titleCase(run.kind)}
                  <div class="hint">by {run.trigger}</div>
                </td>
                <td class="adm-nowrap">{run.week ?? '—'}</td>
                <td class="adm-nowrap">{formatDate(run.started_at)}</td>
                <td class="adm-nowrap">
                  <time dateTime={run.finished_at} title={formatDate(run.finished_at)}>
                    {timeOf(run.finished_at)}
                  </time>
                  <div class="hint">after {duration(run)}</div>
                </td>
                <td>
                  <StatusBadge status={runStatus(run)} />
                </td>
                <td class="adm-summary">{summary(run)}</td>
                <td class="num">{run.statements}</td>
                <td>
                  {errors.length === 0 ? <span class="muted">—</span> : <PayoutErrors errors={errors} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
