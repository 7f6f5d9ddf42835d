// Webhook endpoints: who owns one (a company; an admin's is a platform endpoint receiving every event), its
// URL judged by the SSRF rules, its secret shown once and rotated with a 24-hour overlap.
import { and, desc, eq, gte, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import {
  orgs,
  type WebhookEndpoint,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema';
import type { Principal } from '../../env';
import { ApiError, notFound, unsafeUrlProblem } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import { checkUrl, UnsafeUrlError } from '../../lib/safe-fetch';
import { auditStatements } from '../audit/record';
import type { CreateEndpoint, ListDeliveriesQuery, UpdateEndpoint } from './schema';
import { newSecret, ROTATION_OVERLAP_MS } from './signing';

/** The endpoints a principal manages: its company's; an admin's are the platform's (no company). */
export function ownerCondition(principal: Principal): SQL {
  return principal.role === 'admin'
    ? isNull(webhookEndpoints.orgId)
    : eq(webhookEndpoints.orgId, principal.orgId ?? '');
}

/** How the audit log names an endpoint: its host (the URL's path or query may carry a token). */
export const hostOf = (url: string) => new URL(url).host;

/** For a batch's audit row: the endpoint still exists (another request did not delete it meanwhile). */
const stillThere = (id: string) =>
  sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${id})`;

/** 422 at once for a URL the SSRF rules refuse without fetching (delivery checks DNS every time). */
export function acceptWebhookUrl(env: Env, url: string): string {
  try {
    return checkUrl(url, loadConfig(env).WEBHOOK_ALLOWED_HOSTS).url.href;
  } catch (error) {
    if (!(error instanceof UnsafeUrlError)) throw error;
    throw unsafeUrlProblem('Webhooks cannot be sent to this URL', error);
  }
}

interface Rates {
  last_24h: number | null;
  last_7d: number | null;
  /** The last 7 UTC days, oldest first, for a sparkline: attempts and how many succeeded. */
  daily: { day: string; attempts: number; succeeded: number }[];
}

const DAY_MS = 24 * 3600_000;
const SPARK_DAYS = 7;

const noRates = (now = Date.now()): Rates => ({ last_24h: null, last_7d: null, daily: emptyDays(now) });

const emptyDays = (now: number) =>
  Array.from({ length: SPARK_DAYS }, (_, i) => ({
    day: new Date(now - (SPARK_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10),
    attempts: 0,
    succeeded: 0,
  }));

export function toEndpointView(row: WebhookEndpoint, rates: Rates = noRates()) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabled_reason: row.disabledReason,
    platform: row.orgId === null,
    failing_since: row.failingSince,
    success_rate: rates,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export async function createEndpoint(env: Env, db: Db, principal: Principal, input: CreateEndpoint) {
  const url = acceptWebhookUrl(env, input.url);
  const now = new Date().toISOString();
  const secret = newSecret();
  const id = newId('webhookEndpoint');
  const [[row]] = await db.batch([
    db
      .insert(webhookEndpoints)
      .values({
        id,
        orgId: principal.role === 'admin' ? null : (principal.orgId ?? ''),
        url,
        description: input.description ?? null,
        events: input.events,
        secret,
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
    ...auditStatements(db, principal, {
      action: 'webhook_endpoint.create',
      targetId: id,
      details: { host: hostOf(url), events: input.events },
    }),
  ]);
  if (!row) throw new Error('insert returned no row');
  return { ...toEndpointView(row), secret };
}

export async function endpointOf(db: Db, principal: Principal, id: string): Promise<WebhookEndpoint> {
  const row = await db.query.webhookEndpoints.findFirst({
    where: and(eq(webhookEndpoints.id, id), ownerCondition(principal)),
  });
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

export async function getEndpoint(db: Db, principal: Principal, id: string) {
  const row = await endpointOf(db, principal, id);
  return toEndpointView(row, await successRates(db, row.id));
}

export async function listEndpoints(db: Db, principal: Principal, query: ListQuery) {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(ownerCondition(principal), afterCursor(webhookEndpoints.id, query.cursor)))
    .orderBy(desc(webhookEndpoints.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => row);
  const rates = await successRatesOf(
    db,
    page.data.map((row) => row.id),
  );
  return {
    data: page.data.map((row) => toEndpointView(row, rates.get(row.id))),
    next_cursor: page.next_cursor,
  };
}

export async function updateEndpoint(
  env: Env,
  db: Db,
  principal: Principal,
  id: string,
  patch: UpdateEndpoint,
) {
  const row = await endpointOf(db, principal, id);
  const changes: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: new Date().toISOString() };
  if (patch.url !== undefined) changes.url = acceptWebhookUrl(env, patch.url);
  if (patch.events !== undefined) changes.events = patch.events;
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.enabled !== undefined) {
    changes.enabled = patch.enabled;
    // Enabled again by its owner: a fresh start, not five days of old failures.
    if (patch.enabled) Object.assign(changes, { disabledReason: null, failingSince: null });
    else changes.disabledReason = 'disabled by its owner';
  }
  const changed = (['url', 'events', 'description'] as const).filter((key) => patch[key] !== undefined);
  const [[updated]] = await db.batch([
    db.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, row.id)).returning(),
    ...auditStatements(
      db,
      principal,
      {
        action:
          patch.enabled === false
            ? 'webhook_endpoint.disable'
            : patch.enabled === true
              ? 'webhook_endpoint.enable'
              : 'webhook_endpoint.update',
        targetId: row.id,
        details: { host: hostOf(changes.url ?? row.url), changed },
      },
      { onlyIf: stillThere(row.id) },
    ),
  ]);
  if (!updated) throw notFound('Webhook endpoint');
  return toEndpointView(updated, await successRates(db, row.id));
}

export async function deleteEndpoint(db: Db, principal: Principal, id: string) {
  const row = await endpointOf(db, principal, id);
  await db.batch([
    db.delete(webhookAttempts).where(eq(webhookAttempts.endpointId, row.id)),
    // Before the endpoint goes, and only while it is there: of two deletes at once, one is recorded.
    ...auditStatements(
      db,
      principal,
      { action: 'webhook_endpoint.delete', targetId: row.id, details: { host: hostOf(row.url) } },
      { onlyIf: stillThere(row.id) },
    ),
    db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id)),
    db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id)),
  ]);
}

/** A new secret, shown once; the old one keeps signing beside it for 24 hours. */
export async function rotateSecret(db: Db, principal: Principal, id: string) {
  const row = await endpointOf(db, principal, id);
  const secret = newSecret();
  const now = Date.now();
  const [[updated]] = await db.batch([
    db
      .update(webhookEndpoints)
      .set({
        secret,
        previousSecret: row.secret,
        previousSecretUntil: new Date(now + ROTATION_OVERLAP_MS).toISOString(),
        updatedAt: new Date(now).toISOString(),
      })
      .where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.secret, row.secret)))
      .returning(),
    // Only if this rotation won (its secret is the endpoint's now); the secret itself is never recorded.
    ...auditStatements(
      db,
      principal,
      { action: 'webhook_endpoint.rotate_secret', targetId: row.id, details: { host: hostOf(row.url) } },
      {
        onlyIf: sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${row.id} AND ${webhookEndpoints.secret} = ${secret})`,
      },
    ),
  ]);
  if (!updated)
    throw new ApiError(409, 'The secret was rotated at the same moment; fetch the endpoint again');
  return { ...toEndpointView(updated), secret, previous_secret_expires_at: updated.previousSecretUntil };
}

