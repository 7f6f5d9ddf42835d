// The webhooks consumer: POSTs deliveries (written by fan-out.ts) signed, records every attempt, and on
// failure sends the delivery again with the Standard Webhooks schedule's delay (a new message with
// delaySeconds: no sleeping; the queue's own retries stay for crashes of the consumer).
//
// Order: the first attempts of one endpoint and engagement (its "line") go out in event order. A message
// wakes a line; the worker claims the line's next not-yet-attempted deliveries in one statement (only while
// no first attempt of the line is in flight, so two workers never run one line) and posts them one after
// another. A failed attempt's retry does not hold the line: receivers order by `seq`, and one failed event
// must not delay the rest by hours. Endpoints are worked side by side, so one slow or failing endpoint
// never holds up another.
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import {
  events,
  type WebhookDelivery,
  type WebhookEndpoint,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema';
import { type BreakerGate, BreakerOpenError, breakerDelaySeconds, openGate } from '../../lib/breaker';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import type { Resolver } from '../../lib/safe-fetch';
import { type DeliveryMessage, sendDeliveries } from './fan-out';
import { hostOf, type Outcome, postEvent, type WebhookEvent } from './post';

/** Delays before the 2nd … 8th attempt (Standard Webhooks / Svix schedule). */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** Failing every attempt for this long disables an endpoint. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
/** A claimed attempt owns its delivery this long; a worker that died leaves it to the sweep after. */
const LEASE_MS = 60_000;
/** First attempts claimed from a line at once (one statement, one events read). */
const CLAIM_SIZE = 25;
/** A line keeps a worker at most this long; the rest of it goes back to the queue. */
const LINE_BUDGET_MS = 3_000;
/** Lines (and retries) of one endpoint worked side by side. */
const PARALLEL_PER_ENDPOINT = 8;

export interface DeliverOptions {
  fetch?: typeof fetch;
  resolve?: Resolver;
  now?: () => Date;
}

const UNFINISHED = ['pending'] as const;

/** The consumer: endpoints side by side; per endpoint, each woken line in order and each due retry. */
export async function processDeliveryBatch(
  env: Env,
  batch: MessageBatch<unknown>,
  options: DeliverOptions = {},
) {
  const db = createDb(env.DB);
  const idOf = (message: Message<unknown>) => {
    const id = (message.body as Partial<DeliveryMessage> | null)?.delivery_id;
    return typeof id === 'string' ? id : undefined;
  };
  const ids = [...new Set(batch.messages.flatMap((m) => idOf(m) ?? []))];
  const deliveries = new Map((await rowsById(db, ids)).map((row) => [row.id, row]));
  const endpointIds = [...new Set([...deliveries.values()].map((d) => d.endpointId))];
  const endpoints = new Map(
    (await endpointsById(db, endpointIds)).map((endpoint) => [endpoint.id, endpoint]),
  );

  const work = new Map<
    string,
    { endpoint: WebhookEndpoint; lines: Set<string>; retries: Set<string>; messages: Message<unknown>[] }
  >();
  for (const message of batch.messages) {
    const id = idOf(message);
    const delivery = id ? deliveries.get(id) : undefined;
    const endpoint = delivery && endpoints.get(delivery.endpointId);
    if (!delivery || !endpoint || delivery.status !== 'pending') {
      message.ack(); // unreadable, finished, or its endpoint was deleted
      continue;
    }
    const entry = work.get(endpoint.id) ?? { endpoint, lines: new Set(), retries: new Set(), messages: [] };
    work.set(endpoint.id, entry);
    entry.messages.push(message);
    if (delivery.attempts === 0) entry.lines.add(delivery.line);
    else entry.retries.add(delivery.id);
  }
  await Promise.all(
    [...work.values()].map(async ({ endpoint, lines, retries, messages }) => {
      try {
        const jobs = [
          ...[...lines].map((line) => () => runLine(env, db, endpoint, line, options)),
          ...[...retries].map((id) => () => retryDelivery(env, db, endpoint, id, options)),
        ];
        await inParallel(jobs, PARALLEL_PER_ENDPOINT);
        for (const message of messages) message.ack();
      } catch (error) {
        log.error('webhook delivery crashed; the queue retries it', {
          endpoint_id: endpoint.id,
          error: error instanceof Error ? error.message : String(error),
        });
        for (const message of messages) message.retry({ delaySeconds: 5 });
      }
    }),
  );
}

/** One delivery, whatever its state (tests and single wake-ups): its line when it has not been tried yet. */
export async function attemptDelivery(env: Env, db: Db, id: string, options: DeliverOptions = {}) {
  const [delivery] = await rowsById(db, [id]);
  if (delivery?.status !== 'pending') return;
  const [endpoint] = await endpointsById(db, [delivery.endpointId]);
  if (!endpoint) return;
  if (delivery.attempts === 0) await runLine(env, db, endpoint, delivery.line, options);
  else await retryDelivery(env, db, endpoint, delivery.id, options);
}

/**
 * Works a line: claims its next first attempts in event order and posts them one after another, until the
 * line is empty, the host's breaker opens, or the budget is spent (then one message carries on).
 */
async function runLine(env: Env, db: Db, endpoint: WebhookEndpoint, line: string, options: DeliverOptions) {
  const started = Date.now();
  if (!endpoint.enabled) {
    await failLine(db, endpoint, line);
    return;
  }
  let current = endpoint;
  for (;;) {
    const now = options.now?.() ?? new Date();
    const claimed = await claimLine(db, current.id, line, now);
    if (claimed.length === 0) return;
    const eventsById = await eventsOf(db, claimed);
    const gate = await openGate(env, `webhook:${hostOf(current.url)}`);
    if (gate instanceof BreakerOpenError) {
      await releaseWaiting(env, db, claimed, gate.retryAfterSeconds, now);
      return;
    }
    const retries: string[] = [];
    for (const [index, delivery] of claimed.entries()) {
      const result = await attemptOnce(env, db, current, delivery, eventsById, gate, options);
      if (result.retryIn !== undefined) retries.push(delivery.id);
      current = result.endpoint;
      const rest = claimed.slice(index + 1);
      if (rest.length === 0) break;
      if (!current.enabled) {
        await failLine(db, current, line);
        break;
      }
      if (!result.admits) {
        await releaseWaiting(env, db, rest, await retryAfter(env, current), options.now?.() ?? new Date());
        break;
      }
      if (Date.now() - started > LINE_BUDGET_MS) {
        await releaseWaiting(env, db, rest, 0, options.now?.() ?? new Date());
        await sendRetries(env, claimed, retries);
        return;
      }
    }
    // Retries of this chunk go back to the queue together, each with its place in the schedule.
    await sendRetries(env, claimed, retries);
    if (!current.enabled) return;
    if (Date.now() - started > LINE_BUDGET_MS) {
      await wakeLine(env, db, current.id, line); // what is left goes on in another invocation
      return;
    }
  }
}

/**
 * Claims up to CLAIM_SIZE untried deliveries of a line, in event order, in one statement: none while a first
 * attempt of the line is in flight (claimed, not answered, lease running), and none past one that waits for
 * its host's breaker (released with a later time), so first attempts never overtake each other.
 */
async function claimLine(db: Db, endpointId: string, line: string, now: Date): Promise<WebhookDelivery[]> {
  const at = now.toISOString();
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  const sameLine = sql`d.endpoint_id = ${endpointId} AND d.line = ${line} AND d.status = 'pending'`;
  return db
    .update(webhookDeliveries)
    .set({ attempts: 1, lastError: null, nextAttemptAt: lease, updatedAt: at })
    .where(
      sql`${webhookDeliveries.id} IN (
        SELECT d.id FROM webhook_deliveries AS d
        WHERE ${sameLine} AND d.attempts = 0 AND COALESCE(d.next_attempt_at, '') <= ${at}
          AND d.event_seq < COALESCE((SELECT min(d.event_seq) FROM webhook_deliveries AS d
            WHERE ${sameLine} AND d.attempts = 0 AND d.next_attempt_at > ${at}), 9223372036854775807)
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS d
            WHERE ${sameLine} AND d.attempts = 1 AND d.last_error IS NULL AND d.next_attempt_at > ${at})
        ORDER BY d.event_seq LIMIT ${CLAIM_SIZE})`,
    )
    .returning()
    .then((rows) => rows.sort((a, b) => a.eventSeq - b.eventSeq));
}

/** A retry (2nd … 8th attempt), if it is due and no other worker claimed it. */
async function retryDelivery(
  env: Env,
  db: Db,
  endpoint: WebhookEndpoint,
  id: string,
  options: DeliverOptions,
) {
  const now = options.now?.() ?? new Date();
  const [delivery] = await rowsById(db, [id]);
  if (delivery?.status !== 'pending' || delivery.attempts === 0) return;
  if (!endpoint.enabled) {
    await end(db, delivery, { status: 'failed', lastError: 'The endpoint is disabled' });
    return;
  }
  const due = delivery.nextAttemptAt ? new Date(delivery.nextAttemptAt).getTime() - now.getTime() : 0;
  if (due > 1000) {
    await sendDeliveries(env, [delivery.id], Math.ceil(due / 1000)); // an early duplicate: back at its time
    return;
  }
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + LEASE_MS).toISOString(),
      updatedAt: now.toISOString(),
    })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.attempts, delivery.attempts),
      ),
    )
    .returning();
  if (!claimed) return;
  const gate = await openGate(env, `webhook:${hostOf(endpoint.url)}`);
  if (gate instanceof BreakerOpenError) {
    // The host is known to be down: wait for the breaker, without spending an attempt.
    const at = new Date(now.getTime() + gate.retryAfterSeconds * 1000).toISOString();
    await db
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} - 1`, nextAttemptAt: at })
      .where(eq(webhookDeliveries.id, delivery.id));
    await sendDeliveries(env, [delivery.id], gate.retryAfterSeconds);
    return;
  }
  const result = await attemptOnce(env, db, endpoint, claimed, await eventsOf(db, [claimed]), gate, options);
  await sendRetries(env, [claimed], result.retryIn !== undefined ? [claimed.id] : []);
}

interface AttemptResult {
  /** The endpoint as it is now (disabled by this attempt, or failing since). */
  endpoint: WebhookEndpoint;
  /** The host's breaker still lets calls through. */
  admits: boolean;
  /** Seconds until this delivery's next attempt, when it has one. */
  retryIn?: number;
}

/** Posts a claimed delivery, reports it to the host's breaker and records it with the delivery's next state. */
async function attemptOnce(
  env: Env,
  db: Db,
  endpoint: WebhookEndpoint,
  delivery: WebhookDelivery,
  eventsById: Map<string, WebhookEvent>,
  gate: BreakerGate,
  options: DeliverOptions,
): Promise<AttemptResult> {
  const now = options.now?.() ?? new Date();
  const event = eventsById.get(delivery.eventId);
  const outcome: Outcome = event
    ? await postEvent(env, endpoint, event, options, now)
    : {
        ok: false,
        statusCode: null,
        durationMs: 0,
        response: null,
        error: 'The event no longer exists',
        hostFailed: false,
      };
  const admits = await gate.report(outcome.hostFailed, outcome.error ?? undefined);
  return { ...(await recordOutcome(db, endpoint, delivery, outcome, now)), admits };
}

async function recordOutcome(
  db: Db,
  endpoint: WebhookEndpoint,
  delivery: WebhookDelivery,
  outcome: Outcome,
  now: Date,
): Promise<Omit<AttemptResult, 'admits'>> {
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
    await end(db, delivery, { status: 'succeeded', ...last }, [attempt, ...recovered]);
    return { endpoint: { ...endpoint, failingSince: null } };
  }
  if (outcome.statusCode === 410) {
    await end(db, delivery, { status: 'failed', ...last }, [attempt]);
    return { endpoint: await disableEndpoint(db, endpoint, 'The endpoint answered 410 Gone') };
  }
  const failingSince = endpoint.failingSince ?? now.toISOString();
  const marking = endpoint.failingSince
    ? []
    : [db.update(webhookEndpoints).set({ failingSince }).where(eq(webhookEndpoints.id, endpoint.id))];
  const failing = { ...endpoint, failingSince };
  if (now.getTime() - new Date(failingSince).getTime() >= DISABLE_AFTER_MS) {
    await end(db, delivery, { status: 'failed', ...last }, [attempt, ...marking]);
    return { endpoint: await disableEndpoint(db, failing, 'Every delivery failed for 5 days') };
  }
  const retryIn = RETRY_DELAYS_SECONDS[delivery.attempts - 1];
  if (retryIn === undefined) {
    await end(db, delivery, { status: 'failed', ...last }, [attempt, ...marking]);
    return { endpoint: failing };
  }
  await db.batch([
    attempt,
    db
      .update(webhookDeliveries)
      .set({
        ...last,
        nextAttemptAt: new Date(now.getTime() + retryIn * 1000).toISOString(),
        updatedAt: now.toISOString(),
      })
      .where(eq(webhookDeliveries.id, delivery.id)),
    ...marking,
  ]);
  return { endpoint: failing, retryIn };
}

async function end(
  db: Db,
  delivery: WebhookDelivery,
  changes: { status: 'succeeded' | 'failed'; lastStatusCode?: number | null; lastError?: string | null },
  /** Statements that land with the end (the attempt that ended it). */
  together: BatchItem<'sqlite'>[] = [],
) {
  const update = db
    .update(webhookDeliveries)
    .set({ ...changes, nextAttemptAt: null, updatedAt: new Date().toISOString() })
    .where(eq(webhookDeliveries.id, delivery.id));
  await db.batch([update, ...together]);
}

/** Sends each retried delivery back to the queue with its delay (one sendBatch per delay). */
async function sendRetries(env: Env, claimed: WebhookDelivery[], retried: string[]) {
  const byDelay = new Map<number, string[]>();
  for (const id of retried) {
    const delivery = claimed.find((d) => d.id === id);
    const delay = delivery && RETRY_DELAYS_SECONDS[delivery.attempts - 1];
    if (delay !== undefined) byDelay.set(delay, [...(byDelay.get(delay) ?? []), id]);
  }
  for (const [delay, ids] of byDelay) await sendDeliveries(env, ids, delay);
}

/**
 * Gives claimed, unposted first attempts back to their line (the breaker opened, or the budget ran out):
 * untried again, due in `delaySeconds`, and one message to wake the line then.
 */
async function releaseWaiting(env: Env, db: Db, rows: WebhookDelivery[], delaySeconds: number, now: Date) {
  const head = rows[0];
  if (!head) return;
  await db
    .update(webhookDeliveries)
    .set({
      attempts: 0,
      nextAttemptAt: new Date(now.getTime() + delaySeconds * 1000).toISOString(),
      updatedAt: now.toISOString(),
    })
    .where(
      inArray(
        webhookDeliveries.id,
        rows.map((row) => row.id),
      ),
    );
  await sendDeliveries(env, [head.id], delaySeconds);
}

const retryAfter = (env: Env, endpoint: WebhookEndpoint) =>
  breakerDelaySeconds(env, `webhook:${hostOf(endpoint.url)}`);

/** Wakes a line again (its worker's budget ran out): a message naming its next untried delivery. */
async function wakeLine(env: Env, db: Db, endpointId: string, line: string) {
  const [next] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.line, line),
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.attempts, 0),
      ),
    )
    .orderBy(asc(webhookDeliveries.eventSeq))
    .limit(1);
  if (next) await sendDeliveries(env, [next.id]);
}

/** A disabled endpoint's line: its unfinished deliveries end as failed, with the reason. */
async function failLine(db: Db, endpoint: WebhookEndpoint, line: string) {
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null, lastError: 'The endpoint is disabled' })
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpoint.id),
        eq(webhookDeliveries.line, line),
        eq(webhookDeliveries.status, 'pending'),
      ),
    );
}

/** Disables an endpoint once (410, or five days of failures): its company hears by event and email. */
async function disableEndpoint(db: Db, endpoint: WebhookEndpoint, reason: string): Promise<WebhookEndpoint> {
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
  return { ...endpoint, enabled: false, disabledReason: reason };
}

async function rowsById(db: Db, ids: string[]) {
  const rows: WebhookDelivery[] = [];
  for (const part of chunks(ids, IDS_PER_STATEMENT))
    rows.push(...(await db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, part))));
  return rows;
}

async function endpointsById(db: Db, ids: string[]) {
  const rows: WebhookEndpoint[] = [];
  for (const part of chunks(ids, IDS_PER_STATEMENT))
    rows.push(...(await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, part))));
  return rows;
}

/** The events of some deliveries, in one read. */
async function eventsOf(db: Db, deliveries: WebhookDelivery[]): Promise<Map<string, WebhookEvent>> {
  const ids = [...new Set(deliveries.map((d) => d.eventId))];
  const found = new Map<string, WebhookEvent>();
  for (const part of chunks(ids, IDS_PER_STATEMENT)) {
    const rows = await db.select().from(events).where(inArray(events.id, part));
    for (const row of rows)
      found.set(row.id, {
        id: row.id,
        seq: row.seq,
        type: row.type,
        data: row.data,
        created_at: row.createdAt,
      });
  }
  return found;
}

/** Runs jobs with at most `limit` at a time; the first failure is thrown once all have settled. */
async function inParallel(jobs: (() => Promise<void>)[], limit: number) {
  const queue = [...jobs];
  const failures: unknown[] = [];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift())
      await job().catch((error) => failures.push(error));
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  if (failures.length) throw failures[0];
}

/** Sweep: deliveries whose message was lost (due long ago) are sent again. */
export async function recoverDeliveries(env: Env, now = Date.now()): Promise<number> {
  const db = createDb(env.DB);
  const stale = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lt(webhookDeliveries.nextAttemptAt, new Date(now - 5 * 60_000).toISOString()),
      ),
    )
    .limit(1000);
  await sendDeliveries(
    env,
    stale.map((row) => row.id),
  );
  return stale.length;
}

/** Deliveries not yet finished (untried, in flight or waiting for a retry): the webhooks backlog. */
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
