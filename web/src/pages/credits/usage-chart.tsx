// Credits spent per day over the last 30 days: hand-drawn SVG bars (one series, thirty bars do not need a
// charting library), with the same figures as a table for screen readers and for reading exact values.
import { formatDay } from '../../ui/format';

const WIDTH = 300;
const HEIGHT = 60;
const DAYS = 30;

/** The last `DAYS` UTC days, oldest first, with what was spent on each (0 where nothing was). */
function lastDays(usage: { day: string; spent: number }[], today = new Date()) {
  const spent = new Map(usage.map((u) => [u.day, u.spent]));
  return Array.from({ length: DAYS }, (_, i) => {
    const day = new Date(today.getTime() - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return { day, spent: Math.max(0, spent.get(day) ?? 0) };
  });
}

export function UsageChart({ usage }: { usage: { day: string; spent: number }[] }) {
  const days = lastDays(usage);
  const top = Math.max(1, ...days.map((d) => d.spent));
  const bar = WIDTH / DAYS;
  const total = days.reduce((sum, d) => sum + d.spent, 0);
  return (
    <figure class="usage-chart">
      <svg
        role="img"
        aria-label={`Credits spent per day over the last 30 days: ${total} in all`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
      >
        {days.map((d, i) => {
          const height = d.spent ? Math.max(2, (d.spent / top) * HEIGHT) : 1;
          return (
            <rect
              key={d.day}
              class={d.spent ? 'usage-bar' : 'usage-none'}
              x={i * bar + 1}
              y={HEIGHT - height}
              width={bar - 2}
              height={height}
            >
              <title>{`${formatDay(d.day)}: ${d.spent}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption class="muted">
        {total} credits spent in the last 30 days
        <details>
          <summary>As a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" class="num">
                  Credits
                </th>
              </tr>
            </thead>
            <tbody>
              {days
                .filter((d) => d.spent > 0)
                .map((d) => (
                  <tr key={d.day}>
                    <td>{formatDay(d.day)}</td>
                    <td class="num">{d.spent}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
