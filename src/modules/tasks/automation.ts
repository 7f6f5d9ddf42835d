// The automation figures: how many finished tasks were trusted unseen, which fields the expert's corrections
// touch, and both per ISO week, as SQL aggregates over the tasks a condition selects (an engagement's, an
// org's, everyone's) in one D1 batch. Nothing here loads a task: the figures must stay cheap at any volume.
import { and, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { taskReviews, tasks } from '../../db/schema';
import type { AutomationQuery } from './schema';
import { addWeeks, isoWeek, weekStart } from './weeks';

/** Lower bounds of the confidence bands reviews are counted in; the last band ends at 100. */
const BANDS = [0, 50, 60, 70, 80, 90];
const REPORT_WEEKS = 26;

/** The band a review's confidence falls in, as its lower bound (no confidence: the lowest band). */
export const reviewBand = sql<number>`CASE ${sql.join(
  BANDS.slice(1)
    .reverse()
    .map(
      (from) =>
        sql`WHEN coalesce(${taskReviews.confidence}, 0) >= ${sql.raw(String(from))} THEN ${sql.raw(String(from))}`,
    ),
  sql` `,
)} ELSE ${sql.raw(String(BANDS[0]))} END`;

export const emptyBands = () => BANDS.map((from, i) => ({ from, to: BANDS[i + 1] ?? 100 }));

/** n/d rounded to 3 decimals; null when there is nothing to divide by. */
export const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);

/** The tasks `where` selects, narrowed to a module and type when the query names them. */
export function taskFilter(where: SQL | undefined, query: AutomationQuery): SQL | undefined {
  return and(
    where,
    query.module ? eq(tasks.module, query.module) : undefined,
    query.type ? eq(tasks.type, query.type) : undefined,
  );
}

const count = sql<number>`count(*)`;
// Unseen: trusted at the threshold and never put in front of the expert. A task rejected once and then
// trusted on its rerun is counted as reviewed: a person spent time on it.
const unseen = sql<number>`coalesce(sum(${tasks.aiHandled} = 'full' AND ${tasks.review} IS NULL), 0)`;
const mondayOf = (timestamp: SQL) => sql<string>`date(${timestamp}, '-6 days', 'weekday 1')`;

/** The totals of the finished tasks `where` selects, as one statement (a batch may carry it: see home). */
export const automationTotalsQuery = (db: Db, where: SQL | undefined) =>
  db
    .select({ finished: count, unseen })
    .from(tasks)
    .where(and(where, eq(tasks.status, 'completed')));

/** The totals row as the reports show it: the rate is completed_unseen / finished. */
export function toAutomationTotals(row: { finished: number; unseen: number } | undefined) {
  const total = row ?? { finished: 0, unseen: 0 };
  return {
    finished: total.finished,
    completed_unseen: total.unseen,
    reviewed: total.finished - total.unseen,
    rate: ratio(total.unseen, total.finished),
  };
}

export async function automationFigures(db: Db, where: SQL | undefined, now = new Date()) {
  const since = addWeeks(weekStart(now), -(REPORT_WEEKS - 1));
  const finished = and(where, eq(tasks.status, 'completed'));
  const finishedWeek = mondayOf(sql`${tasks.completedAt}`);
  const reviewWeek = mondayOf(sql`${taskReviews.createdAt}`);
  const ofTask = eq(tasks.id, taskReviews.taskId);
  const approved = and(where, eq(taskReviews.approved, true));

  const [totals, finishedWeeks, reviewWeeks, approvals, corrections] = await db.batch([
    automationTotalsQuery(db, where),
    db
      .select({ monday: finishedWeek, finished: count, unseen })
      .from(tasks)
      .where(and(finished, gte(tasks.completedAt, since)))
      .groupBy(finishedWeek),
    db
      .select({
        monday: reviewWeek,
        band: reviewBand,
        approved: sql<number>`sum(${taskReviews.approved} AND NOT ${taskReviews.corrected})`,
        corrected: sql<number>`sum(${taskReviews.approved} AND ${taskReviews.corrected})`,
        rejected: sql<number>`sum(NOT ${taskReviews.approved})`,
      })
      .from(taskReviews)
      .innerJoin(tasks, ofTask)
      .where(and(where, gte(taskReviews.createdAt, since)))
      .groupBy(reviewWeek, reviewBand),
    // A field's rate is per approved review of its task type: how often an expert had to fix it.
    db
      .select({ module: tasks.module, type: tasks.type, reviews: count })
      .from(taskReviews)
      .innerJoin(tasks, ofTask)
      .where(approved)
      .groupBy(tasks.module, tasks.type),
    db
      .select({
        module: tasks.module,
        type: tasks.type,
        field: sql<string>`corrected_field.value`,
        corrected: count,
      })
      .from(taskReviews)
      .innerJoin(tasks, ofTask)
      .innerJoin(sql`json_each(${taskReviews.correctedFields}) AS corrected_field`, sql`1`)
      .where(approved)
      .groupBy(tasks.module, tasks.type, sql`corrected_field.value`),
  ]);

  const reviewsOf = new Map(approvals.map((r) => [`${r.module}/${r.type}`, r.reviews]));
  const fields = corrections
    .map((r) => {
      const reviewed = reviewsOf.get(`${r.module}/${r.type}`) ?? r.corrected;
      return { ...r, reviews: reviewed, correction_rate: ratio(r.corrected, reviewed) ?? 0 };
    })
    .sort(
      (a, b) =>
        b.correction_rate - a.correction_rate || b.corrected - a.corrected || a.field.localeCompare(b.field),
    );

  return {
    automation: toAutomationTotals(totals[0]),
    fields,
    weeks: weekly(finishedWeeks, reviewWeeks, weekStart(now)),
  };
}

type BandCounts = { approved: number; corrected: number; rejected: number };

/** One entry per week from the first with anything in it to this one, empty weeks included (a chart's axis). */
function weekly(
  finished: { monday: string; finished: number; unseen: number }[],
  reviewed: ({ monday: string; band: number } & BandCounts)[],
  thisWeek: string,
) {
  const mondays = [...finished, ...reviewed].map((r) => r.monday).sort();
  const first = mondays[0];
  if (!first) return [];
  const last = [thisWeek, ...mondays].sort().at(-1) ?? thisWeek;
  const weeks = [];
  for (let monday = first; monday <= last; monday = addWeeks(monday, 1)) {
    const done = finished.find((r) => r.monday === monday);
    const bands = emptyBands().map((band) => {
      const row = reviewed.find((r) => r.monday === monday && r.band === band.from);
      return {
        ...band,
        approved: row?.approved ?? 0,
        corrected: row?.corrected ?? 0,
        rejected: row?.rejected ?? 0,
      };
    });
    weeks.push({
      week: isoWeek(monday),
      finished: done?.finished ?? 0,
      completed_unseen: done?.unseen ?? 0,
      automation_rate: ratio(done?.unseen ?? 0, done?.finished ?? 0),
      bands,
    });
  }
  return weeks;
}
