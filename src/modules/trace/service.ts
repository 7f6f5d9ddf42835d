// Following a request through the platform. Everything done on its behalf carries its id — the request row,
// its events and those its queue consumers and handlers recorded, the emails and webhook deliveries they
// made, admin actions — so most of the trace is read by that id. Events no request caused (a cron's
// recovery, a message queued before ids were carried) are followed by the things the request touched (its
// task, extraction, payment, file, batch, payout). Read-only and bounded: 500 rows a kind, 24 hours.
import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  adminActions,
  type EventRow,
  emailLogs,
  eventDeliveries,
  events,
  tracedRequests,
  webhookAttempts,
  webhookDeliveries,
} from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { notFound } from '../../lib/errors';
import { idAt } from '../../lib/ids';
import type { Trace } from './schema';
import { buildTrace } from './timeline';

const FOLLOWED = ['task_id', 'extraction_id', 'payment_id', 'file_id', 'batch_id', 'payout_id'] as const;
const WINDOW_MS = 24 * 3_600_000;
const MAX_ROWS = 500;

export async function traceRequest(db: Db, requestId: string): Promise<Trace> {
  const [requests, own, emails, ownDeliveries, actions] = await db.batch([
    db.select().from(tracedRequests).where(eq(tracedRequests.requestId, requestId)),
    db.select().from(events).where(eq(events.requestId, requestId)).orderBy(asc(events.id)).limit(MAX_ROWS),
    db
      .select({
        id: emailLogs.id,
        template: emailLogs.template,
        to: emailLogs.to,
        status: emailLogs.status,
        requestId: emailLogs.requestId,
        createdAt: emailLogs.createdAt,
      })
      .from(emailLogs)
      .where(eq(emailLogs.requestId, requestId))
      .limit(MAX_ROWS),
    db.select().from(webhookDeliveries).where(eq(webhookDeliveries.requestId, requestId)).limit(MAX_ROWS),
    db.select().from(adminActions).where(eq(adminActions.requestId, requestId)).limit(MAX_ROWS),
  ]);
  const request = requests[0] ?? null;
  if (!request && !own.length && !emails.length && !ownDeliveries.length && !actions.length) {
    throw notFound('Trace (nothing recorded this request id)');
  }
  const followed = followedIds(own);
  const later = await unclaimedEventsAbout(db, own, followed);
  const all = [...new Map([...own, ...later].map((e) => [e.id, e])).values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  // D1 binds at most 100 parameters a statement: the event and delivery ids go in parts.
  const parts = chunks(
    all.map((e) => e.id),
    IDS_PER_STATEMENT,
  );
  const [handlers, deliveriesOfEvents] = await Promise.all([
    inParts(parts, (part) => db.select().from(eventDeliveries).where(inArray(eventDeliveries.eventId, part))),
    inParts(parts, (part) =>
      db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.eventId, part)),
    ),
  ]);
  const deliveries = [...new Map([...ownDeliveries, ...deliveriesOfEvents].map((d) => [d.id, d])).values()];
  const attempts = await inParts(
    chunks(
      deliveries.map((d) => d.id),
      IDS_PER_STATEMENT,
    ),
    (part) => db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, part)),
  );
  return buildTrace({
    requestId,
    request,
    events: all,
    handlers,
    emails,
    deliveries,
    attempts,
    actions,
    followed: Object.fromEntries([...followed].map(([key, set]) => [key, [...set]])),
  });
}

function followedIds(own: EventRow[]): Map<string, Set<string>> {
  const followed = new Map<string, Set<string>>(FOLLOWED.map((key) => [key, new Set()]));
  for (const event of own) {
    for (const key of FOLLOWED) {
      const value = event.data[key];
      if (typeof value === 'string') followed.get(key)?.add(value);
    }
  }
  return followed;
}

/**
 * Later events about the followed things that no request caused (another request's events are its own
 * trace), from the request's first event on, for 24 hours.
 */
async function unclaimedEventsAbout(db: Db, own: EventRow[], followed: Map<string, Set<string>>) {
  const first = own[0];
  // Within D1's 100 parameters (a request that started a whole extraction batch touched thousands).
  let room = IDS_PER_STATEMENT - 10;
  const about = FOLLOWED.flatMap((key) => {
    const ids = [...(followed.get(key) ?? [])].slice(0, room);
    room -= ids.length;
    return ids.length ? [inArray(sql`json_extract(${events.data}, ${`$.${key}`})`, ids)] : [];
  });
  if (!first || about.length === 0) return [];
  return db
    .select()
    .from(events)
    .where(
      and(
        gte(events.id, first.id),
        lt(events.id, idAt('event', Date.parse(first.createdAt) + WINDOW_MS)),
        isNull(events.requestId),
        or(...about),
      ),
    )
    .orderBy(asc(events.id))
    .limit(MAX_ROWS);
}

async function inParts<T>(parts: string[][], read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  return (await Promise.all(parts.map(read))).flat();
}
