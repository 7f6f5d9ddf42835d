// The webhooks queue consumer, as Standard Webhooks prescribes: each delivery POSTed signed, its attempt
// recorded, and on failure sent again with the schedule's delay (a new message with delaySeconds: no
// sleeping; the queue's own retries stay for crashes of the consumer).
//
// Order: first attempts of one endpoint and engagement (its "line") go out in event order. A delivery whose
// earlier one has not been answered yet marks itself `waiting` (atomically, with the check); whoever
// answers an attempt hands the line on to the next waiting ones. Retries do not hold the line. Lines are
// independent, so one slow or failing endpoint (or engagement) never holds up another.
//
// Cost: a queue batch is worked in rounds, each reading its deliveries, endpoints and events at once,
// claiming them in one D1 batch and recording every outcome in one more, so a round costs the same few
// round trips for one delivery or fifty (the first version took seven per delivery).
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
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
import { BreakerOpenError } from '../../lib/breaker';
import { chunks } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { inJsonList } from '../../lib/json-rows';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import {
  ATTEMPT_TIMEOUT_MS,
  type AttemptOptions,
  type Outcome,
  postEvent,
  type WebhookEvent,
} from './attempt';
import { type DeliveryMessage, sendDeliveries } from './fan-out';
import { UNFINISHED } from './sweep';

/** Delays before the 2nd … 8th attempt (Standard Webhooks / Svix schedule). */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** Failing every attempt for this long disables an endpoint. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
/** A claimed attempt owns its delivery this long; a worker that died leaves it to the sweep after. */
const LEASE_MS = 60_000;
/** A queue batch keeps this worker at most this long; lines handed on after it go back to the queue. */
const BATCH_BUDGET_MS = 10_000;
/** Attempts made at once after a response hand their lines on only this long (waitUntil has 30 s in all). */
const INLINE_BUDGET_MS = 5_000;
/** Deliveries per round: the ids of a round go into one `IN (…)` list. */
const ROUND_SIZE = 50;
/** How many waiting deliveries of one line a finished round takes over at once. */
const HAND_ON_PER_LINE = 10;

export interface DeliverOptions extends AttemptOptions {
  now?: () => Date;
  /** How long the call may keep starting attempts (default: BATCH_BUDGET_MS, or INLINE_BUDGET_MS inline). */
  budgetMs?: number;
}

/** The consumer: a batch's deliveries in rounds, lines side by side, each line in event order. */
export async function processDeliveryBatch(
  env: Env,
  batch: MessageBatch<unknown>,
  options: DeliverOptions = {},
) {
  const bodies = batch.messages.map((m) => (m.body as Partial<DeliveryMessage> | null) ?? {});
  const ids = bodies.map((body) => body.delivery_id).filter((id): id is string => typeof id === 'string');
  try {
    const db = createDb(env.DB);
    const deadline = Date.now() + (options.budgetMs ?? BATCH_BUDGET_MS);
    await deliver(env, db, await withoutAttempted(db, bodies), options, deadline);
    // Every message is done with: an unreadable one, or one whose endpoint was deleted, has nothing to do.
    for (const message of batch.messages) message.ack();
  } catch (error) {
    log.error('webhook deliveries crashed; the queue retries them', {
      deliveries: ids.length,
      error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
    });
    for (const message of batch.messages) message.retry({ delaySeconds: 5 });
  }
}

/**
 * The batch's deliveries to work on: every plain message's, and a watchdog's (DeliveryMessage.unless_attempted)
 * only while no attempt of it has started — once one has, that attempt's retries carry it.
 */
async function withoutAttempted(db: Db, bodies: Partial<DeliveryMessage>[]): Promise<string[]> {
  const plain = new Set<string>();
  const watched = new Set<string>();
  for (const { delivery_id: id, unless_attempted } of bodies) {
    if (typeof id === 'string') (unless_attempted ? watched : plain).add(id);
  }
  const unsure = [...watched].filter((id) => !plain.has(id));
  if (unsure.length === 0) return [...plain];
  const unattempted = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(inJsonList(webhookDeliveries.id, unsure), eq(webhookDeliveries.attempts, 0)));
  return [...plain, ...unattempted.map((row) => row.id)];
}

