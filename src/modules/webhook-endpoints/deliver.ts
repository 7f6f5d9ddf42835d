// Delivering events to webhook endpoints, as Standard Webhooks prescribes: a fan-out handler on the events
// queue writes one delivery per subscribed endpoint and event and sends it to the webhooks queue; the
// consumer POSTs it signed, records the attempt, and on failure sends it again with the schedule's delay
// (a new message with delaySeconds: no sleeping, and the queue's own retries stay for crashes).
//
// Order: first attempts of one endpoint and engagement (its "line") go out in event order. A delivery whose
// earlier one has not been answered yet marks itself `waiting` (atomically, with the check); whoever
// answers an attempt hands the line on to the next waiting one. Retries do not hold the line. Lines are independent, so one slow or failing
// endpoint (or engagement) never holds up another.
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import {
  type WebhookDelivery,
  type WebhookEndpoint,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import type { EventMessage } from '../../events/message';
import { BreakerOpenError, withBreaker } from '../../lib/breaker';
import { chunks } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { insertJsonRows, JSON_ROWS_CHUNK } from '../../lib/json-rows';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { stampRequestId } from '../../lib/request-context';
import { checkUrl, type Resolver, UnsafeUrlError } from '../../lib/safe-fetch';
import { assertPublicHost, dohResolver } from '../../lib/safe-fetch/resolve';
import { signedHeaders } from './signing';

/** Delays before the 2nd … 8th attempt (Standard Webhooks / Svix schedule). */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** An attempt that has not answered within this is a failure. */
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** Failing every attempt for this long disables an endpoint. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
const RESPONSE_KEPT_BYTES = 1024;
/** A claimed attempt owns its delivery this long; a worker that died leaves it to the sweep after. */
const LEASE_MS = 60_000;

export interface DeliveryMessage {
  delivery_id: string;
}

export interface DeliverOptions {
  /**
   * Takes over the next waiting delivery of the line when one finishes (the consumer attempts it at once);
   * without it, the next one goes back to the queue.
   */
  onNext?: (id: string) => void;
  fetch?: typeof fetch;
  resolve?: Resolver;
  now?: () => Date;
}

const UNFINISHED = ['pending', 'waiting'] as const;

/** The body every endpoint receives: `{type, timestamp, data}`, with the event's id and place. */
export function webhookBody(event: {
  id: string;
  seq: number | null;
  type: string;
  data: unknown;
  created_at: string;
}) {
  return JSON.stringify({
    type: event.type,
    timestamp: event.created_at,
    data: event.data,
    id: event.id,
    seq: event.seq,
  });
}

const subscribes = (endpoint: WebhookEndpoint, type: string) =>
  endpoint.events.includes('*') || endpoint.events.includes(type);

/** Events handler: one delivery per subscribed endpoint (the company's, and platform endpoints). */
export const fanOutToWebhooks: EventHandler = {
  name: 'webhooks',
  async run(env, event) {
    const db = createDb(env.DB);
    const owners = event.org_id
      ? or(eq(webhookEndpoints.orgId, event.org_id), isNull(webhookEndpoints.orgId))
      : isNull(webhookEndpoints.orgId);
    const endpoints = (
      await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.enabled, true), owners))
    ).filter((endpoint) => subscribes(endpoint, event.type));
    if (endpoints.length === 0) return;
    await enqueueDeliveries(env, db, event, endpoints);
  },
};

/**
 * Writes the deliveries (one per endpoint and event, whatever runs twice) and sends those not yet
 * attempted. A duplicate message is harmless: an attempt is claimed before it is made.
 */
