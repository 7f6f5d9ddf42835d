// From the outbox to the webhooks queue: the relay writes one delivery per subscribed endpoint and
// event (whatever runs twice: the pair is unique) and sends those not yet attempted to the webhooks queue
// (or, after a response, attempts them itself with a watchdog message on the queue).
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { eventDeliveries, type WebhookEndpoint, webhookDeliveries, webhookEndpoints } from '../../db/schema';
import type { EventMessage } from '../../events/message';
import { chunks } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { inJsonList, insertJsonRows, JSON_ROWS_CHUNK } from '../../lib/json-rows';
import { stampRequestId } from '../../lib/request-context';

export interface DeliveryMessage {
  delivery_id: string;
  /**
   * A watchdog behind a first attempt made at once (see fanOutToWebhooks): acted on only if that attempt never
   * started (its worker died first); otherwise the attempt's own retries carry the delivery.
   */
  unless_attempted?: true;
}

/**
 * How long a first attempt made at once has before its watchdog message looks: longer than an attempt and its
 * line's follow-ups usually take, short enough that a worker that died leaves the delivery late, not lost.
 */
export const WATCHDOG_SECONDS = 30;

type FannedEvent = Pick<EventMessage, 'id' | 'type' | 'engagement_id' | 'seq'> &
  Partial<Pick<EventMessage, 'request_id'>>;

const subscribes = (endpoint: WebhookEndpoint, type: string) =>
  endpoint.events.includes('*') || endpoint.events.includes(type);

/**
 * One delivery per subscribed endpoint (the company's, and platform endpoints) for events just committed. The
 * outbox relay calls it before it marks the events relayed (so a relay that dies fans out again, harmlessly):
 * deliveries never wait behind the events queue's slower handlers (emails, notifications). A relay run's events
 * cost two round trips, not two per event.
 *
 * Sent to the webhooks queue at once, or — `attemptNow`, when the relay runs after a response and can attempt
 * them itself — with a watchdog message instead (WATCHDOG_SECONDS later, acting only if no attempt started) and
 * their ids returned for the caller to attempt: no queue hop between the commit and the first attempt.
 */
export async function fanOutToWebhooks(
  env: Env,
  events: EventMessage[],
  options: { attemptNow?: boolean } = {},
): Promise<string[]> {
  const started = Date.now();
  const db = createDb(env.DB);
  const orgs = [...new Set(events.flatMap((event) => (event.org_id ? [event.org_id] : [])))];
  const owners = orgs.length
    ? or(inArray(webhookEndpoints.orgId, orgs), isNull(webhookEndpoints.orgId))
    : isNull(webhookEndpoints.orgId);
  const endpoints = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), owners));
  if (endpoints.length === 0) return [];
  const pairs = events.flatMap((event) =>
    endpoints
      .filter((endpoint) => subscribes(endpoint, event.type))
      .filter((endpoint) => endpoint.orgId === null || endpoint.orgId === event.org_id)
      .map((endpoint) => ({ event, endpoint })),
  );
  // The run, for the request trace (modules/trace), lands with the deliveries: no round trip of its own.
  const durationMs = Date.now() - started;
  const fanned = new Set(pairs.map((pair) => pair.event.id));
  const ran = [...fanned].map((eventId) => ({ eventId, handler: 'webhooks', durationMs }));
  const unsent = await writeDeliveries(db, pairs, ran);
  if (!options.attemptNow) {
    await sendDeliveries(env, unsent);
    return [];
  }
  await sendDeliveries(env, unsent, WATCHDOG_SECONDS, { unlessAttempted: true });
  return unsent;
}

/**
 * Writes the deliveries of `event` to `endpoints` and sends those not yet attempted. A duplicate message
 * is harmless: an attempt is claimed before it is made.
 */
export async function enqueueDeliveries(env: Env, db: Db, event: FannedEvent, endpoints: WebhookEndpoint[]) {
  await sendDeliveries(
    env,
    await writeDeliveries(
      db,
      endpoints.map((endpoint) => ({ event, endpoint })),
    ),
  );
}

/** Writes the deliveries (once per endpoint and event) and returns those not yet attempted, in event order. */
async function writeDeliveries(
  db: Db,
  pairs: { event: FannedEvent; endpoint: Pick<WebhookEndpoint, 'id'> }[],
  ran: (typeof eventDeliveries.$inferInsert)[] = [],
): Promise<string[]> {
  if (pairs.length === 0) return [];
  const now = new Date().toISOString();
  const requestId = stampRequestId(); // the request being served, if any (a replay)
  const rows = pairs.map(({ event, endpoint }) => ({
    id: newId('webhookDelivery'),
    endpointId: endpoint.id,
    eventId: event.id,
    eventSeq: event.seq ?? 0,
    eventType: event.type,
    line: event.engagement_id ?? '-',
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
    // On behalf of the request that caused the event, so its trace follows the deliveries.
    requestId: event.request_id ?? requestId,
    createdAt: now,
    updatedAt: now,
  }));
  // Rows as one JSON parameter: a VALUES list of 12 columns would pass D1's 100 parameters at 9 endpoints.
  const inserts = chunks(rows, JSON_ROWS_CHUNK).map((part) =>
    insertJsonRows(db, webhookDeliveries, part).onConflictDoNothing(),
  );
  const endpointIds = [...new Set(pairs.map((pair) => pair.endpoint.id))];
  const eventIds = [...new Set(pairs.map((pair) => pair.event.id))];
  // Not yet attempted, whoever wrote them (a first run that died before sending): by (endpoint, event),
  // the unique index's order.
  const fresh = db
    .select({ id: webhookDeliveries.id, seq: webhookDeliveries.eventSeq })
    .from(webhookDeliveries)
    .where(
      and(
        inJsonList(webhookDeliveries.endpointId, endpointIds),
        inJsonList(webhookDeliveries.eventId, eventIds),
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.attempts, 0),
      ),
    );
  const traced = chunks(ran, 20).map((part) => db.insert(eventDeliveries).values(part).onConflictDoNothing());
  const [head, ...tail] = [...inserts, ...traced];
  if (!head) return [];
  // One batch: the writes, then the read that sees them.
  const results = await db.batch([head, ...tail, fresh]);
  const unsent = (results.at(-1) as { id: string; seq: number }[]).sort((a, b) => a.seq - b.seq);
  return unsent.map((row) => row.id);
}

/**
 * Sends deliveries to the webhooks queue (100 per call, the queue's limit), after `delaySeconds`; with
 * `unlessAttempted`, as watchdogs (DeliveryMessage.unless_attempted).
 */
export async function sendDeliveries(
  env: Env,
  ids: string[],
  delaySeconds = 0,
  options: { unlessAttempted?: boolean } = {},
) {
  const flag = options.unlessAttempted ? { unless_attempted: true as const } : {};
  for (const part of chunks(ids, 100)) {
    await env.WEBHOOKS_QUEUE.sendBatch(
      part.map((id) => ({ body: { delivery_id: id, ...flag } satisfies DeliveryMessage, delaySeconds })),
    );
  }
}