/**
 * First attempts made by whoever wrote the deliveries (the relay after a response), without a queue hop; lines
 * handed on after INLINE_BUDGET_MS go to the queue. Their watchdog messages cover a worker that dies meanwhile.
 */
export function attemptNow(env: Env, ids: string[], options: DeliverOptions = {}) {
  return deliver(env, createDb(env.DB), ids, options, Date.now() + (options.budgetMs ?? INLINE_BUDGET_MS));
}

/** One delivery's attempt (if due, first in its line and not claimed elsewhere), and what it hands on. */
export function attemptDelivery(env: Env, db: Db, id: string, options: DeliverOptions = {}) {
  return deliver(env, db, [id], options, Date.now() + BATCH_BUDGET_MS);
}

async function deliver(env: Env, db: Db, ids: string[], options: DeliverOptions, deadline: number) {
  for (const part of chunks(ids, ROUND_SIZE)) await deliverRound(env, db, part, options, deadline);
}

/** Goes on with what a line handed on, or (the budget spent) puts it back on the queue. */
async function followUp(env: Env, db: Db, ids: string[], options: DeliverOptions, deadline: number) {
  if (ids.length === 0) return;
  if (Date.now() > deadline) await sendDeliveries(env, ids);
  else await deliver(env, db, ids, options, deadline);
}

interface Claimed {
  delivery: WebhookDelivery;
  endpoint: WebhookEndpoint;
}

/**
 * One round: the deliveries, their endpoints and events read at once, the due ones claimed first in line at
 * once; then each line on its own (a slow endpoint holds nothing but its own line).
 */
async function deliverRound(env: Env, db: Db, ids: string[], options: DeliverOptions, deadline: number) {
  const now = options.now?.() ?? new Date();
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.id, ids), inArray(webhookDeliveries.status, [...UNFINISHED])));
  if (rows.length === 0) return;
  const [endpointRows, eventRows] = await db.batch([
    db
      .select()
      .from(webhookEndpoints)
      .where(inArray(webhookEndpoints.id, [...new Set(rows.map((row) => row.endpointId))])),
    db
      .select()
      .from(events)
      .where(inArray(events.id, [...new Set(rows.map((row) => row.eventId))])),
  ]);
  const endpoints = new Map(endpointRows.map((endpoint) => [endpoint.id, endpoint]));
  const eventsById = new Map<string, WebhookEvent>(
    eventRows.map((e) => [
      e.id,
      { id: e.id, seq: e.seq, type: e.type, data: e.data, created_at: e.createdAt },
    ]),
  );

  const disabled: WebhookDelivery[] = [];
  const dueLater = new Map<number, string[]>();
  const candidates: WebhookDelivery[] = [];
  for (const delivery of rows) {
    const due = delivery.nextAttemptAt ? new Date(delivery.nextAttemptAt).getTime() - now.getTime() : 0;
    if (!endpoints.get(delivery.endpointId)?.enabled) disabled.push(delivery);
    else if (due > 1000) {
      // An early duplicate (or a claim still leased): back at its time.
      const delay = Math.ceil(due / 1000);
      addTo(dueLater, delay, delivery.id);
    } else candidates.push(delivery);
  }
  for (const [delay, later] of dueLater) await sendDeliveries(env, later, delay);
  const [first, ...rest] = disabled.map((delivery) =>
    end(db, delivery, { status: 'failed', lastError: 'The endpoint is disabled' }),
  );
  if (first) await db.batch([first, ...rest]);

  const claimed = await claimFirstInLine(db, candidates, now, endpoints);
  await Promise.all([
    ...byLine(claimed.map((c) => ({ ...c.delivery, claim: c }))).map((line) =>
      runLine(
        env,
        db,
        line.map((l) => l.claim),
        eventsById,
        now,
        options,
        deadline,
      ),
    ),
    handOn(db, disabled).then((next) => followUp(env, db, next, options, deadline)),
  ]);
}

/**
 * One line's claimed deliveries: POSTed one at a time in event order, every outcome recorded in one D1
 * batch, then the line's next waiting deliveries taken over. Once the budget is spent, the line's claims not yet
 * attempted are given back and put on the queue in order: a slow endpoint's long line never holds a worker (or a
 * response's waitUntil, which has 30 s) beyond its budget and one attempt.
 */