export async function enqueueDeliveries(
  env: Env,
  db: Db,
  event: Pick<EventMessage, 'id' | 'type' | 'engagement_id' | 'seq'>,
  endpoints: WebhookEndpoint[],
) {
  const now = new Date().toISOString();
  const rows = endpoints.map((endpoint) => ({
    id: newId('webhookDelivery'),
    endpointId: endpoint.id,
    eventId: event.id,
    eventSeq: event.seq ?? 0,
    eventType: event.type,
    line: event.engagement_id ?? '-',
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: now,
    requestId: stampRequestId(),
    createdAt: now,
    updatedAt: now,
  }));
  // Rows as one JSON parameter: a VALUES list of 12 columns would pass D1's 100 parameters at 9 endpoints.
  const inserts = chunks(rows, JSON_ROWS_CHUNK).map((part) =>
    insertJsonRows(db, webhookDeliveries, part).onConflictDoNothing(),
  );
  const [first, ...rest] = inserts;
  if (first) await db.batch([first, ...rest]);
  const wanted = new Set(endpoints.map((endpoint) => endpoint.id));
  const fresh = (
    await db
      .select({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.eventId, event.id),
          eq(webhookDeliveries.status, 'pending'),
          eq(webhookDeliveries.attempts, 0),
        ),
      )
  ).filter((row) => wanted.has(row.endpointId));
  await sendDeliveries(
    env,
    fresh.map((row) => row.id),
  );
}

export async function sendDeliveries(env: Env, ids: string[], delaySeconds = 0) {
  for (let i = 0; i < ids.length; i += 100) {
    await env.WEBHOOKS_QUEUE.sendBatch(
      ids
        .slice(i, i + 100)
        .map((id) => ({ body: { delivery_id: id } satisfies DeliveryMessage, delaySeconds })),
    );
  }
}

/** The consumer: lines side by side, each line's deliveries in event order. */
export async function processDeliveryBatch(
  env: Env,
  batch: MessageBatch<unknown>,
  options: DeliverOptions = {},
) {
  const db = createDb(env.DB);
  const ids = batch.messages
    .map((m) => (m.body as Partial<DeliveryMessage> | null)?.delivery_id)
    .filter((id): id is string => typeof id === 'string');
  const rows = ids.length
    ? await db
        .select()
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.id, [...new Set(ids)]))
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const lines = new Map<string, { message: Message<unknown>; delivery: WebhookDelivery }[]>();
  for (const message of batch.messages) {
    const id = (message.body as Partial<DeliveryMessage> | null)?.delivery_id;
    const delivery = typeof id === 'string' ? byId.get(id) : undefined;
    if (!delivery) {
      message.ack(); // unreadable, or its endpoint was deleted
      continue;
    }
    const key = `${delivery.endpointId}/${delivery.line}`;
    lines.set(key, [...(lines.get(key) ?? []), { message, delivery }]);
  }
  await Promise.all(
    [...lines.values()].map(async (line) => {
      line.sort((a, b) => a.delivery.eventSeq - b.delivery.eventSeq);
      for (const { message, delivery } of line) {
        try {
          await attemptLine(env, db, delivery.id, options);
          message.ack();
        } catch (error) {
          log.error('webhook delivery crashed; the queue retries it', {
            delivery_id: delivery.id,
            error: error instanceof Error ? error.message : String(error),
          });
          message.retry({ delaySeconds: 5 });
        }
      }
    }),
  );
}

/** A line keeps this worker at most this long; what is left goes back to the queue. */
const LINE_BUDGET_MS = 10_000;

/**
 * Attempts a delivery, then (while within the budget) the next waiting ones of its line as each finishes:
 * one engagement's burst goes out back to back instead of one queue round trip per event.
 */
async function attemptLine(env: Env, db: Db, id: string, options: DeliverOptions) {
  const deadline = Date.now() + LINE_BUDGET_MS;
  let next: string | undefined = id;
  while (next) {
    const current: string = next;
    next = undefined;
    await attemptDelivery(env, db, current, {
      ...options,
      onNext: (following) => {
        next = following;
      },
    });
    if (next && Date.now() > deadline) {
      await sendDeliveries(env, [next]);
      return;
    }
  }
}

