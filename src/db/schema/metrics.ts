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

/** An incident of a rule: opened once (one open alert per rule), closed when the rule holds again. */
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
    createdAt: timestamp('created_at'),
  },
  (t) => [
    uniqueIndex('alerts_one_open_per_rule').on(t.rule).where(sql`status = 'open'`),
    index('alerts_opened').on(t.openedAt),
  ],
);

export type Alert = typeof alerts.$inferSelect;
