// ISO 8601 weeks for the automation report. SQL groups rows by the Monday their week starts on (SQLite's
// `date(x, '-6 days', 'weekday 1')`; D1's SQLite may predate `%V`), and these turn Mondays into `2026-W45`.

const DAY_MS = 86_400_000;

/** The Monday (`YYYY-MM-DD`, UTC) of the ISO week `at` falls in. */
export function weekStart(at: Date): string {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-Www` of the week starting on `monday`: the week belongs to the year its Thursday is in. */
export function isoWeek(monday: string): string {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday `weeks` weeks after `monday` (negative: before). */
export function addWeeks(monday: string, weeks: number): string {
  return new Date(Date.parse(`${monday}T00:00:00Z`) + weeks * 7 * DAY_MS).toISOString().slice(0, 10);
}