/** One attempt at a delivery, if it is due, first in its line, and not claimed by another worker. */
export async function attemptDelivery(
  env: Env,
  db: Db,
  id: string,
  options: DeliverOptions = {},
): Promise<void> {
  const now = options.now?.() ?? new Date();
  const { onNext } = options;
  const handOn: HandOn = onNext ? async (next) => onNext(next) : (next) => sendDeliveries(env, [next]);
  const delivery = await db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, id) });
  if (!delivery || (delivery.status !== 'pending' && delivery.status !== 'waiting')) return;
  const endpoint = await db.query.webhookEndpoints.findFirst({
    where: eq(webhookEndpoints.id, delivery.endpointId),
  });
  if (!endpoint?.enabled) {
    await finish(db, handOn, delivery, { status: 'failed', lastError: 'The endpoint is disabled' });
    return;
  }
  const due = delivery.nextAttemptAt ? new Date(delivery.nextAttemptAt).getTime() - now.getTime() : 0;
  if (due > 1000) {
    await sendDeliveries(env, [delivery.id], Math.ceil(due / 1000)); // an early duplicate: back at its time
    return;
  }
  if (await waitsBehindEarlier(db, delivery)) return;
  const claimed = await claim(db, delivery, now);
  if (!claimed) return;

  const outcome = await post(env, endpoint, claimed, options, now);
  if (outcome instanceof BreakerOpenError) {
    // The host is known to be down: wait for the breaker, without spending an attempt.
    await release(db, delivery.id, new Date(now.getTime() + outcome.retryAfterSeconds * 1000));
    await sendDeliveries(env, [delivery.id], outcome.retryAfterSeconds);
    return;
  }
  await recordOutcome(env, db, handOn, endpoint, claimed, outcome, now);
}

/**
 * True (and marked waiting) when an earlier delivery of the same endpoint and engagement has not had its
 * first attempt answered yet (waiting, due, or in flight: no error recorded). One whose attempt failed and
 * waits for its retry does not hold the line: first attempts go out in event order, retries come later
 * (receivers order by `seq`), so one failed event does not delay the rest by hours.
 */
async function waitsBehindEarlier(db: Db, delivery: WebhookDelivery): Promise<boolean> {
  const earlier = sql`EXISTS (SELECT 1 FROM webhook_deliveries AS d WHERE d.endpoint_id = ${delivery.endpointId}
    AND d.line = ${delivery.line} AND d.event_seq < ${delivery.eventSeq}
    AND (d.status = 'waiting' OR (d.status = 'pending' AND d.last_error IS NULL)))`;
  const marked = await db
    .update(webhookDeliveries)
    .set({ status: 'waiting', updatedAt: new Date().toISOString() })
    .where(
      and(eq(webhookDeliveries.id, delivery.id), inArray(webhookDeliveries.status, [...UNFINISHED]), earlier),
    )
    .returning({ id: webhookDeliveries.id });
  return marked.length > 0;
}

async function claim(db: Db, delivery: WebhookDelivery, now: Date): Promise<WebhookDelivery | null> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + LEASE_MS).toISOString(),
      updatedAt: now.toISOString(),
    })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        inArray(webhookDeliveries.status, [...UNFINISHED]),
        eq(webhookDeliveries.attempts, delivery.attempts),
      ),
    )
    .returning();
  return row ?? null;
}

