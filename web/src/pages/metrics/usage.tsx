// /usage (company): its own work over time — tasks, automation, speed, extractions and credits spent.
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { PageHead } from '../../ui/page';
import { ChartGrid, RangePicker, rangeQuery, useRange } from './charts';
import { metricMessages } from './messages';

const COMPANY_SERIES = [
  'tasks.created',
  'tasks.automation_rate',
  'tasks.latency_p95',
  'tasks.needs_review',
  'extractions.completed',
  'credits.consumed',
];

export function UsagePage() {
  const m = useMessages(metricMessages);
  const [range, setRange] = useRange();
  const metrics = useResource(
    () =>
      ok(
        api.GET('/v1/metrics', {
          params: { query: { series: COMPANY_SERIES.join(','), ...rangeQuery(range) } },
        }),
      ),
    [range],
  );
  return (
    <section class="page">
      <PageHead title={m.usage}>
        <RangePicker range={range} onChange={setRange} />
      </PageHead>
      <ProblemBanner problem={metrics.error} onRetry={() => void metrics.reload()} />
      {metrics.data ? <ChartGrid series={metrics.data.series} /> : metrics.loading && <Loading />}
      <p class="hint">{m.rolledUpOwn}</p>
    </section>
  );
}
