// From the events queue to the webhooks queue: one delivery per subscribed endpoint and event, written once
// however often an event arrives (unique per endpoint and event), and one wake-up message per line (an
// endpoint and engagement) — the consumer attempts every waiting delivery of a line it wakes, in order.
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { type WebhookEndpoint, webhookDeliveries, webhookEndpoints } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import type { EventMessage } from '../../events/message';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { insertJsonRows, JSON_ROWS_CHUNK } from '../../lib/json-rows';

export interface DeliveryMessage {
  delivery_id: string;
}

type FannedEvent = Pick<EventMessage, 'id' | 'type' | 'engagement_id' | 'seq'> & { org_id?: string | null };

const subscribes = (endpoint: WebhookEndpoint, type: string) =>
  endpoint.events.includes('*') || endpoint.events.includes(type);

/** The line of an event: its engagement's deliveries to one endpoint go out in event order. */
export const lineOf = (event: Pick<EventMessage, 'engagement_id'>) => event.engagement_id ?? '-';

/**
 * Events handler: every event to the enabled endpoints subscribed to it (its company's, and platform
 * endpoints). A group of one engagement's events costs three round trips, however many events and endpoints.
 */
export const fanOutToWebhooks: EventHandler = {
  name: 'webhooks',
  deduplicatesByEventId: true, // one delivery per endpoint and event (unique index); a rerun adds none
  run: (env, event) => fanOut(env, [event]),
  runMany: (env, events) => fanOut(env, events),
};

async function fanOut(env: Env, events: EventMessage[]) {
  if (events.length === 0) return;
  const db = createDb(env.DB);
  const orgs = [...new Set(events.flatMap((event) => (event.org_id ? [event.org_id] : [])))];
  const endpoints = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.enabled, true),
        orgs.length
          ? or(inArray(webhookEndpoints.orgId, orgs), isNull(webhookEndpoints.orgId))
          : isNull(webhookEndpoints.orgId),
      ),
    );
  if (endpoints.length === 0) return;
  await enqueueDeliveries(
    env,
    db,
    events.map((event) => ({
      event,
      endpoints: endpoints.filter(
        (endpoint) =>
          (endpoint.orgId === null || endpoint.orgId === event.org_id) && subscribes(endpoint, event.type),
      ),
    })),
  );
}

/**
 * Writes the deliveries (one per endpoint and event, whatever runs twice) and wakes the lines of those not
 * yet attempted. A duplicate wake-up is harmless: a line is claimed before it is worked.
 */
export async function enqueueDeliveries(
  env: Env,
  db: Db,
  fanned: { event: FannedEvent; endpoints: WebhookEndpoint[] }[],
) {
  const now = new Date().toISOString();
  const rows = fanned.flatMap(({ event, endpoints }) =>
    endpoints.map((endpoint) => ({
      id: newId('webhookDelivery'),
      endpointId: endpoint.id,
      eventId: event.id,
      eventSeq: event.seq ?? 0,
      eventType: event.type,
      line: lineOf(event),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  );
  if (rows.length === 0) return;
  // Rows as one JSON parameter: a VALUES list of 12 columns would pass D1's 100 parameters at 9 endpoints.
  const [first, ...rest] = chunks(rows, JSON_ROWS_CHUNK).map((part) =>
    insertJsonRows(db, webhookDeliveries, part).onConflictDoNothing(),
  );
  if (first) await db.batch([first, ...rest]);
  const eventIds = [...new Set(rows.map((row) => row.eventId))];
  const wanted = new Set(rows.map((row) => `${row.endpointId} ${row.eventId}`));
  const fresh: { id: string; endpointId: string; line: string; eventSeq: number }[] = [];
  for (const part of chunks(eventIds, IDS_PER_STATEMENT)) {
    const found = await db
      .select({
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        eventId: webhookDeliveries.eventId,
        line: webhookDeliveries.line,
        eventSeq: webhookDeliveries.eventSeq,
      })
      .from(webhookDeliveries)
      .where(
        and(
          inArray(webhookDeliveries.eventId, part),
          eq(webhookDeliveries.status, 'pending'),
          eq(webhookDeliveries.attempts, 0),
        ),
      );
    fresh.push(...found.filter((row) => wanted.has(`${row.endpointId} ${row.eventId}`)));
  }
  // One wake-up per line, naming its earliest fresh delivery.
  const heads = new Map<string, (typeof fresh)[number]>();
  for (const row of fresh) {
    const key = `${row.endpointId} ${row.line}`;
    const head = heads.get(key);
    if (!head || row.eventSeq < head.eventSeq) heads.set(key, row);
  }
  await sendDeliveries(
    env,
    [...heads.values()].map((row) => row.id),
  );
}

export async function sendDeliveries(env: Env, ids: string[], delaySeconds = 0) {
  for (const part of chunks(ids, 100)) {
    await env.WEBHOOKS_QUEUE.sendBatch(
      part.map((id) => ({ body: { delivery_id: id } satisfies DeliveryMessage, delaySeconds })),
    );
  }
}
