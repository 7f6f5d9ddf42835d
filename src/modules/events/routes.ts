// /v1/event-types (the catalog, as JSON Schema) and /v1/events (the caller's events in order, by seq: the
// cursor a consumer that missed webhooks catches up from).
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { engagements, events } from '../../db/schema';
import type { Principal } from '../../env';
import { EVENT_CATALOG, EVENT_TYPES, eventEnvelopeSchema } from '../../events/catalog';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';

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

export const eventRoutes = createRouter()
  .openapi(eventTypesRoute, (c) => c.json({ data: catalogList }, 200))
  .openapi(eventsRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await c.var.db
      .select()
      .from(events)
      .where(
        and(
          gt(events.seq, query.since),
          visibleTo(c.var.db, c.var.principal),
          query.types?.length ? inArray(events.type, query.types) : undefined,
        ),
      )
      .orderBy(asc(events.seq))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const data = page.map((row) => ({
      id: row.id,
      seq: row.seq ?? 0,
      type: row.type as (typeof EVENT_TYPES)[number],
      data: row.data,
      at: row.createdAt,
    }));
    return c.json({ data, next_cursor: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null }, 200);
  });
