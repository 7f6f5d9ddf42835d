// Shared by the outgoing-webhook tests: receivers behind the fetch spy, endpoints through the API, events
// written straight into the outbox, and the webhooks queue's producer captured instead of sending.
import { env } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import { events, webhookDeliveries } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import type { DeliveryMessage } from '../../src/modules/webhook-endpoints/fan-out';
import type { Network } from '../extractions/network';
import { call, json } from '../helpers';

export const db = createDb(env.DB);

export interface Received {
  id: string;
  headers: Record<string, string>;
  body: string;
}

/** A receiver at a public-looking URL (DNS answered by the network spy), answering from a script. */
export function receiver(network: Network, url: string, answer: (n: number) => number = () => 200) {
  const received: Received[] = [];
  network.routes.set(url, async (request) => {
    const body = await request.text();
    received.push({
      id: request.headers.get('webhook-id') ?? '',
      headers: Object.fromEntries(request.headers),
      body,
    });
    return new Response(`ok ${received.length}`, { status: answer(received.length) });
  });
  return received;
}

export async function addEndpoint(token: string, url: string, events: string[] = ['*']) {
  const response = await call('/v1/webhook-endpoints', { token, json: { url, events } });
  expect(response.status).toBe(201);
  return json(response);
}

export const deliveriesOf = async (token: string, id: string, query = '') =>
  (await json(await call(`/v1/webhook-endpoints/${id}/deliveries${query}`, { token }))).data as {
    event_id: string;
    event_type: string;
    status: string;
    attempts: number;
    next_attempt_at: string | null;
    history: { status_code: number | null; error: string | null; response: string | null }[];
  }[];

let taskCounter = 0;

/** A `task.started` event's outbox fields (a type no other handler acts on: only rooms and webhooks). */
export function taskStarted(orgId: string, engagementId: string | null = null) {
  taskCounter += 1;
  return {
    type: 'task.started' as const,
    orgId,
    engagementId,
    data: {
      task_id: `tsk_webhooks${String(taskCounter).padStart(4, '0')}`,
      title: `Invoice ${taskCounter}`,
      module: 'CTAX',
      type: 'process_invoice',
    },
  };
}

/**
 * Events written as already relayed (so only the test decides where they go), in this order; returned
 * with their ids and seqs.
 */
export async function insertEvents(
  rows: (Omit<ReturnType<typeof taskStarted>, 'type'> & { type: string; createdAt?: string })[],
) {
  const now = new Date().toISOString();
  const values = rows.map((row) => ({
    id: newId('event'),
    type: row.type,
    orgId: row.orgId,
    engagementId: row.engagementId,
    data: row.data,
    createdAt: row.createdAt ?? now,
    relayedAt: now,
  }));
  for (const value of values) await db.insert(events).values(value); // one by one: seq in this order
  const stored = await db
    .select()
    .from(events)
    .where(
      inArray(
        events.id,
        values.map((v) => v.id),
      ),
    );
  return values.map((v) => {
    const row = stored.find((s) => s.id === v.id);
    if (!row?.seq) throw new Error(`event ${v.id} has no seq`);
    return { id: row.id, seq: row.seq, type: row.type, engagement_id: row.engagementId };
  });
}

/** The webhooks queue's producer, captured: what would have been sent, with its delay. */
export function captureWebhooksQueue() {
  const spy = vi.spyOn(env.WEBHOOKS_QUEUE, 'sendBatch').mockResolvedValue(undefined as never);
  return () =>
    spy.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => ({
        deliveryId: (m.body as DeliveryMessage).delivery_id,
        delaySeconds: m.delaySeconds ?? 0,
        body: m.body as DeliveryMessage,
      })),
    );
}

/** The delivery of an event to an endpoint, as stored. */
export async function deliveryOf(endpointId: string, eventId: string) {
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  const row = rows.find((r) => r.eventId === eventId);
  if (!row) throw new Error(`no delivery of ${eventId} to ${endpointId}`);
  return row;
}
