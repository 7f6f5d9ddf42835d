// An engagement's activity: its events, newest first, each told as who did what and when, with the ids of
// the task, payment or file it concerns. The events are already the record (every state change writes one
// with its actor); this only reads them and puts names to the actors.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type EventRow, events, users } from '../../db/schema';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';
import type { TenantScope } from '../../lib/tenancy';

/** Which field of an event's data names the person who acted, by preference. */
const ACTOR_FIELDS = ['actor_id', 'reviewer_id'] as const;
/** Which fields link the event to something a user can open. */
const LINK_FIELDS = [
  'task_id',
  'payment_id',
  'file_id',
  'payout_id',
  'extraction_id',
  'document_id',
] as const;

const str = (value: unknown) => (typeof value === 'string' && value ? value : null);

export function actorOf(data: Record<string, unknown>): string | null {
  for (const field of ACTOR_FIELDS) if (str(data[field])) return str(data[field]);
  return null;
}

/** The same choice in SQL, to join the actor in the query that reads the events (see home). */
export const eventActorId = sql<string | null>`coalesce(${sql.join(
  ACTOR_FIELDS.map((f) => sql`nullif(json_extract(${events.data}, ${sql.raw(`'$.${f}'`)}), '')`),
  sql`, `,
)})`;

type Actor = { id: string; name: string; role: 'company' | 'expert' | 'admin' };

/** A sentence for the timeline; the type says the rest for anything not listed. */
function summaryOf(row: EventRow): string {
  const d = row.data;
  const title = str(d.title);
  const amount = typeof d.amount === 'number' && str(d.currency) ? ` (${d.amount} ${d.currency})` : '';
  switch (row.type) {
    case 'task.created':
      return `Task “${title}” created`;
    case 'task.completed':
      return d.reviewed ? `Task “${title}” completed after review` : `Task “${title}” completed by the AI`;
    case 'task.needs_review':
      return `Task “${title}” needs review`;
    case 'task.reviewed':
      return d.approved ? `Task “${title}” approved` : `Task “${title}” rejected`;
    case 'task.failed':
      return `Task “${title}” failed`;
    case 'payment.succeeded':
      return `Payment received${amount}`;
    case 'payment.failed':
      return `Payment failed${amount}`;
    case 'file.uploaded':
      return `File “${str(d.name)}” uploaded`;
    case 'task.review_reminder':
      return d.audience === 'company'
        ? `Task “${title}” has waited ${d.waiting_hours} hours for review: the company was told`
        : `Task “${title}” has waited ${d.waiting_hours} hours for review: the expert was reminded`;
    case 'engagement.request_reminder':
      return 'The request waits for an answer: the expert was reminded';
    case 'engagement.declined':
      return d.reason === 'expired' ? 'The request expired unanswered' : 'Engagement declined by the expert';
    default:
      return row.type.replace('.', ': ').replaceAll('_', ' ');
  }
}

export async function engagementActivity(scope: TenantScope, engagementId: string, query: ListQuery) {
  const engagement = await scope.engagement(engagementId);
  const rows = await scope.db
    .select()
    .from(events)
    .where(and(eq(events.engagementId, engagement.id), afterCursor(events.id, query.cursor)))
    .orderBy(desc(events.id))
    .limit(query.limit + 1);
  const actorIds = [...new Set(rows.map((r) => actorOf(r.data)).filter((id): id is string => id !== null))];
  const actors = actorIds.length
    ? await scope.db
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(inArray(users.id, actorIds))
    : [];
  const byId = new Map(actors.map((a) => [a.id, a]));
  return toPage(rows, query.limit, (row) => {
    const actorId = actorOf(row.data);
    return toActivity(row, actorId ? byId.get(actorId) : undefined);
  });
}

/** The facts a summary tells, so a client can say them in its reader's language without parsing it. */
function detailsOf(d: Record<string, unknown>) {
  const name = str(d.title) ?? str(d.name);
  const amount = typeof d.amount === 'number' ? d.amount : undefined;
  const audience: 'expert' | 'company' | undefined =
    d.audience === 'expert' || d.audience === 'company' ? d.audience : undefined;
  return {
    ...(name ? { name } : {}),
    ...(amount !== undefined && str(d.currency) ? { amount, currency: str(d.currency) ?? '' } : {}),
    ...(typeof d.reviewed === 'boolean' ? { reviewed: d.reviewed } : {}),
    ...(typeof d.approved === 'boolean' ? { approved: d.approved } : {}),
    ...(str(d.reason) ? { reason: str(d.reason) ?? '' } : {}),
    ...(audience ? { audience } : {}),
  };
}

/** One event as the timeline tells it, with the person who acted when known. */
export function toActivity(row: EventRow, actor: Actor | null | undefined) {
  return {
    id: row.id,
    seq: row.seq,
    type: row.type,
    at: row.createdAt,
    summary: summaryOf(row),
    actor: actor ? { id: actor.id, name: actor.name, role: actor.role } : null,
    details: detailsOf(row.data),
    links: Object.fromEntries(
      LINK_FIELDS.flatMap((f) => {
        const value = str(row.data[f]);
        return value ? [[f, value] as const] : [];
      }),
    ),
  };
}
