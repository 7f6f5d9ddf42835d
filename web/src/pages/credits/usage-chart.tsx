// Credits spent per day over the last 30 days, as the metric chart every page uses (days without spending
// are zero, not gaps).
import { useMessages } from '../../i18n/define';
import { MetricChart } from '../../ui/chart';
import { formatNumber } from '../../ui/format';
import '../metrics/metrics.css';
import { creditsPage } from './messages';

const DAYS = 30;

export function UsageChart({ usage }: { usage: { day: string; spent: number }[] }) {
  const m = useMessages(creditsPage);
  const spent = new Map(usage.map((u) => [u.day, u.spent]));
  const today = Date.now();
  const points = Array.from({ length: DAYS }, (_, i) => {
    const day = new Date(today - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return [`${day}T00:00:00.000Z`, Math.max(0, spent.get(day) ?? 0)] as [string, number];
  });
  return <MetricChart title={m.chart} points={points} format={(v) => formatNumber(v)} />;
}
