// Billing periods of an engagement: its rate is billed in advance, one period at a time, from the day the
// expert accepted (the anchor, a UTC calendar day). A weekly period is 7 days. A monthly period runs from the
// anchor's day of the month to the same day of the next month; where a month is shorter the period ends on its
// last day (anchored on 31 January: 31 Jan, 28 or 29 Feb, 31 Mar, 30 Apr …). Each period is computed from
// the anchor, never from the previous period, so a short February does not shift every later period.
// Dates are `YYYY-MM-DD` strings: a period is a span of calendar days, not of instants.

export type Interval = 'month' | 'week';

const DAY_MS = 86_400_000;

const parse = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, date: date ?? 1 };
};

const format = (year: number, month: number, date: number) =>
  new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The UTC calendar day of an instant. */
export const utcDay = (at: Date | string) => new Date(at).toISOString().slice(0, 10);

/** The first day of period `n` (0 = the anchor). */
export function periodStart(anchor: string, interval: Interval, n: number): string {
  if (interval === 'week') return utcDay(new Date(Date.parse(`${anchor}T00:00:00Z`) + n * 7 * DAY_MS));
  const { year, month, date } = parse(anchor);
  const monthIndex = month - 1 + n;
  const y = year + Math.floor(monthIndex / 12);
  const m = (((monthIndex % 12) + 12) % 12) + 1;
  return format(y, m, Math.min(date, daysInMonth(y, m)));
}

export interface Period {
  n: number;
  start: string;
  /** Exclusive: the next period's first day. */
  end: string;
}

export const period = (anchor: string, interval: Interval, n: number): Period => ({
  n,
  start: periodStart(anchor, interval, n),
  end: periodStart(anchor, interval, n + 1),
});

/** Every period that has begun on or before `today`, in order. */
export function periodsBegunBy(anchor: string, interval: Interval, today: string): Period[] {
  const out: Period[] = [];
  for (let n = 0; periodStart(anchor, interval, n) <= today; n++) out.push(period(anchor, interval, n));
  return out;
}

export const daysBetween = (start: string, end: string) =>
  Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);
