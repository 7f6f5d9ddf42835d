// A small bar sparkline of successes per day: each bar's height is that day's success share, its colour says
// good / mixed / bad, a day without attempts is a flat grey tick. Hand-drawn SVG (seven bars do not need a
// charting library); the label reads every day out for screen readers.
import { useMessages } from '../i18n/define';
import { chartMessages } from './chart-messages';
import { formatDay, formatNumber } from './format';

export interface DayFigure {
  day: string;
  attempts: number;
  succeeded: number;
}

const WIDTH = 70;
const HEIGHT = 20;
const GAP = 2;

const tone = (share: number) => (share >= 0.95 ? 'good' : share >= 0.7 ? 'mixed' : 'bad');

export function SuccessSparkline({ days, label }: { days: DayFigure[]; label: string }) {
  const m = useMessages(chartMessages);
  const bar = (WIDTH - GAP * (days.length - 1)) / Math.max(days.length, 1);
  const spoken = days
    .map((d) =>
      d.attempts === 0
        ? m.noDeliveries(formatDay(d.day))
        : m.succeeded(formatDay(d.day), formatNumber(d.succeeded), formatNumber(d.attempts)),
    )
    .join('; ');
  return (
    <svg
      class="sparkline"
      role="img"
      aria-label={`${label}. ${spoken}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
    >
      {days.map((d, i) => {
        const share = d.attempts ? d.succeeded / d.attempts : 0;
        const height = d.attempts ? Math.max(2, share * HEIGHT) : 1;
        return (
          <rect
            key={d.day}
            class={d.attempts ? `spark-${tone(share)}` : 'spark-none'}
            x={i * (bar + GAP)}
            y={HEIGHT - height}
            width={bar}
            height={height}
            rx={1}
          >
            <title>
              {d.attempts
                ? `${formatDay(d.day)}: ${formatNumber(d.succeeded)}/${formatNumber(d.attempts)}`
                : formatDay(d.day)}
            </title>
          </rect>
        );
      })}
    </svg>
  );
}
