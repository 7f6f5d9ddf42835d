// The metric pages' shared parts: a range picker (24 h, 7 d, 30 d, kept in the URL) and a grid of charts for
// the series a page names.
import { useState } from 'preact/hooks';
import { MetricChart, type Point } from '../../ui/chart';
import { formatShare } from '../../ui/format';
import './metrics.css';

export const RANGES = {
  '24h': { label: '24 hours', ms: 86_400_000, step: 'hour' },
  '7d': { label: '7 days', ms: 7 * 86_400_000, step: 'hour' },
  '30d': { label: '30 days', ms: 30 * 86_400_000, step: 'day' },
} as const;

export type RangeKey = keyof typeof RANGES;

export function useRange(): [RangeKey, (r: RangeKey) => void] {
  const initial = new URLSearchParams(location.search).get('range');
  const [range, setRange] = useState<RangeKey>(initial && initial in RANGES ? (initial as RangeKey) : '24h');
  const choose = (r: RangeKey) => {
    const url = new URL(location.href);
    url.searchParams.set('range', r);
    history.replaceState(null, '', url);
    setRange(r);
  };
  return [range, choose];
}

export function RangePicker({ range, onChange }: { range: RangeKey; onChange: (r: RangeKey) => void }) {
  return (
    <div class="filter">
      <label for="metric-range">Range</label>
      <select id="metric-range" value={range} onChange={(e) => onChange(e.currentTarget.value as RangeKey)}>
        {Object.entries(RANGES).map(([key, r]) => (
          <option key={key} value={key}>
            {r.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const rangeQuery = (range: RangeKey) => {
  const to = new Date();
  const spec = RANGES[range];
  return { from: new Date(to.getTime() - spec.ms).toISOString(), to: to.toISOString(), step: spec.step };
};

const count = (v: number) => Math.round(v).toLocaleString();
const seconds = (v: number) => (v < 120 ? `${v.toFixed(1)} s` : `${(v / 60).toFixed(1)} min`);

/** How each series reads as a title and a formatted value. */
export const SERIES_VIEW: Record<string, { title: string; format: (v: number) => string }> = {
  'tasks.created': { title: 'Tasks created', format: count },
  'tasks.completed': { title: 'Tasks completed', format: count },
  'tasks.needs_review': { title: 'Sent to review', format: count },
  'tasks.failed': { title: 'Tasks failed', format: count },
  'tasks.automation_rate': { title: 'Automation rate', format: formatShare },
  'tasks.latency_p95': { title: 'Task time, 95th percentile', format: seconds },
  'extractions.completed': { title: 'Extractions completed', format: count },
  'webhooks.success_rate': { title: 'Webhook success rate', format: formatShare },
  'emails.sent': { title: 'Emails sent', format: count },
  'queues.backlog': { title: 'Queue backlog', format: count },
  dead_letters: { title: 'Dead letters', format: count },
  'payments.volume_eur': { title: 'Money collected (EUR)', format: (v) => `€${(v / 100).toLocaleString()}` },
  'credits.consumed': { title: 'Credits spent', format: count },
};

/** The API's [time, value] pairs (typed loosely by the generated client) as chart points. */
const asPoints = (pairs: (string | number | null)[][]): Point[] =>
  pairs.map(([t, v]) => [String(t), typeof v === 'number' ? v : null]);

export function ChartGrid({ series }: { series: Record<string, (string | number | null)[][]> }) {
  return (
    <div class="chart-grid">
      {Object.entries(series).map(([name, pairs]) => {
        const points = asPoints(pairs);
        const view = SERIES_VIEW[name] ?? { title: name, format: count };
        return <MetricChart key={name} title={view.title} points={points} format={view.format} />;
      })}
    </div>
  );
}