/** Gives a claimed attempt back unspent (the breaker was open). */
async function release(db: Db, id: string, at: Date) {
  await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} - 1`, nextAttemptAt: at.toISOString() })
    .where(eq(webhookDeliveries.id, id));
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
}

const safeHost = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
};

async function post(
  env: Env,
  endpoint: WebhookEndpoint,
  delivery: WebhookDelivery,
  options: DeliverOptions,
  now: Date,
): Promise<Outcome | BreakerOpenError> {
  const host = safeHost(endpoint.url);
  const started = Date.now();
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const event = await eventOf(env, delivery.eventId);
  if (!event)
    return {
      ok: false,
      statusCode: null,
      durationMs: 0,
      response: null,
      error: 'The event no longer exists',
    };
  const body = webhookBody(event);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
  try {
    // The SSRF rules at every attempt: DNS may point somewhere else than at creation.
    const checked = checkUrl(endpoint.url, loadConfig(env).WEBHOOK_ALLOWED_HOSTS);
    if (!checked.allowlisted)
      await assertPublicHost(
        checked.url.hostname,
        options.resolve ?? dohResolver(fetchFn, controller.signal),
        endpoint.url,
      );
    const response = await withBreaker(env, `webhook:${host}`, async () => {
      const answer = await fetchFn(checked.url.href, {
        method: 'POST',
        redirect: 'manual', // a redirect is no delivery: the endpoint must answer itself
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Engage-Webhooks/1.0',
          ...signedHeaders(endpoint, delivery.eventId, body, now),
        },
        body,
      });
      if (answer.status >= 500) throw Object.assign(new Error(`HTTP ${answer.status}`), { answer });
      return answer;
    }).catch((error: unknown) => {
      const answer = (error as { answer?: Response }).answer;
      if (answer) return answer;
      throw error;
    });
    const text = await readStart(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      durationMs: Date.now() - started,
      response: text,
      error: ok ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    if (error instanceof BreakerOpenError) return error;
    const message =
      error instanceof UnsafeUrlError
        ? `Refused by the SSRF rules: ${error.message}`
        : controller.signal.aborted
          ? `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`
          : error instanceof Error
            ? error.message
            : String(error);
    return {
      ok: false,
      statusCode: null,
      durationMs: Date.now() - started,
      response: null,
      error: message.slice(0, 500),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readStart(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < RESPONSE_KEPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const all = new Uint8Array(Math.min(bytes, RESPONSE_KEPT_BYTES));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, all.length - offset);
    all.set(part, offset);
    offset += part.length;
    if (offset >= all.length) break;
  }
  return new TextDecoder().decode(all);
}

async function eventOf(env: Env, id: string) {
  const row = await createDb(env.DB).query.events.findFirst({ where: (e, { eq: is }) => is(e.id, id) });
  return row && { id: row.id, seq: row.seq, type: row.type, data: row.data, created_at: row.createdAt };
}

async function recordOutcome(
  env: Env,
  db: Db,
  handOn: HandOn,
  endpoint: WebhookEndpoint,
  delivery: WebhookDelivery,
  outcome: Outcome,
  now: Date,
) {
  // The attempt lands with the delivery's next state (one batch): a reader never sees the attempt listed
  // beside the claim's lease as its next attempt.
  const attempt = db.insert(webhookAttempts).values({
    id: newId('webhookAttempt'),
    deliveryId: delivery.id,
    endpointId: endpoint.id,
    attempt: delivery.attempts,
    statusCode: outcome.statusCode,
    durationMs: outcome.durationMs,
    response: outcome.response,
    error: outcome.error,
    succeeded: outcome.ok,
    createdAt: now.toISOString(),
  });
  const last = { lastStatusCode: outcome.statusCode, lastError: outcome.error };
  if (outcome.ok) {
    const recovered = endpoint.failingSince
      ? [db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id))]
      : [];
    await finish(db, handOn, delivery, { status: 'succeeded', ...last }, [attempt, ...recovered]);
    return;
  }
  if (outcome.statusCode === 410) {
    await disableEndpoint(db, endpoint, 'The endpoint answered 410 Gone');
    await finish(db, handOn, delivery, { status: 'failed', ...last }, [attempt]);
    return;
  }
  const failingSince = endpoint.failingSince ?? now.toISOString();
  if (!endpoint.failingSince)
    await db
      .update(webhookEndpoints)
      .set({ failingSince })
      .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince)));
  if (now.getTime() - new Date(failingSince).getTime() >= DISABLE_AFTER_MS) {
    await disableEndpoint(db, endpoint, 'Every delivery failed for 5 days');
    await finish(db, handOn, delivery, { status: 'failed', ...last }, [attempt]);
    return;
  }
  const delay = RETRY_DELAYS_SECONDS[delivery.attempts - 1];
  if (delay === undefined) {
    await finish(db, handOn, delivery, { status: 'failed', ...last }, [attempt]);
    return;
  }
  await db.batch([
    attempt,
    db
      .update(webhookDeliveries)
      .set({
        ...last,
        nextAttemptAt: new Date(now.getTime() + delay * 1000).toISOString(),
        updatedAt: now.toISOString(),
      })
      .where(eq(webhookDeliveries.id, delivery.id)),
  ]);
  await sendDeliveries(env, [delivery.id], delay);
  await handOnNext(db, handOn, delivery); // its retry does not hold the line
}

/** Ends a delivery and hands its line to the next waiting delivery. */
type HandOn = (id: string) => Promise<void>;

async function finish(
  db: Db,
  handOn: HandOn,
  delivery: WebhookDelivery,
  changes: { status: 'succeeded' | 'failed'; lastStatusCode?: number | null; lastError?: string | null },
  /** Statements that land with the end (the attempt that ended it). */
  together: BatchItem<'sqlite'>[] = [],
) {
  const end = db
    .update(webhookDeliveries)
    .set({ ...changes, nextAttemptAt: null, updatedAt: new Date().toISOString() })
    .where(eq(webhookDeliveries.id, delivery.id));
  await db.batch([end, ...together]);
  await handOnNext(db, handOn, delivery);
}

/** Hands the line on to its earliest waiting delivery, if any. */
async function handOnNext(db: Db, handOn: HandOn, delivery: WebhookDelivery) {
  const next = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, delivery.endpointId),
        eq(webhookDeliveries.line, delivery.line),
        eq(webhookDeliveries.status, 'waiting'),
      ),
    )
    .orderBy(asc(webhookDeliveries.eventSeq))
    .limit(1);
  if (next[0]) await handOn(next[0].id);
}

/** Disables an endpoint once (410, or five days of failures): its company hears by event and email. */
async function disableEndpoint(db: Db, endpoint: WebhookEndpoint, reason: string) {
  const [disabled] = await db.batch([
    db
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: reason, updatedAt: new Date().toISOString() })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true)))
      .returning(),
    recordEvent(
      db,
      {
        type: 'webhook_endpoint.disabled',
        orgId: endpoint.orgId,
        data: { endpoint_id: endpoint.id, url: endpoint.url, reason },
      },
      { onlyIf: sql`changes() = 1` },
    ),
  ]);
  if (disabled.length > 0) log.warn('webhook endpoint disabled', { endpoint_id: endpoint.id, reason });
}

/** Sweep: deliveries whose message was lost (due long ago, or waiting long) are sent again. */
export async function recoverDeliveries(env: Env, now = Date.now()): Promise<number> {
  const db = createDb(env.DB);
  const stale = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      or(
        and(
          eq(webhookDeliveries.status, 'pending'),
          lt(webhookDeliveries.nextAttemptAt, new Date(now - 5 * 60_000).toISOString()),
        ),
        // Waiting long with nobody handing the line on: looked at again (re-marked if still behind).
        and(
          eq(webhookDeliveries.status, 'waiting'),
          lt(webhookDeliveries.updatedAt, new Date(now - 5 * 60_000).toISOString()),
        ),
      ),
    )
    .limit(1000);
  await sendDeliveries(
    env,
    stale.map((row) => row.id),
  );
  return stale.length;
}

/** Deliveries not yet finished (due, retrying or waiting in their line): the webhooks backlog. */
export async function deliveryBacklog(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.status, [...UNFINISHED]));
  return row?.n ?? 0;
}

/** When the longest-overdue delivery was due (its message presumably lost); null: none. */
export async function oldestStrandedDelivery(db: Db, now = Date.now()): Promise<string | null> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${webhookDeliveries.nextAttemptAt})` })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lt(webhookDeliveries.nextAttemptAt, new Date(now - 5 * 60_000).toISOString()),
      ),
    );
  return row?.at ?? null;
}
