// The metric pages' shared parts: a range picker (24 h, 7 d, 30 d, kept in the URL) and a grid of charts for
// the series a page names.
import { useState } from 'preact/hooks';
import { useMessages } from '../../i18n/define';
import { MetricChart, type Point } from '../../ui/chart';
import { formatMoney, formatNumber, formatShare } from '../../ui/format';
import { metricMessages } from './messages';
import './metrics.css';

export const RANGES = {
  '24h': { ms: 86_400_000, step: 'hour' },
  '7d': { ms: 7 * 86_400_000, step: 'hour' },
  '30d': { ms: 30 * 86_400_000, step: 'day' },
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
  const m = useMessages(metricMessages);
  return (
    <div class="filter">
      <label for="metric-range">{m.range}</label>
      <select id="metric-range" value={range} onChange={(e) => onChange(e.currentTarget.value as RangeKey)}>
        {Object.keys(RANGES).map((key) => (
          <option key={key} value={key}>
            {m.ranges(key)}
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

const count = (v: number) => formatNumber(Math.round(v));

/** How each series' values read (titles come from the catalogue); counts unless named here. */
const SERIES_FORMAT: Record<string, (v: number, seconds: (v: number) => string) => string> = {
  'tasks.automation_rate': formatShare,
  'tasks.latency_p95': (v, seconds) => seconds(v),
  'webhooks.success_rate': formatShare,
  'payments.volume_eur': (v) => formatMoney(Math.round(v), 'eur'),
  'payouts.amount_eur': (v) => formatMoney(Math.round(v), 'eur'),
  'extractions.pages_per_run': (v) => formatNumber(v, 1),
};

/** The API's [time, value] pairs (typed loosely by the generated client) as chart points. */
const asPoints = (pairs: (string | number | null)[][]): Point[] =>
  pairs.map(([t, v]) => [String(t), typeof v === 'number' ? v : null]);

export function ChartGrid({ series }: { series: Record<string, (string | number | null)[][]> }) {
  const m = useMessages(metricMessages);
  return (
    <div class="chart-grid">
      {Object.entries(series).map(([name, pairs]) => {
        const format = SERIES_FORMAT[name];
        return (
          <MetricChart
            key={name}
            title={m.series(name)}
            points={asPoints(pairs)}
            format={format ? (v) => format(v, m.seconds) : count}
          />
        );
      })}
    </div>
  );
}
