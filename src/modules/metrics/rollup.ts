// The hourly rollup: each hour's figures counted from what the work records anyway (the event outbox, tasks,
// webhook attempts, payments, credit entries, dead letters, breaker openings), per company and platform-wide
// (and per module or queue where a series is kept so), into metric_points. Run by the five-minute sweep: it recomputes the current hour and the two before it (late
// events land in them) and fills any hours since the last rollup, at most 48 — so nothing on the hot paths
// writes a metric, and a rollup run twice writes the same values.
import { and, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  breakerOpenings,
  creditEntries,
  deadLetters,
  events,
  files,
  metricPoints,
  payments,
  tasks,
  webhookAttempts,
} from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { insertJsonRows, JSON_ROWS_CHUNK } from '../../lib/json-rows';
import {
  EVENT_COUNTS,
  labelled,
  MODULE_CODES,
  STORED_BY_NAME,
  STORED_SERIES,
  TASK_MODULE_FAMILIES,
} from './series';

const HOUR = 3_600_000;
const PLATFORM = '';

export const hourOf = (ms: number) => new Date(Math.floor(ms / HOUR) * HOUR).toISOString();

export interface TaskLatency {
  /** Tasks completed in the range. */
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Seconds from created to completed of the tasks completed in [from, to), as nearest-rank percentiles per org and
 * platform-wide (org ''), computed in SQL: an hour of many tasks sends back three rows per org, not every task. The
 * hourly rollup and the task_latency_p95 alert both read them here.
 */
export async function taskLatencies(db: Db, from: string, to = '9999'): Promise<Map<string, TaskLatency>> {
  const ranks = await db.all<{ org: string; n: number; rn: number; seconds: number }>(sql`
    WITH done AS (
      SELECT ${tasks.orgId} AS org,
             round((julianday(${tasks.completedAt}) - julianday(${tasks.createdAt})) * 86400000) / 1000.0 AS seconds
      FROM ${tasks}
      WHERE ${tasks.completedAt} >= ${from} AND ${tasks.completedAt} < ${to} AND ${tasks.createdAt} IS NOT NULL
    ),
    ranked AS (
      SELECT org, seconds, row_number() OVER (PARTITION BY org ORDER BY seconds) AS rn,
             count(*) OVER (PARTITION BY org) AS n FROM done
      UNION ALL
      SELECT ${PLATFORM} AS org, seconds, row_number() OVER (ORDER BY seconds) AS rn, count(*) OVER () AS n FROM done
    )
    SELECT org, n, rn, seconds FROM ranked
    WHERE rn IN ((50 * n + 99) / 100, (95 * n + 99) / 100, (99 * n + 99) / 100)`);
  const latencies = new Map<string, TaskLatency>();
  for (const row of ranks) {
    const latency = latencies.get(row.org) ?? { n: Number(row.n), p50: 0, p95: 0, p99: 0 };
    // The nearest rank of p in n values is ⌈p·n/100⌉ (the SQL's (p·n + 99) / 100 in integers).
    for (const p of [50, 95, 99] as const)
      if (Math.floor((p * row.n + 99) / 100) === row.rn) latency[`p${p}`] = Number(row.seconds);
    latencies.set(row.org, latency);
  }
  return latencies;
}

type Point = { series: string; orgId: string; hour: string; value: number };

/** Counts per org, added to the platform's too. */
class Tally {
  readonly points = new Map<string, Point>();
  constructor(readonly hour: string) {}
  add(series: string, orgId: string | null, value: number) {
    const perOrg = STORED_BY_NAME.get(series)?.perOrg ?? false;
    for (const org of perOrg && orgId ? [orgId, PLATFORM] : [PLATFORM]) {
      const key = `${series}|${org}`;
      const point = this.points.get(key) ?? { series, orgId: org, hour: this.hour, value: 0 };
      point.value += value;
      this.points.set(key, point);
    }
  }
  set(series: string, orgId: string, value: number) {
    this.points.set(`${series}|${orgId}`, { series, orgId, hour: this.hour, value });
  }
}

/** What holds now (written to the current hour only): the backlog per queue, null where unknown. */
export interface Snapshot {
  backlog?: Record<string, number | null>;
}

async function countHour(db: Db, from: string, to: string, snapshot: Snapshot) {
  const tally = new Tally(from);
  // The platform's counts start at zero, so an idle hour reads 0, not "no data".
  for (const s of STORED_SERIES) if (s.aggregate === 'sum') tally.set(s.name, PLATFORM, 0);
  const inHour = (column: Parameters<typeof gte>[0]) => and(gte(column, from), lt(column, to));

  // Task events name their module; payout events their amount and currency.
  const moduleOf = sql<string | null>`json_extract(${events.data}, '$.module')`;
  const eventCounts = await db
    .select({
      orgId: events.orgId,
      type: events.type,
      module: moduleOf,
      n: sql<number>`count(*)`,
      unseen: sql<number>`sum(coalesce(json_extract(${events.data}, '$.reviewed'), 0) = 0)`,
      pages: sql<number>`sum(coalesce(json_extract(${events.data}, '$.pages'), 0))`,
      eur: sql<number>`sum(CASE WHEN lower(json_extract(${events.data}, '$.currency')) = 'eur'
        THEN coalesce(json_extract(${events.data}, '$.amount'), 0) ELSE 0 END)`,
    })
    .from(events)
    .where(and(inHour(events.createdAt), inArray(events.type, Object.keys(EVENT_COUNTS))))
    .groupBy(events.orgId, events.type, moduleOf);
  for (const row of eventCounts) {
    const series = EVENT_COUNTS[row.type];
    if (!series) continue;
    tally.add(series, row.orgId, Number(row.n));
    if (row.module && MODULE_CODES.includes(row.module) && TASK_MODULE_FAMILIES.includes(series))
      tally.add(labelled(series, row.module), row.orgId, Number(row.n));
    if (row.type === 'task.completed') tally.add('tasks.completed_unseen', row.orgId, Number(row.unseen));
    if (row.type === 'extraction.completed') tally.add('extractions.pages', row.orgId, Number(row.pages));
    if (row.type === 'payout.completed') tally.add('payouts.amount_eur', null, Number(row.eur));
  }

  for (const [org, latency] of await taskLatencies(db, from, to)) {
    for (const p of [50, 95, 99] as const) tally.set(`tasks.latency_p${p}`, org, latency[`p${p}`]);
  }

  const [attempts] = await db
    .select({ n: sql<number>`count(*)`, ok: sql<number>`coalesce(sum(${webhookAttempts.succeeded}), 0)` })
    .from(webhookAttempts)
    .where(inHour(webhookAttempts.createdAt));
  tally.add('webhooks.attempts', null, Number(attempts?.n ?? 0));
  tally.add('webhooks.succeeded', null, Number(attempts?.ok ?? 0));

  const paid = await db
    .select({ orgId: payments.orgId, amount: sql<number>`sum(${payments.amount})` })
    .from(payments)
    .where(and(inHour(payments.paidAt), sql`${payments.currency} = 'eur'`))
    .groupBy(payments.orgId);
  for (const row of paid) tally.add('payments.volume_eur', row.orgId, Number(row.amount));

  const spent = await db
    .select({ orgId: creditEntries.orgId, credits: sql<number>`-sum(${creditEntries.amount})` })
    .from(creditEntries)
    .where(and(inHour(creditEntries.createdAt), inArray(creditEntries.kind, ['consumption', 'refund'])))
    .groupBy(creditEntries.orgId);
  for (const row of spent) tally.add('credits.consumed', row.orgId, Number(row.credits));

  const dead = await db
    .select({ queue: deadLetters.queue, n: sql<number>`count(*)` })
    .from(deadLetters)
    .where(inHour(deadLetters.createdAt))
    .groupBy(deadLetters.queue);
  for (const row of dead) {
    tally.add('dead_letters', null, Number(row.n));
    if (STORED_BY_NAME.has(labelled('dead_letters', row.queue)))
      tally.add(labelled('dead_letters', row.queue), null, Number(row.n));
  }

  const [opened] = await db
    .select({ n: sql<number>`count(*)` })
    .from(breakerOpenings)
    .where(inHour(breakerOpenings.openedAt));
  tally.add('breakers.opened', null, Number(opened?.n ?? 0));

  // Snapshots: what holds now, written to the current hour only.
  if (snapshot.backlog) {
    let total = 0;
    for (const [queue, waiting] of Object.entries(snapshot.backlog)) {
      if (waiting === null || !STORED_BY_NAME.has(labelled('queues.backlog', queue))) continue;
      tally.set(labelled('queues.backlog', queue), PLATFORM, waiting);
      total += waiting;
    }
    tally.set('queues.backlog', PLATFORM, total);
  }
  if (Date.parse(to) > Date.now()) {
    const stored = await db
      .select({ orgId: files.orgId, bytes: sql<number>`sum(${files.size})` })
      .from(files)
      .groupBy(files.orgId);
    for (const row of stored) tally.add('storage.bytes', row.orgId, Number(row.bytes));
  }
  return [...tally.points.values()];
}

async function lastRolledHour(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ hour: sql<string | null>`max(${metricPoints.hour})` })
    .from(metricPoints)
    .where(sql`${metricPoints.orgId} = '' AND ${metricPoints.series} = 'tasks.created'`);
  return row?.hour ? Date.parse(row.hour) : null;
}

/** Rolls up the hours due at `now`; returns how many hours were written. */
export async function rollupMetrics(db: Db, now = Date.now(), snapshot: Snapshot = {}) {
  const current = Date.parse(hourOf(now));
  const last = await lastRolledHour(db);
  const start = Math.max(Math.min(last ?? current, current - 2 * HOUR), current - 48 * HOUR);
  let hours = 0;
  for (let at = start; at <= current; at += HOUR) {
    const from = new Date(at).toISOString();
    const to = new Date(at + HOUR).toISOString();
    const points = await countHour(db, from, to, at === current ? snapshot : {});
    for (const part of chunks(points, JSON_ROWS_CHUNK)) {
      await insertJsonRows(db, metricPoints, part).onConflictDoUpdate({
        target: [metricPoints.series, metricPoints.orgId, metricPoints.hour],
        set: { value: sql`excluded.value`, updatedAt: sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')` },
      });
    }
    hours++;
  }
  return hours;
}
