// /admin/overview: the platform over time — work, automation, speed, queues, webhooks, money — and the
// alerts that are open, each chart with a table view.
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { ChartGrid, RangePicker, rangeQuery, useRange } from './charts';
import { metricMessages } from './messages';

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
];

export function OverviewPage() {
  const m = useMessages(metricMessages);
  const [range, setRange] = useRange();
  const metrics = useResource(
    () =>
      ok(
        api.GET('/v1/admin/metrics', {
          params: { query: { series: PLATFORM_SERIES.join(','), ...rangeQuery(range) } },
        }),
      ),
    [range],
  );
  const alerts = useResource(() => ok(api.GET('/v1/admin/alerts', { params: { query: { limit: 20 } } })), []);
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
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ProblemBanner problem={metrics.error} onRetry={() => void metrics.reload()} />
      {metrics.data ? <ChartGrid series={metrics.data.series} /> : metrics.loading && <Loading />}
      <p class="hint">{m.rolledUp}</p>
    </section>
  );
}
