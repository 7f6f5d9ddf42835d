// The Overview's breakdowns: tasks per module and each queue over the chosen range, as two tables read from
// the labelled series (`tasks.created:CTAX`, `queues.backlog:engage-tasks`, asked for as `family:*`). Counts
// are totals over the range; a backlog is the latest snapshot and the range's peak.
import { useMessages } from '../../i18n/define';
import { formatNumber } from '../../ui/format';
import { queueMessages } from '../admin/messages';
import { metricMessages } from './messages';

type Series = Record<string, (string | number | null)[][]>;

const TASK_STATES = ['created', 'completed', 'needs_review', 'failed'] as const;

/** What the breakdowns read: ask for these along with the charts. */
export const BREAKDOWN_SERIES = [
  ...TASK_STATES.map((state) => `tasks.${state}:*`),
  'queues.backlog:*',
  'dead_letters:*',
];

const numbers = (pairs: Series[string] | undefined) =>
  (pairs ?? []).map(([, v]) => v).filter((v): v is number => typeof v === 'number');
const total = (pairs: Series[string] | undefined) => numbers(pairs).reduce((sum, v) => sum + v, 0);
const show = (value: number | undefined) => (value === undefined ? '—' : formatNumber(Math.round(value)));

/** The labels a family came back with, e.g. the module codes of `tasks.created`. */
const labelsOf = (series: Series, family: string) =>
  Object.keys(series)
    .filter((name) => name.startsWith(`${family}:`))
    .map((name) => name.slice(family.length + 1))
    .sort();

export function ModuleBreakdown({ series }: { series: Series }) {
  const m = useMessages(metricMessages);
  const modules = labelsOf(series, 'tasks.created');
  if (modules.length === 0) return null;
  return (
    <div class="card">
      <h2 id="by-module">{m.byModule}</h2>
      <div class="table-wrap">
        <table aria-labelledby="by-module">
          <thead>
            <tr>
              <th scope="col">{m.module}</th>
              {TASK_STATES.map((state) => (
                <th key={state} scope="col" class="num">
                  {m.taskState(state)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {modules.map((code) => (
              <tr key={code}>
                <th scope="row">{code}</th>
                {TASK_STATES.map((state) => (
                  <td key={state} class="num">
                    {show(total(series[`tasks.${state}:${code}`]))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{m.totalsOverRange}</p>
    </div>
  );
}

export function QueueBreakdown({ series }: { series: Series }) {
  const m = useMessages(metricMessages);
  const q = useMessages(queueMessages);
  const queues = labelsOf(series, 'queues.backlog');
  if (queues.length === 0) return null;
  return (
    <div class="card">
      <h2 id="by-queue">{m.byQueue}</h2>
      <div class="table-wrap">
        <table aria-labelledby="by-queue">
          <thead>
            <tr>
              <th scope="col">{q.queue}</th>
              <th scope="col" class="num">
                {m.waitingNow}
              </th>
              <th scope="col" class="num">
                {m.waitingPeak}
              </th>
              <th scope="col" class="num">
                {m.deadLettered}
              </th>
            </tr>
          </thead>
          <tbody>
            {queues.map((queue) => {
              const backlog = numbers(series[`queues.backlog:${queue}`]);
              return (
                <tr key={queue}>
                  <th scope="row">
                    {q.queueNames(queue)}
                    <div class="hint">
                      <code>{queue}</code>
                    </div>
                  </th>
                  <td class="num">{show(backlog.at(-1))}</td>
                  <td class="num">{show(backlog.length ? Math.max(...backlog) : undefined)}</td>
                  <td class="num">{show(total(series[`dead_letters:${queue}`]))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">{m.queuesOverRange}</p>
    </div>
  );
}
