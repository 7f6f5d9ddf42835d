// The periods the home figures cover, all in UTC like every stored time: the calendar month money is counted
// in, the last days a chart shows (every day present, a quiet day as zero), and when a weekly cron runs next.
import { type Column, sql } from 'drizzle-orm';

const DAY_MS = 86_400_000;
export const CHART_DAYS = 14;
export const AUTOMATION_DAYS = 30;

/** The month `now` falls in (`2026-11`) and its first instant. */
export function monthOf(now: Date) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { month: start.toISOString().slice(0, 7), start: start.toISOString() };
}

/** The last `days` calendar days up to today, oldest first (`2026-11-14`). */
export function lastDays(now: Date, days = CHART_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** The instant `days` days before `now`. */
export const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** The day of an ISO timestamp column, in SQL (stored times are ISO strings: the first ten characters). */
export const dayOf = (column: Column) => sql<string>`substr(${column}, 1, 10)`;

/**
 * When a weekly cron (`minute hour * * weekday`, as wrangler.toml declares the payout runs) fires next after
 * `now`: the schedule stays declared once, in src/cron.ts.
 */
export function nextWeeklyRun(cron: string, now: Date): Date {
  const match = /^(\d+) (\d+) \* \* (\d)$/.exec(cron);
  if (!match) throw new RangeError(`not a weekly cron: ${cron}`);
  const [minute, hour, weekday] = match.slice(1).map(Number) as [number, number, number];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute);
  const ahead = (weekday - now.getUTCDay() + 7) % 7;
  const run = today + ahead * DAY_MS;
  return new Date(run > now.getTime() ? run : run + 7 * DAY_MS);
}
