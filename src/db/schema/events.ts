// The transactional outbox, which handler has handled which event, and dead letters.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/** Transactional outbox: written in the same D1 batch as the change it describes. */
export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    engagementId: text('engagement_id'),
    orgId: text('org_id'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /**
     * Position in the one event sequence, in commit order (set by the events_seq trigger in the same
     * transaction): the cursor of `GET /v1/events`. Ids are ordered by creation, not commit, so two
     * concurrent batches could commit out of id order; a cursor on them could skip an event.
     */
    seq: integer('seq'),
    /** The API request that caused it (X-Request-Id); null for work a cron or a queue started. */
    requestId: text('request_id'),
    createdAt: timestamp('created_at'),
    /** Set once the event is on the events queue. */
    relayedAt: text('relayed_at'),
    /** A relay that claimed the event owns it until then; after, the sweep may send it again. */
    relayLeaseUntil: text('relay_lease_until'),
  },
  (t) => [
    index('events_unrelayed').on(t.relayedAt, t.id),
    index('events_engagement').on(t.engagementId, t.id),
    uniqueIndex('events_seq').on(t.seq),
    index('events_org_seq').on(t.orgId, t.seq),
    index('events_request').on(t.requestId),
    // The hourly metrics rollup counts an hour's events by type.
    index('events_created').on(t.createdAt, t.type),
  ],
);

/** Which handler has already processed which event, so a redelivered event changes nothing. */
export const eventDeliveries = sqliteTable(
  'event_deliveries',
  {
    eventId: text('event_id').notNull(),
    handler: text('handler').notNull(),
    /** How long the handler ran (it finished at created_at), for the trace. */
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.handler] })],
);

/** Messages that exhausted their queue's retries, kept for the admin view and redrive. */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    queue: text('queue').notNull(),
    messageId: text('message_id').notNull(),
    body: text('body', { mode: 'json' }).$type<unknown>().notNull(),
    attempts: integer('attempts').notNull(),
    createdAt: timestamp('created_at'),
    redrivenAt: text('redriven_at'),
  },
  (t) => [uniqueIndex('dead_letters_message').on(t.queue, t.messageId)],
);

export type EventRow = typeof events.$inferSelect;
