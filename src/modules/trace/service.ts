// Following a request through the platform: the events it recorded, then every later event about the same
// things (its task, extraction, payment, file, batch — what queue consumers and handlers did for it), each
// with the handlers that ran for it, the webhook deliveries and the emails it caused, timed from the first.
// Read-only and bounded: 24 hours after the request, at most 500 events, scanned by the time-ordered id.
import { and, asc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { emailLogs, eventDeliveries, events, webhookDeliveries } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { notFound } from '../../lib/errors';
import { idAt } from '../../lib/ids';

const FOLLOWED = ['task_id', 'extraction_id', 'payment_id', 'file_id', 'batch_id', 'payout_id'] as const;
const WINDOW_MS = 24 * 3_600_000;
const MAX_EVENTS = 500;

export async function traceRequest(db: Db, requestId: string) {
  const own = await db
    .select()
    .from(events)
    .where(eq(events.requestId, requestId))
    .orderBy(asc(events.id))
    .limit(MAX_EVENTS);
  const first = own[0];
  if (!first) throw notFound('Trace (no event was recorded for this request id)');
  const followed = new Map<string, Set<string>>(FOLLOWED.map((key) => [key, new Set()]));
  for (const event of own) {
    for (const key of FOLLOWED) {
      const value = event.data[key];
      if (typeof value === 'string') followed.get(key)?.add(value);
    }
  }
  const about = FOLLOWED.flatMap((key) => {
    const ids = [...(followed.get(key) ?? [])];
    return ids.length ? [inArray(sql`json_extract(${events.data}, ${`$.${key}`})`, ids)] : [];
  });
  const startedAt = Date.parse(first.createdAt);
  const later = about.length
    ? await db
        .select()
        .from(events)
        .where(
          and(gte(events.id, first.id), lt(events.id, idAt('event', startedAt + WINDOW_MS)), or(...about)),
        )
        .orderBy(asc(events.id))
        .limit(MAX_EVENTS)
    : [];
  const all = [...new Map([...own, ...later].map((e) => [e.id, e])).values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  const ids = all.map((e) => e.id);
  // D1 binds at most 100 parameters a statement: the event ids go in parts.
  const parts = chunks(ids, IDS_PER_STATEMENT);
  const handlers = (
    await Promise.all(
      parts.map((part) => db.select().from(eventDeliveries).where(inArray(eventDeliveries.eventId, part))),
    )
  ).flat();
  const deliveries = (
    await Promise.all(
      parts.map((part) =>
        db
          .select({
            eventId: webhookDeliveries.eventId,
            endpointId: webhookDeliveries.endpointId,
            status: webhookDeliveries.status,
            attempts: webhookDeliveries.attempts,
          })
          .from(webhookDeliveries)
          .where(inArray(webhookDeliveries.eventId, part)),
      ),
    )
  ).flat();
  const emails = await emailsOf(db, ids);
  const offset = (at: string) => Date.parse(at) - startedAt;
  const steps = all.map((event) => ({
    event_id: event.id,
    seq: event.seq,
    type: event.type,
    at: event.createdAt,
    offset_ms: offset(event.createdAt),
    request_id: event.requestId,
    handlers: handlers
      .filter((h) => h.eventId === event.id)
      .map((h) => ({ handler: h.handler, offset_ms: offset(h.createdAt) })),
    webhook_deliveries: deliveries
      .filter((d) => d.eventId === event.id)
      .map((d) => ({ endpoint_id: d.endpointId, status: d.status, attempts: d.attempts })),
    emails: emails
      .filter((m) => m.key.startsWith(`${event.id}:`))
      .map((m) => ({ id: m.id, template: m.template, to: m.to, status: m.status, offset_ms: offset(m.at) })),
  }));
  const last = all.at(-1);
  return {
    request_id: requestId,
    started_at: first.createdAt,
    duration_ms: last ? offset(last.createdAt) : 0,
    followed: Object.fromEntries([...followed].map(([key, set]) => [key, [...set]])),
    steps,
  };
}

/** Emails are keyed by the event that caused them (`<event id>:<template>:<recipient>`): a range each. */
async function emailsOf(db: Db, eventIds: string[]) {
  const rows = [];
  // A range per event, a few events per statement (each range binds two parameters).
  for (let i = 0; i < eventIds.length; i += 40) {
    const part = eventIds.slice(i, i + 40);
    rows.push(
      ...(await db
        .select({
          id: emailLogs.id,
          key: emailLogs.dedupeKey,
          template: emailLogs.template,
          to: emailLogs.to,
          status: emailLogs.status,
          at: emailLogs.createdAt,
        })
        .from(emailLogs)
        .where(
          or(...part.map((id) => and(gte(emailLogs.dedupeKey, `${id}:`), lt(emailLogs.dedupeKey, `${id};`)))),
        )),
    );
  }
  return rows;
}
