// /v1/event-types (the catalog, as JSON Schema) and /v1/events (the caller's events in order, by seq: the
// cursor a consumer that missed webhooks catches up from).
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { engagements, events } from '../../db/schema';
import type { Principal } from '../../env';
import { EVENT_CATALOG, EVENT_TYPES, eventEnvelopeSchema } from '../../events/catalog';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { eventStream } from '../../lib/sse';
import { authenticate } from '../auth/middleware';

const tags = ['Events'];
const security = bearerSecurity;

const eventTypeSchema = z
  .object({ type: z.string(), description: z.string(), schema: z.record(z.string(), z.unknown()) })
  .openapi('EventType');

const listEventsQuerySchema = z.object({
  since: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ description: 'The last seq you saw (0: from the start)' }),
  types: z
    .string()
    .max(2000)
    .optional()
    .transform((v) =>
      v
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .refine(
      (types) => !types || types.every((t) => (EVENT_TYPES as string[]).includes(t)),
      'Unknown event type',
    )
    .openapi({
      type: 'string',
      description: 'Comma-separated event types',
      example: 'task.completed,task.failed',
    }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const streamQuerySchema = listEventsQuerySchema.omit({ limit: true }).extend({
  token: z.string().max(4096).optional(),
});

const eventTypesRoute = createRoute({
  method: 'get',
  path: '/event-types',
  tags,
  security,
  summary: 'Every event type with the JSON Schema of its data',
  responses: {
    200: jsonResponse('The catalog', z.object({ data: z.array(eventTypeSchema) })),
    ...errorResponses(401),
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags,
  security,
  summary: 'Your events in order after a cursor (seq), e.g. to catch up on missed webhooks',
  request: { query: listEventsQuerySchema },
  responses: {
    200: jsonResponse(
      'A page of events',
      z.object({ data: z.array(eventEnvelopeSchema), next_cursor: z.number().int().nullable() }),
    ),
    ...errorResponses(401, 422),
  },
});

const streamRoute = createRoute({
  method: 'get',
  path: '/events/stream',
  tags,
  security,
  summary: 'Your events as server-sent events, live, from a cursor (seq)',
  description:
    "Each event is an SSE message with `id` = its `seq`, `event` = its type and `data` = the envelope `GET /v1/events` lists. Start after `?since=` (or from now); a reconnecting EventSource sends `Last-Event-ID` and resumes exactly there — the same cursor as `GET /v1/events?since=`, the room's `?cursor=` and the `seq` of a webhook body. Authenticate with the Authorization header or `?token=` (EventSource cannot set headers). The stream ends after a few minutes; EventSource reconnects by itself.",
  middleware: [authenticate({ allowQueryToken: true })],
  request: { query: streamQuerySchema },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(401, 422),
  },
});

/** The events a principal may read: its company's; an expert's engagements'; an admin, all. */
function visibleTo(db: Db, principal: Principal): SQL | undefined {
  if (principal.role === 'admin') return undefined;
  if (principal.role === 'company') return eq(events.orgId, principal.orgId ?? '');
  const own = db
    .select({ id: engagements.id })
    .from(engagements)
    .where(eq(engagements.expertId, principal.expertId ?? ''));
  return inArray(events.engagementId, own);
}

export const catalogList = EVENT_TYPES.map((type) => ({
  type,
  description: EVENT_CATALOG[type].description,
  schema: z.toJSONSchema(EVENT_CATALOG[type].data) as Record<string, unknown>,
}));

export const eventRoutes = createRouter({ scope: 'events' })
  .openapi(eventTypesRoute, (c) => c.json({ data: catalogList }, 200))
  .openapi(eventsRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await eventsAfter(c.var.db, c.var.principal, query.since, query.types, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return c.json(
      { data: page, next_cursor: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null },
      200,
    );
  })
  .openapi(streamRoute, async (c) => {
    const { since, types } = c.req.valid('query');
    const { db, principal } = c.var;
    // Without a cursor the stream starts now: what happened before is GET /v1/events' to page through.
    const start = c.req.query('since') === undefined ? await latestSeq(db) : since;
    return eventStream(
      c,
      {
        async next(cursor) {
          const after = cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : start;
          const page = await eventsAfter(db, principal, after, types, 100);
          return {
            items: page.map((event) => ({ id: String(event.seq), event: event.type, data: event })),
            done: false,
          };
        },
      },
      // A poll a second for four minutes stays far below D1's 1,000 queries per invocation.
      { pollMs: 1000, maxDurationMs: 240_000 },
    );
  });

/** The caller's events after `since`, in sequence order, as the API shows them. */
async function eventsAfter(
  db: Db,
  principal: Principal,
  since: number,
  types: string[] | undefined,
  limit: number,
) {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        gt(events.seq, since),
        visibleTo(db, principal),
        types?.length ? inArray(events.type, types) : undefined,
      ),
    )
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq ?? 0,
    type: row.type as (typeof EVENT_TYPES)[number],
    data: row.data,
    at: row.createdAt,
  }));
}

async function latestSeq(db: Db) {
  const [row] = await db.select({ seq: sql<number | null>`max(${events.seq})` }).from(events);
  return row?.seq ?? 0;
}
