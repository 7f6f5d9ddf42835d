// Outgoing webhooks: the endpoints companies (and admins, for platform events) register, and one delivery
// per endpoint and event with its attempts. The outbox (`events`) stays the source of truth: a replay
// resets deliveries from it, never inventing a second webhook-id for one event.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    /** The company whose events it receives; null: a platform endpoint (admins), every event. */
    orgId: text('org_id'),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types, or ["*"] for all. */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    secret: text('secret').notNull(),
    /** After a rotation the old secret signs beside the new one until this time. */
    previousSecret: text('previous_secret'),
    previousSecretUntil: text('previous_secret_until'),
    /** Since when every attempt has failed (null after any success): five days of it disable the endpoint. */
    failingSince: text('failing_since'),
    disabledReason: text('disabled_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [index('webhook_endpoints_org').on(t.orgId, t.id)],
);

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id').notNull(),
    /** The event id: the `webhook-id` header, the same on every attempt and replay. */
    eventId: text('event_id').notNull(),
    eventSeq: integer('event_seq').notNull(),
    eventType: text('event_type').notNull(),
    /** Deliveries of one endpoint and engagement go out in event order (`line`: the engagement or "-"). */
    line: text('line').notNull(),
    /** pending (due at next_attempt_at) | waiting (behind an earlier one of its line) | succeeded | failed */
    status: text('status', { enum: ['pending', 'waiting', 'succeeded', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    /** The API request whose work caused the event (X-Request-Id); stored, not sent to the endpoint. */
    requestId: text('request_id'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event').on(t.endpointId, t.eventId),
    index('webhook_deliveries_line').on(t.endpointId, t.line, t.status, t.eventSeq),
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_request').on(t.requestId),
  ],
);

export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    /** The first 1 KB of the response body. */
    response: text('response'),
    error: text('error'),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('webhook_attempts_delivery').on(t.deliveryId, t.attempt),
    index('webhook_attempts_endpoint').on(t.endpointId, t.createdAt),
    index('webhook_attempts_created').on(t.createdAt),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;
