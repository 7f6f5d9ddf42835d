// ISO 8601 weeks ("2026-W47"): Monday to Sunday, week 1 holds the year's first Thursday. Payouts cover one.

const DAY_MS = 86_400_000;

/** The ISO week containing `date` (UTC). */
export function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7; // Monday 1 … Sunday 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of `week`, and the next Monday (exclusive end). */
export function weekBounds(week: string): { start: Date; end: Date } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  const number = Number(match[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4)); // always in week 1
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY_MS;
  const start = new Date(week1Monday + (number - 1) * 7 * DAY_MS);
  if (number < 1 || isoWeekOf(start) !== week) throw new RangeError(`no such ISO week: ${week}`);
  return { start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/** The ISO week before the one containing `now`: what Monday's prepare pays out. */
export const previousIsoWeek = (now: Date) => isoWeekOf(new Date(now.getTime() - 7 * DAY_MS));

export const ISO_WEEK_PATTERN = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
