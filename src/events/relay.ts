// Outbox relay: moves events committed with their change onto the events queue, and starts their webhook
// deliveries (modules/webhook-endpoints/fan-out). Runs right after a request that wrote (ctx.waitUntil, where it
// also makes the deliveries' first attempts itself), after each queue batch, and from the */5 cron sweep for
// anything left behind. Each run first claims a batch with a
// lease, so concurrent relays do not send the same rows; a relay that dies after sending and before marking
// lets the lease lapse and the row is sent again — the consumer dedupes by event id, and a delivery is unique
// per endpoint and event, so the effect is exactly once.
import { and, asc, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { createDb } from '../db/client';
import { events } from '../db/schema';
import { log } from '../lib/logger';
import { attemptNow } from '../modules/webhook-endpoints/deliver';
import { fanOutToWebhooks } from '../modules/webhook-endpoints/fan-out';
import { toEventMessage } from './message';

const LEASE_MS = 60_000;
/** Queues accept at most 100 messages per sendBatch; D1 at most 100 bound parameters per statement. */
const BATCH = 90;

export interface RelayOptions {
  /**
   * Attempt the webhook deliveries of the relayed events right here, after the events are marked relayed (with
   * watchdog messages on the webhooks queue): for the relay after a response, whose waitUntil may run on.
   */
  attemptNow?: boolean;
}

/** One claimed batch relayed; `attempts` collects the inline delivery attempts it started (attemptNow). */
export async function relayOnce(
  env: Env,
  now = new Date(),
  options: RelayOptions = {},
  attempts: Promise<void>[] = [],
): Promise<number> {
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
  const toAttempt = await fanOutToWebhooks(env, messages, options);
  await db
    .update(events)
    .set({ relayedAt: new Date().toISOString(), relayLeaseUntil: null })
    .where(
      inArray(
        events.id,
        claimed.map((row) => row.id),
      ),
    );
  if (toAttempt.length > 0)
    attempts.push(
      attemptNow(env, toAttempt).catch((error: unknown) => {
        // Not lost: each delivery's watchdog message takes it up.
        log.error('webhook attempts after response failed', {
          deliveries: toAttempt.length,
          error: error instanceof Error ? error.message : String(error),
        });
      }),
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
export async function relayPending(env: Env, options: RelayOptions = {}, maxRounds = 20): Promise<number> {
  let total = 0;
  // Each round's attempts run while the next round relays; the run ends when they have.
  const attempts: Promise<void>[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const sent = await relayOnce(env, new Date(), options, attempts);
    total += sent;
    if (sent < BATCH) break;
  }
  if (total > 0) log.info('events relayed', { count: total });
  await Promise.all(attempts);
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
