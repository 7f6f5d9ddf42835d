// Replay and test sends. The outbox is the source of truth: a replay walks the endpoint's events in the
// window and (re)starts their deliveries — same delivery, same `webhook-id` — never a second copy of one.
import { z } from '@hono/zod-openapi';
import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { events, webhookDeliveries } from '../../db/schema';
import type { Principal } from '../../env';
import { EVENT_CATALOG, type EventType } from '../../events/catalog';
import { ApiError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit/record';
import { enqueueDeliveries, sendDeliveries } from './fan-out';
import type { Replay } from './schema';
import { endpointOf, hostOf } from './service';

/** At most this many events per replay call; the answer says where to continue. */
const REPLAY_LIMIT = 5000;

export async function replay(env: Env, db: Db, principal: Principal, id: string, input: Replay) {
  const endpoint = await endpointOf(db, principal, id);
  if (!endpoint.enabled) throw new ApiError(409, 'The endpoint is disabled: enable it before replaying');
  const window: SQL[] = [gte(events.createdAt, new Date(input.since).toISOString())];
  if (input.until) window.push(lte(events.createdAt, new Date(input.until).toISOString()));
  if (endpoint.orgId) window.push(eq(events.orgId, endpoint.orgId));
  if (!endpoint.events.includes('*')) window.push(inArray(events.type, endpoint.events));
  const rows = await db
    .select({ id: events.id, seq: events.seq, type: events.type, engagementId: events.engagementId })
    .from(events)
    .where(and(...window))
    .orderBy(asc(events.seq))
    .limit(REPLAY_LIMIT + 1);
  const chosen = rows.slice(0, REPLAY_LIMIT);
  let replayed = 0;
  for (let i = 0; i < chosen.length; i += 50) {
    const part = chosen.slice(i, i + 50);
    const existing = await db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.endpointId, endpoint.id),
          inArray(
            webhookDeliveries.eventId,
            part.map((e) => e.id),
          ),
        ),
      );
    const byEvent = new Map(existing.map((d) => [d.eventId, d]));
    const restart = existing.filter((d) =>
      input.only_failed ? d.status === 'failed' : d.status === 'failed' || d.status === 'succeeded',
    );
    if (restart.length) {
      const now = new Date().toISOString();
      await db
        .update(webhookDeliveries)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now })
        .where(
          inArray(
            webhookDeliveries.id,
            restart.map((d) => d.id),
          ),
        );
      await sendDeliveries(
        env,
        restart.map((d) => d.id),
      );
      replayed += restart.length;
    }
    if (!input.only_failed) {
      for (const event of part.filter((e) => !byEvent.has(e.id))) {
        await enqueueDeliveries(
          env,
          db,
          { id: event.id, type: event.type, seq: event.seq, engagement_id: event.engagementId },
          [endpoint],
        );
        replayed += 1;
      }
    }
  }
  const more = rows.length > REPLAY_LIMIT;
  // An admin's replay (platform endpoints) is audited once its deliveries are on their way.
  await recordAudit(db, principal, {
    action: 'webhook_endpoint.replay',
    targetId: endpoint.id,
    details: {
      host: hostOf(endpoint.url),
      since: input.since,
      until: input.until ?? null,
      only_failed: input.only_failed,
      replayed,
    },
  });
  return {
    replayed,
    events_considered: chosen.length,
    continue_since: more ? await createdAtOf(db, rows[REPLAY_LIMIT]?.id) : null,
  };
}

async function createdAtOf(db: Db, id: string | undefined) {
  if (!id) return null;
  const row = await db.query.events.findFirst({ where: eq(events.id, id) });
  return row?.createdAt ?? null;
}

/** A sample of a type's data from its schema: every required field with a placeholder of its type. */
function sampleOf(type: EventType): Record<string, unknown> {
  const schema = z.toJSONSchema(EVENT_CATALOG[type].data) as {
    properties?: Record<string, { type?: string | string[]; enum?: unknown[]; pattern?: string }>;
    required?: string[];
  };
  const sample: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    const property = schema.properties?.[name] ?? {};
    const kind = Array.isArray(property.type) ? property.type[0] : property.type;
    const prefix = /^\^(\w+_)/.exec(property.pattern ?? '')?.[1] ?? '';
    sample[name] =
      property.enum?.[0] ??
      (kind === 'number' || kind === 'integer' ? 0 : kind === 'boolean' ? false : `${prefix}sample`);
  }
  return { ...sample, test: true };
}

/**
 * Sends a sample event of `type` to this endpoint only: an outbox row marked relayed (so no other channel
 * carries it) and `data.test: true`, delivered and listed like any other.
 */
export async function sendTest(env: Env, db: Db, principal: Principal, id: string, type: EventType) {
  const endpoint = await endpointOf(db, principal, id);
  const eventId = newId('event');
  const now = new Date().toISOString();
  await db.insert(events).values({
    id: eventId,
    type,
    orgId: endpoint.orgId,
    data: sampleOf(type),
    createdAt: now,
    relayedAt: now,
  });
  const row = await db.query.events.findFirst({ where: eq(events.id, eventId) });
  await enqueueDeliveries(env, db, { id: eventId, type, seq: row?.seq ?? null, engagement_id: null }, [
    endpoint,
  ]);
  await recordAudit(db, principal, {
    action: 'webhook_endpoint.test',
    targetId: endpoint.id,
    details: { host: hostOf(endpoint.url), event_type: type },
  });
  return { event_id: eventId };
}
