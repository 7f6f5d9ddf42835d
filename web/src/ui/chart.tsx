// A time-series chart for one metric: hand-drawn SVG (a line over at most a few hundred points needs no
// charting library and stays a few hundred bytes), the last value and the range's peak as text, and the
// same figures as a table for screen readers and exact reading. A null point is a gap in the line.
import { useMessages } from '../i18n/define';
import { chartMessages } from './chart-messages';
import { formatDate } from './format';

const WIDTH = 320;
const HEIGHT = 80;

export type Point = [string, number | null];

export function MetricChart({
  title,
  points,
  format,
}: {
  title: string;
  points: Point[];
  format: (value: number) => string;
}) {
  const m = useMessages(chartMessages);
  const values = points.map(([, v]) => v).filter((v): v is number => v !== null);
  const top = Math.max(...values, 0) || 1;
  const x = (i: number) => (points.length > 1 ? (i / (points.length - 1)) * WIDTH : WIDTH / 2);
  const y = (v: number) => HEIGHT - (v / top) * (HEIGHT - 4) - 2;
  // Segments of consecutive known points: a gap stays a gap, and a point alone (the first hour with data, a
  // rate measured once) is drawn as a dot, which a line of one point would not show.
  const segments: { d: string; dot: boolean }[] = [];
  let current = '';
  let length = 0;
  const close = () => {
    if (current) segments.push({ d: length === 1 ? `${current}h0` : current, dot: length === 1 });
    current = '';
    length = 0;
  };
  for (const [i, [, v]] of points.entries()) {
    if (v === null) {
      close();
      continue;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    length++;
  }
  close();
  const last = [...points].reverse().find(([, v]) => v !== null)?.[1] ?? null;
  const peak = values.length > 0 ? format(Math.max(...values)) : null;
  return (
    <figure class="metric-chart card">
      <figcaption>
        <strong>{title}</strong>
        <span class="muted">
          {last === null ? m.noData : m.now(format(last))}
          {peak !== null && ` · ${m.peak(peak)}`}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={peak === null ? m.empty(title) : m.summary(title, format(last ?? 0), peak)}
      >
        <line x1={0} y1={HEIGHT - 1} x2={WIDTH} y2={HEIGHT - 1} class="chart-axis" />
        {segments.map(({ d, dot }) => (
          <path key={d} d={d} class={dot ? 'chart-line chart-dot' : 'chart-line'} />
        ))}
      </svg>
      <details>
        <summary>{m.asTable}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.from}</th>
                <th scope="col" class="num">
                  {m.value}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map(([t, v]) => (
                <tr key={t}>
                  <td>{formatDate(t)}</td>
                  <td class="num">{v === null ? '—' : format(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