/**
 * Share of attempts that succeeded over the last 24 hours and 7 days (null: none), and attempts per UTC day
 * of the last 7, per endpoint, in one grouped query.
 */
export async function successRatesOf(
  db: Db,
  endpointIds: string[],
  now = Date.now(),
): Promise<Map<string, Rates>> {
  const rates = new Map<string, Rates>();
  if (endpointIds.length === 0) return rates;
  const day = new Date(now - DAY_MS).toISOString();
  // Seven days back: the 7-day share's window, which also holds every day the sparkline shows.
  const week = new Date(now - 7 * DAY_MS).toISOString();
  const date = sql<string>`substr(${webhookAttempts.createdAt}, 1, 10)`;
  const rows = await db
    .select({
      endpointId: webhookAttempts.endpointId,
      date,
      dayTotal: sql<number>`sum(${webhookAttempts.createdAt} >= ${day})`,
      dayOk: sql<number>`sum(${webhookAttempts.createdAt} >= ${day} AND ${webhookAttempts.succeeded})`,
      total: sql<number>`count(*)`,
      ok: sql<number>`sum(${webhookAttempts.succeeded})`,
    })
    .from(webhookAttempts)
    .where(and(inArray(webhookAttempts.endpointId, endpointIds), gte(webhookAttempts.createdAt, week)))
    .groupBy(webhookAttempts.endpointId, date);
  const share = (ok: number, total: number) => (total > 0 ? Math.round((ok / total) * 1000) / 1000 : null);
  const sums = new Map<string, { dayOk: number; dayTotal: number; weekOk: number; weekTotal: number }>();
  for (const row of rows) {
    const rate = rates.get(row.endpointId) ?? noRates(now);
    const slot = rate.daily.find((d) => d.day === row.date);
    if (slot) Object.assign(slot, { attempts: row.total, succeeded: row.ok ?? 0 });
    rates.set(row.endpointId, rate);
    const sum = sums.get(row.endpointId) ?? { dayOk: 0, dayTotal: 0, weekOk: 0, weekTotal: 0 };
    sum.dayOk += row.dayOk ?? 0;
    sum.dayTotal += row.dayTotal ?? 0;
    sum.weekOk += row.ok ?? 0;
    sum.weekTotal += row.total;
    sums.set(row.endpointId, sum);
  }
  for (const [id, sum] of sums) {
    const rate = rates.get(id);
    if (rate)
      Object.assign(rate, {
        last_24h: share(sum.dayOk, sum.dayTotal),
        last_7d: share(sum.weekOk, sum.weekTotal),
      });
  }
  return rates;
}

