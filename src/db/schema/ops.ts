// Operational state: idempotency keys and the admin mirror of circuit breakers.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    responseBody: text('response_body'),
    responseType: text('response_type'),
    createdAt: timestamp('created_at'),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);

/** Last known state of each circuit breaker, written by its Durable Object for the admin view. */
export const breakerStates = sqliteTable('breaker_states', {
  name: text('name').primaryKey(),
  state: text('state', { enum: ['closed', 'open', 'half_open'] }).notNull(),
  failures: integer('failures').notNull(),
  openedAt: text('opened_at'),
  lastError: text('last_error'),
  updatedAt: timestamp('updated_at'),
});
