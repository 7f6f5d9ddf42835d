// API requests that caused something (an event, an email, an admin action): the first step of their trace.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * One row per request that stamped its id on a row (lib/request-context.ts), written after the response;
 * requests that stamped nothing (reads) write none. `GET /v1/admin/trace/:request_id` starts from it.
 */
export const tracedRequests = sqliteTable('traced_requests', {
  /** The X-Request-Id (a client may send its own: the first request to use it keeps the row). */
  requestId: text('request_id').primaryKey(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  status: integer('status').notNull(),
  durationMs: integer('duration_ms').notNull(),
  userId: text('user_id'),
  startedAt: text('started_at').notNull(),
  createdAt: timestamp('created_at'),
});

export type TracedRequest = typeof tracedRequests.$inferSelect;
