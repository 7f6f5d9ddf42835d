// Operations: hourly rollups of the platform's figures (per company and platform-wide) and alerts.
import { sql } from 'drizzle-orm';
import { index, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * One figure of one hour: `org_id` '' is the whole platform. Written by the rollup (metrics/rollup.ts) from
 * the records the work leaves anyway (events, tasks, attempts, ledgers), so the hot paths write nothing extra.
 */
export const metricPoints = sqliteTable(
  'metric_points',
  {
    series: text('series').notNull(),
    orgId: text('org_id').notNull(),
    /** The hour's start, `YYYY-MM-DDTHH:00:00.000Z`. */
    hour: text('hour').notNull(),
    value: real('value').notNull(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.series, t.orgId, t.hour] }), index('metric_points_hour').on(t.hour)],
);

/**
 * An incident of a rule: opened once (one open alert per rule), closed when the rule has held again for the
 * quiet period (alerts/evaluate.ts); `clear_since` is when it last stopped firing while open.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    rule: text('rule').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    detail: text('detail').notNull(),
    value: real('value'),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
    /** The first sweep of the current clear stretch of an open alert; null while it fires. */
    clearSince: text('clear_since'),
    /** The id of the last event the alert recorded (opened, resolved): what guards writing it once. */
    lastEventId: text('last_event_id'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    uniqueIndex('alerts_one_open_per_rule').on(t.rule).where(sql`status = 'open'`),
    index('alerts_opened').on(t.openedAt),
  ],
);

export type Alert = typeof alerts.$inferSelect;

/**
 * Each time a circuit breaker opened, for the hourly `breakers.opened` count: written by the breaker in the
 * same D1 batch as its state mirror (durable-objects/circuit-breaker.ts), so an opening costs no extra round
 * trip and a call that passes writes nothing.
 */
export const breakerOpenings = sqliteTable(
  'breaker_openings',
  {
    name: text('name').notNull(),
    openedAt: text('opened_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.openedAt] }), index('breaker_openings_opened').on(t.openedAt)],
);