async function runLine(
  env: Env,
  db: Db,
  line: Claimed[],
  eventsById: Map<string, WebhookEvent>,
  now: Date,
  options: DeliverOptions,
  deadline: number,
) {
  const outcomes: Attempted[] = [];
  let breakerOpen: BreakerOpenError | undefined;
  let unattempted: Claimed[] = [];
  for (const [n, claim] of line.entries()) {
    if (n > 0 && Date.now() > deadline) {
      unattempted = line.slice(n);
      break;
    }
    // Signed and recorded at its own time: the line's earlier attempts may have taken seconds.
    const at = options.now?.() ?? new Date();
    // Once the host's breaker said no, the rest of the line waits with it (a trial call let through for a
    // later one would overtake).
    const outcome =
      breakerOpen ??
      (await postEvent(env, claim.endpoint, eventsById.get(claim.delivery.eventId), at, options));
    if (outcome instanceof BreakerOpenError) breakerOpen = outcome;
    outcomes.push({ ...claim, outcome, at });
  }

  const statements: BatchItem<'sqlite'>[] = [];
  const retries = new Map<number, string[]>();
  const ended: WebhookDelivery[] = [];
  for (const { delivery, endpoint, outcome, at } of outcomes) {
    if (outcome instanceof BreakerOpenError) {
      // The host is known to be down: wait for the breaker, without spending an attempt.
      const delay = outcome.retryAfterSeconds;
      statements.push(release(db, delivery.id, new Date(at.getTime() + delay * 1000)));
      addTo(retries, delay, delivery.id);
      continue;
    }
    const next = nextStep(delivery, endpoint, outcome, at);
    statements.push(attemptRow(db, delivery, outcome, at));
    if (next.retryIn !== undefined) {
      const retryAt = new Date(at.getTime() + next.retryIn * 1000);
      statements.push(scheduleRetry(db, delivery, outcome, retryAt, at));
      addTo(retries, next.retryIn, delivery.id);
    } else statements.push(end(db, delivery, { status: next.status, ...lastOf(outcome) }));
    ended.push(delivery); // finished, or waiting for its retry: either way it no longer holds its line
  }
  statements.push(...endpointHealth(db, outcomes, now));
  const givenBack = unattempted.map((claim) => claim.delivery.id);
  for (const id of givenBack) statements.push(release(db, id, options.now?.() ?? new Date()));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  for (const [delay, later] of retries) await sendDeliveries(env, later, delay);
  await sendDeliveries(env, givenBack);
  await disableWhereDue(db, outcomes, now);
  await followUp(env, db, await handOn(db, ended), options, deadline);
}

/**
 * Marks `waiting` each candidate behind an earlier delivery of its line that has not been answered yet
 * (waiting, due, or in flight: no error recorded) — the round's own earlier candidates excepted, they go
 * first — and everything after it in its line; claims the rest (one D1 batch, guarded by the attempt count,
 * so of two workers holding the same message one wins).
 */
