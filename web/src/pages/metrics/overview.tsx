// /admin/overview: the platform over time — work, automation, speed, queues, breakers, webhooks, money — the
// alerts, and tasks per module and each queue as tables; each chart with a table view. Read again every
// minute while the page is visible, so the charts move as the sweep rolls figures up.
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { BREAKDOWN_SERIES, ModuleBreakdown, QueueBreakdown } from './breakdown';
import { ChartGrid, RangePicker, rangeQuery, useRange } from './charts';
import { metricMessages } from './messages';
import { useRefreshWhileVisible } from './refresh';

const PLATFORM_SERIES = [
  'tasks.created',
  'tasks.automation_rate',
  'tasks.latency_p95',
  'tasks.failed',
  'queues.backlog',
  'dead_letters',
  'webhooks.success_rate',
  'emails.sent',
  'payments.volume_eur',
  'payouts.amount_eur',
  'breakers.opened',
  'extractions.pages_per_run',
];

const pick = (series: Record<string, (string | number | null)[][]>, names: string[]) =>
  Object.fromEntries(names.filter((n) => n in series).map((n) => [n, series[n] ?? []]));

export function OverviewPage() {
  const m = useMessages(metricMessages);
  const [range, setRange] = useRange();
  const metrics = useResource(
    () =>
      ok(
        api.GET('/v1/admin/metrics', {
          params: {
            query: { series: [...PLATFORM_SERIES, ...BREAKDOWN_SERIES].join(','), ...rangeQuery(range) },
          },
        }),
      ),
    [range],
  );
  const alerts = useResource(() => ok(api.GET('/v1/admin/alerts', { params: { query: { limit: 20 } } })), []);
  useRefreshWhileVisible(() => {
    void metrics.reload();
    void alerts.reload();
  });
  return (
    <section class="page">
      <PageHead title={m.overview}>
        <RangePicker range={range} onChange={setRange} />
      </PageHead>
      <div class="card">
        <h2>{m.alerts}</h2>
        <ProblemBanner problem={alerts.error} onRetry={() => void alerts.reload()} />
        {!alerts.data ? (
          alerts.loading && <Loading />
        ) : alerts.data.data.length === 0 ? (
          <Empty title={m.noAlerts}>
            {m.rulesWatched(alerts.data.rules.map((r) => m.rules(r.name)).join(', '))}
          </Empty>
        ) : (
          <ul class="alert-list" data-testid="alerts">
            {alerts.data.data.map((a) => (
              <li key={a.id} data-status={a.status}>
                <StatusBadge status={a.status} /> <strong>{m.rules(a.rule)}</strong> —{' '}
                {m.alertDetail(a.rule, a.value, a.detail)}
                <div class="muted">
                  {m.opened(formatDate(a.opened_at))}
                  {a.closed_at && m.closed(formatDate(a.closed_at))}
                  {a.clear_since && m.recovering(formatDate(a.clear_since))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ProblemBanner problem={metrics.error} onRetry={() => void metrics.reload()} />
      {metrics.data ? (
        <>
          <ChartGrid series={pick(metrics.data.series, PLATFORM_SERIES)} />
          <ModuleBreakdown series={metrics.data.series} />
          <QueueBreakdown series={metrics.data.series} />
        </>
      ) : (
        metrics.loading && <Loading />
      )}
      <p class="hint">{m.rolledUp}</p>
    </section>
  );
}
