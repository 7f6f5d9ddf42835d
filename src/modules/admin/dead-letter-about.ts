// What a dead letter was about, by name rather than id: the task's title or the extraction's website with its
// company, the webhook delivery's event type and company, the email job's subject, an event's type. Read for
// a whole page of letters at once — one joined query per kind of record, never one per letter.
import { z } from '@hono/zod-openapi';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { emailJobs, extractions, orgs, tasks, webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';

export const deadLetterAboutSchema = z
  .object({
    kind: z.enum(['task', 'extraction', 'event', 'webhook_delivery', 'email_job', 'payout_run']),
    name: z.string().nullable().openapi({
      description:
        "The record's own name: a task's title, an extraction's website, an event's or delivery's event type, an email job's subject; null when the record is gone or has none",
    }),
    company_name: z.string().nullable().openapi({ description: 'The company the work belongs to, if any' }),
  })
  .nullable()
  .openapi('DeadLetterAbout', {
    description: 'What the message carried; null for a body this API cannot read',
  });

export type DeadLetterAbout = z.infer<typeof deadLetterAboutSchema>;
type Kind = NonNullable<DeadLetterAbout>['kind'];

/** The record a body refers to: its kind and id (events carry their own type and company id instead). */
interface Ref {
  kind: Kind;
  id: string | null;
  /** An event's type, known from the body itself. */
  name?: string;
  orgId?: string | null;
}

const text = (body: unknown, key: string) => {
  const value = (body as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : null;
};

/** Reads the message shapes of queues/registry.ts: tasks, extractions, events, webhooks, emails, payouts. */
function refOf(body: unknown): Ref | null {
  if (text(body, 'task_id')) return { kind: 'task', id: text(body, 'task_id') };
  if (text(body, 'extraction_id')) return { kind: 'extraction', id: text(body, 'extraction_id') };
  if (text(body, 'delivery_id')) return { kind: 'webhook_delivery', id: text(body, 'delivery_id') };
  if (text(body, 'job_id')) return { kind: 'email_job', id: text(body, 'job_id') };
  if (text(body, 'job') === 'process') return { kind: 'payout_run', id: null };
  if (text(body, 'id')?.startsWith('evt_') && text(body, 'type'))
    return { kind: 'event', id: null, name: text(body, 'type') ?? undefined, orgId: text(body, 'org_id') };
  return null;
}

interface Named {
  id: string;
  name: string | null;
  company?: string | null;
}

type Lookup = (db: Db, ids: string[]) => Promise<Named[]>;

const LOOKUPS: Partial<Record<Kind, Lookup>> = {
  task: (db, ids) =>
    db
      .select({ id: tasks.id, name: tasks.title, company: orgs.name })
      .from(tasks)
      .leftJoin(orgs, eq(orgs.id, tasks.orgId))
      .where(inArray(tasks.id, ids)),
  extraction: (db, ids) =>
    db
      .select({ id: extractions.id, name: extractions.normalizedUrl, company: orgs.name })
      .from(extractions)
      .leftJoin(orgs, eq(orgs.id, extractions.orgId))
      .where(inArray(extractions.id, ids)),
  webhook_delivery: (db, ids) =>
    db
      .select({ id: webhookDeliveries.id, name: webhookDeliveries.eventType, company: orgs.name })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .leftJoin(orgs, eq(orgs.id, webhookEndpoints.orgId))
      .where(inArray(webhookDeliveries.id, ids)),
  email_job: (db, ids) =>
    db
      .select({ id: emailJobs.id, name: emailJobs.subject })
      .from(emailJobs)
      .where(inArray(emailJobs.id, ids)),
};

const orgNames: Lookup = (db, ids) =>
  db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));

async function namesOf(db: Db, lookup: Lookup, ids: string[]): Promise<Map<string, Named>> {
  const found = new Map<string, Named>();
  for (const part of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
    for (const row of await lookup(db, part)) found.set(row.id, row);
  }
  return found;
}

/** `about` for each body, in order. */
export async function aboutDeadLetters(db: Db, bodies: unknown[]): Promise<DeadLetterAbout[]> {
  const refs = bodies.map(refOf);
  const idsOf = (kind: Kind) =>
    refs.flatMap((ref) => (ref?.kind === kind && ref.id !== null ? [ref.id] : []));
  const kinds = Object.keys(LOOKUPS) as Kind[];
  const [eventOrgs, ...byKind] = await Promise.all([
    namesOf(
      db,
      orgNames,
      refs.flatMap((ref) => (ref?.kind === 'event' && ref.orgId ? [ref.orgId] : [])),
    ),
    ...kinds.map((kind) => {
      const lookup = LOOKUPS[kind];
      const ids = idsOf(kind);
      return lookup && ids.length > 0 ? namesOf(db, lookup, ids) : Promise.resolve(new Map<string, Named>());
    }),
  ]);
  const found = new Map(kinds.map((kind, i) => [kind, byKind[i] ?? new Map<string, Named>()]));
  return refs.map((ref) => {
    if (!ref) return null;
    if (ref.kind === 'event') {
      const org = ref.orgId ? eventOrgs.get(ref.orgId) : undefined;
      return { kind: ref.kind, name: ref.name ?? null, company_name: org?.name ?? null };
    }
    const row = ref.id ? found.get(ref.kind)?.get(ref.id) : undefined;
    return { kind: ref.kind, name: row?.name ?? null, company_name: row?.company ?? null };
  });
}