async function claimFirstInLine(
  db: Db,
  candidates: WebhookDelivery[],
  now: Date,
  endpoints: Map<string, WebhookEndpoint>,
): Promise<Claimed[]> {
  if (candidates.length === 0) return [];
  const ids = candidates.map((d) => d.id);
  const stamp = now.toISOString();

  const behindOthers = await db
    .update(webhookDeliveries)
    .set({ status: 'waiting', updatedAt: stamp })
    .where(
      and(
        inJsonList(webhookDeliveries.id, ids),
        inArray(webhookDeliveries.status, [...UNFINISHED]),
        sql`EXISTS (SELECT 1 FROM webhook_deliveries AS d WHERE d.endpoint_id = webhook_deliveries.endpoint_id
          AND d.line = webhook_deliveries.line AND d.event_seq < webhook_deliveries.event_seq
          AND NOT (${inJsonList(sql`d.id`, ids)})
          AND (d.status = 'waiting' OR (d.status = 'pending' AND d.last_error IS NULL)))`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  const held = new Set(behindOthers.map((row) => row.id));
  // Each claim is leased until its attempt must have ended: a line's deliveries are posted one after another,
  // so the n-th waits for up to n attempts before its own (a duplicate message must not find it free).
  const free: { delivery: WebhookDelivery; leaseUntil: Date }[] = [];
  const heldToo: string[] = [];
  for (const line of byLine(candidates)) {
    const stop = line.findIndex((d) => held.has(d.id));
    line.slice(0, stop < 0 ? undefined : stop).forEach((delivery, n) => {
      free.push({ delivery, leaseUntil: new Date(now.getTime() + LEASE_MS + n * ATTEMPT_TIMEOUT_MS) });
    });
    if (stop >= 0) heldToo.push(...line.slice(stop + 1).map((d) => d.id));
  }
  const claims = free.map(({ delivery, leaseUntil }) =>
    db
      .update(webhookDeliveries)
      .set({
        status: 'pending',
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: leaseUntil.toISOString(),
        updatedAt: stamp,
      })
      .where(
        and(
          eq(webhookDeliveries.id, delivery.id),
          inArray(webhookDeliveries.status, [...UNFINISHED]),
          eq(webhookDeliveries.attempts, delivery.attempts),
        ),
      )
      .returning(),
  );
  const holds = heldToo.length
    ? [
        db
          .update(webhookDeliveries)
          .set({ status: 'waiting', updatedAt: stamp })
          .where(
            and(inArray(webhookDeliveries.id, heldToo), inArray(webhookDeliveries.status, [...UNFINISHED])),
          ),
      ]
    : [];
  const [first, ...rest] = [...holds, ...claims];
  if (!first) return [];
  const results = await db.batch([first, ...rest]);
  return (results.slice(holds.length) as WebhookDelivery[][]).flatMap(([delivery]) => {
    const endpoint = delivery && endpoints.get(delivery.endpointId);
    return delivery && endpoint ? [{ delivery, endpoint }] : [];
  });
}

/** Adds `value` to the list kept under `key`. */
function addTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Groups deliveries by line, each in event order. */
function byLine<T extends Pick<WebhookDelivery, 'endpointId' | 'line' | 'eventSeq'>>(deliveries: T[]): T[][] {
  const lines = new Map<string, T[]>();
  for (const d of deliveries) {
    addTo(lines, `${d.endpointId}/${d.line}`, d);
  }
  return [...lines.values()].map((line) => line.sort((a, b) => a.eventSeq - b.eventSeq));
}

type Attempted = Claimed & { outcome: Outcome | BreakerOpenError; at: Date };

const lastOf = (outcome: Outcome) => ({ lastStatusCode: outcome.statusCode, lastError: outcome.error });

/** What an outcome means for its delivery: done, failed for good, or a retry after the schedule's delay. */
function nextStep(
  delivery: WebhookDelivery,
  endpoint: WebhookEndpoint,
  outcome: Outcome,
  now: Date,
): { status: 'succeeded' | 'failed'; retryIn?: undefined } | { status?: undefined; retryIn: number } {
  if (outcome.ok) return { status: 'succeeded' };
  if (outcome.statusCode === 410 || failingTooLong(endpoint, now)) return { status: 'failed' };
  const delay = RETRY_DELAYS_SECONDS[delivery.attempts - 1];
  return delay === undefined ? { status: 'failed' } : { retryIn: delay };
}

const failingTooLong = (endpoint: WebhookEndpoint, now: Date) =>
  endpoint.failingSince !== null &&
  now.getTime() - new Date(endpoint.failingSince).getTime() >= DISABLE_AFTER_MS;

function attemptRow(db: Db, delivery: WebhookDelivery, outcome: Outcome, now: Date) {
  return db.insert(webhookAttempts).values({
    id: newId('webhookAttempt'),
    deliveryId: delivery.id,
    endpointId: delivery.endpointId,
    attempt: delivery.attempts,
    statusCode: outcome.statusCode,
    durationMs: outcome.durationMs,
    response: outcome.response,
    error: outcome.error,
    succeeded: outcome.ok,
    createdAt: now.toISOString(),
  });
}

// The attempt lands with the delivery's next state (one batch): a reader never sees the attempt listed
// beside the claim's lease as its next attempt.
function scheduleRetry(db: Db, delivery: WebhookDelivery, outcome: Outcome, at: Date, now: Date) {
  return db
    .update(webhookDeliveries)
    .set({ ...lastOf(outcome), nextAttemptAt: at.toISOString(), updatedAt: now.toISOString() })
    .where(eq(webhookDeliveries.id, delivery.id));
}

function end(
  db: Db,
  delivery: WebhookDelivery,
  changes: { status: 'succeeded' | 'failed'; lastStatusCode?: number | null; lastError?: string | null },
) {
  return db
    .update(webhookDeliveries)
    .set({ ...changes, nextAttemptAt: null, updatedAt: new Date().toISOString() })
    .where(eq(webhookDeliveries.id, delivery.id));
}

/** Gives a claimed attempt back unspent (the breaker was open, or the budget ran out before it). */
function release(db: Db, id: string, at: Date) {
  return db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} - 1`, nextAttemptAt: at.toISOString() })
    .where(eq(webhookDeliveries.id, id));
}

/** An endpoint that answered recovers; one failing from now on counts its failing time from now. */
function endpointHealth(db: Db, outcomes: Attempted[], now: Date): BatchItem<'sqlite'>[] {
  const answered = outcomes.filter(
    (o): o is Attempted & { outcome: Outcome } => !(o.outcome instanceof BreakerOpenError),
  );
  const recovered = new Set(answered.filter((o) => o.outcome.ok).map((o) => o.endpoint.id));
  const statements: BatchItem<'sqlite'>[] = [];
  for (const endpoint of new Map(answered.map((o) => [o.endpoint.id, o.endpoint])).values()) {
    if (recovered.has(endpoint.id)) {
      if (endpoint.failingSince)
        statements.push(
          db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id)),
        );
    } else if (!endpoint.failingSince)
      statements.push(
        db
          .update(webhookEndpoints)
          .set({ failingSince: now.toISOString() })
          .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince))),
      );
  }
  return statements;
}

/** 410 Gone, or five days of failures: the endpoint is disabled (once), its company told. */
async function disableWhereDue(db: Db, outcomes: Attempted[], now: Date) {
  const reasons = new Map<string, { endpoint: WebhookEndpoint; reason: string }>();
  for (const { endpoint, outcome } of outcomes) {
    if (outcome instanceof BreakerOpenError || outcome.ok) continue;
    if (outcome.statusCode === 410)
      reasons.set(endpoint.id, { endpoint, reason: 'The endpoint answered 410 Gone' });
    else if (failingTooLong(endpoint, now) && !reasons.has(endpoint.id))
      reasons.set(endpoint.id, { endpoint, reason: 'Every delivery failed for 5 days' });
  }
  for (const { endpoint, reason } of reasons.values()) await disableEndpoint(db, endpoint, reason);
}

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

/**
 * The earliest waiting deliveries (up to HAND_ON_PER_LINE each) of the lines whose deliveries `ended` no
 * longer hold them: the next round attempts them (its line check still stops at any gap).
 */
async function handOn(db: Db, ended: WebhookDelivery[]): Promise<string[]> {
  if (ended.length === 0) return [];
  const lines = new Set(ended.map((d) => `${d.endpointId}/${d.line}`));
  const next: string[] = [];
  for (const part of chunks([...new Set(ended.map((d) => d.endpointId))], 80)) {
    const rows = await db.all<{ id: string; endpoint_id: string; line: string }>(sql`
      SELECT id, endpoint_id, line FROM (
        SELECT id, endpoint_id, line, row_number() OVER (PARTITION BY endpoint_id, line ORDER BY event_seq) AS n
        FROM webhook_deliveries
        WHERE status = 'waiting' AND endpoint_id IN (${sql.join(
          part.map((id) => sql`${id}`),
          sql`, `,
        )})
      ) WHERE n <= ${HAND_ON_PER_LINE}`);
    next.push(...rows.filter((row) => lines.has(`${row.endpoint_id}/${row.line}`)).map((row) => row.id));
  }
  return next;
}

export type { DeliveryMessage } from './fan-out';
export { enqueueDeliveries, sendDeliveries } from './fan-out';
