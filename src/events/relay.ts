// Outbox relay: moves events committed with their change onto the events queue, and starts their webhook
// deliveries (modules/webhook-endpoints/fan-out). Runs right after a request that wrote (ctx.waitUntil), after
// each queue batch, and from the */5 cron sweep for anything left behind. Each run first claims a batch with a
// lease, so concurrent relays do not send the same rows; a relay that dies after sending and before marking
// lets the lease lapse and the row is sent again — the consumer dedupes by event id, and a delivery is unique
// per endpoint and event, so the effect is exactly once.
import { and, asc, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { createDb } from '../db/client';
import { events } from '../db/schema';
import { log } from '../lib/logger';
import { fanOutToWebhooks } from '../modules/webhook-endpoints/fan-out';
import { toEventMessage } from './message';

const LEASE_MS = 60_000;
/** Queues accept at most 100 messages per sendBatch; D1 at most 100 bound parameters per statement. */
const BATCH = 90;

export async function relayOnce(env: Env, now = new Date()): Promise<number> {
  const db = createDb(env.DB);
  const due = db
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        isNull(events.relayedAt),
        or(isNull(events.relayLeaseUntil), lt(events.relayLeaseUntil, now.toISOString())),
      ),
    )
    .orderBy(asc(events.id))
    .limit(BATCH);
  const claimed = await db
    .update(events)
    .set({ relayLeaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where(and(inArray(events.id, due), isNull(events.relayedAt)))
    .returning();
  if (claimed.length === 0) return 0;
  claimed.sort((a, b) => (a.id < b.id ? -1 : 1));
  const messages = claimed.map(toEventMessage);
  for (const chunk of bySize(messages)) {
    await env.EVENTS_QUEUE.sendBatch(chunk.map((body) => ({ body, contentType: 'json' as const })));
  }
  await fanOutToWebhooks(env, messages);
  await db
    .update(events)
    .set({ relayedAt: new Date().toISOString(), relayLeaseUntil: null })
    .where(
      inArray(
        events.id,
        claimed.map((row) => row.id),
      ),
    );
  return claimed.length;
}

/** Queues take at most 256 KB per batch: split by serialized size, with headroom for envelopes. */
const MAX_BATCH_BYTES = 200 * 1024;

function bySize<T>(messages: T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = JSON.stringify(message).length * 2; // UTF-16 upper bound, cheap and safe
    if (current.length > 0 && bytes + size > MAX_BATCH_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Relays until nothing is due (bounded), e.g. for the sweep. */
export async function relayPending(env: Env, maxRounds = 20): Promise<number> {
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const sent = await relayOnce(env);
    total += sent;
    if (sent < BATCH) break;
  }
  if (total > 0) log.info('events relayed', { count: total });
  return total;
}

/** Events written but not yet on the queue: the events backlog for the admin view. */
export async function unrelayedCount(env: Env): Promise<number> {
  const [row] = await createDb(env.DB)
    .select({ n: sql<number>`count(*)` })
    .from(events)
    .where(isNull(events.relayedAt));
  return row?.n ?? 0;
}
