// The admin audit log: which admin did what to which record, with what, in which request.
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * One row per admin action (the closed list and each one's details: modules/audit/actions.ts), written in the
 * batch that makes the change, or right after an action that is not one batch was accepted. No foreign key to
 * users: the log must outlive the accounts it names.
 */
export const adminActions = sqliteTable(
  'admin_actions',
  {
    id: text('id').primaryKey(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    /** Null for an action on no one record (a metrics rollup). */
    targetId: text('target_id'),
    /** Amounts, counts, names, reasons: what the log shows; never a secret. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The API request (X-Request-Id) it was taken in: its log lines, and its events' trace. */
    requestId: text('request_id'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('admin_actions_created').on(t.createdAt),
    index('admin_actions_actor').on(t.actorId, t.id),
    index('admin_actions_target').on(t.targetId, t.id),
    index('admin_actions_action').on(t.action, t.id),
    index('admin_actions_request').on(t.requestId),
  ],
);

export type AdminActionRow = typeof adminActions.$inferSelect;