async function successRates(db: Db, endpointId: string): Promise<Rates> {
  return (await successRatesOf(db, [endpointId])).get(endpointId) ?? noRates();
}

/** Every endpoint on the platform (admins): each company's and the platform's, enabled or not. */
export async function listAllEndpoints(db: Db, query: ListQuery & { enabled?: boolean }) {
  const rows = await db
    .select({ endpoint: webhookEndpoints, orgName: orgs.name })
    .from(webhookEndpoints)
    .leftJoin(orgs, eq(orgs.id, webhookEndpoints.orgId))
    .where(
      and(
        query.enabled === undefined ? undefined : eq(webhookEndpoints.enabled, query.enabled),
        afterCursor(webhookEndpoints.id, query.cursor),
      ),
    )
    .orderBy(desc(webhookEndpoints.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows.map((row) => ({ ...row, id: row.endpoint.id })),
    query.limit,
    (row) => row,
  );
  const rates = await successRatesOf(
    db,
    page.data.map((row) => row.id),
  );
  return {
    data: page.data.map(({ endpoint, orgName }) => ({
      ...toEndpointView(endpoint, rates.get(endpoint.id)),
      org_id: endpoint.orgId,
      org_name: orgName,
    })),
    next_cursor: page.next_cursor,
  };
}

const HISTORY_PER_DELIVERY = 10;

export async function listDeliveries(db: Db, principal: Principal, id: string, query: ListDeliveriesQuery) {
  const endpoint = await endpointOf(db, principal, id);
  const onPage = and(
    eq(webhookDeliveries.endpointId, endpoint.id),
    query.status ? eq(webhookDeliveries.status, query.status) : undefined,
    query.event_type ? eq(webhookDeliveries.eventType, query.event_type) : undefined,
    afterCursor(webhookDeliveries.id, query.cursor),
  );
  const pageIds = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(onPage)
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  // The page and its attempts read in one batch, so in one snapshot: read apart, a delivery could be seen
  // still claimed (its lease as the next attempt) beside the attempt that had just ended the claim.
  const [rows, attempts] = await db.batch([
    db
      .select()
      .from(webhookDeliveries)
      .where(onPage)
      .orderBy(desc(webhookDeliveries.id))
      .limit(query.limit + 1),
    db
      .select()
      .from(webhookAttempts)
      .where(inArray(webhookAttempts.deliveryId, pageIds))
      .orderBy(desc(webhookAttempts.createdAt), desc(webhookAttempts.attempt)),
  ]);
  const page = toPage(rows, query.limit, (row) => row);
  const data = page.data.map((row) => {
    const history = attempts.filter((a) => a.deliveryId === row.id).slice(0, HISTORY_PER_DELIVERY);
    return {
      id: row.id,
      event_id: row.eventId,
      event_type: row.eventType,
      event_seq: row.eventSeq,
      status: row.status,
      attempts: row.attempts,
      next_attempt_at: row.status === 'pending' ? row.nextAttemptAt : null,
      last_status_code: row.lastStatusCode,
      last_error: row.lastError,
      history: history.map((a) => ({
        attempt: a.attempt,
        status_code: a.statusCode,
        duration_ms: a.durationMs,
        response: a.response,
        error: a.error,
        succeeded: a.succeeded,
        at: a.createdAt,
      })),
      created_at: row.createdAt,
      updated_at: row.updatedAt,
    };
  });
  return { data, next_cursor: page.next_cursor };
}
