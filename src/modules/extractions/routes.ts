// Extraction routes: start one (company), list and read them, and follow one's progress as server-sent events.
import { createRoute } from '@hono/zod-openapi';
import { idempotent } from '../../lib/idempotency';
import {
  bearerSecurity,
  createRouter,
  errorResponses,
  idParam,
  jsonBody,
  jsonResponse,
  progressStreamRoute,
} from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { eventStream } from '../../lib/sse';
import { requireRole } from '../auth/middleware';
import { siteMemory } from './memory';
import { progressSource } from './progress';
import {
  createExtractionSchema,
  extractionSchema,
  extractionSummarySchema,
  listExtractionsQuerySchema,
  siteMemorySchema,
} from './schema';
import { createExtraction, getExtraction, listExtractions } from './service';

const tags = ['Extractions'];
const security = bearerSecurity;

const routes = {
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    security,
    summary: 'Mine a company website for contacts (company); queued, or a result from the last 24 h reused',
    middleware: [requireRole('company'), idempotent()],
    request: { body: jsonBody(createExtractionSchema) },
    responses: {
      202: jsonResponse(
        'Queued; or, with `reused: true`, the company’s extraction of the same URL from the last 24 hours',
        extractionSchema,
      ),
      ...errorResponses(400, 401, 403, 409, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    security,
    summary:
      "The company's extractions: searchable by URL, sortable (newest first by default), filtered by status",
    middleware: [requireRole('company', 'admin')],
    request: { query: listExtractionsQuerySchema },
    responses: {
      200: jsonResponse('A page of extractions', pageSchema(extractionSummarySchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    security,
    summary: 'One extraction with its entities and pages',
    middleware: [requireRole('company', 'admin')],
    request: { params: idParam('ext') },
    responses: { 200: jsonResponse('The extraction', extractionSchema), ...errorResponses(401, 403, 404) },
  }),
  memory: createRoute({
    method: 'get',
    path: '/{id}/memory',
    tags,
    security,
    summary: "What the company knows of this run's site across its runs, and what changed in this one",
    description:
      'Every entity the company’s completed extractions of the same site (registrable domain) found, merged: ' +
      'first and last seen, how many runs, which pages; `change` tells it against this run (new, kept, gone). ' +
      '409 while the run is not completed.',
    middleware: [requireRole('company', 'admin')],
    request: { params: idParam('ext') },
    responses: {
      200: jsonResponse("The site's memory", siteMemorySchema),
      ...errorResponses(401, 403, 404, 409),
    },
  }),
};

export const extractionRoutes = createRouter({ scope: 'extractions' })
  .openapi(routes.create, async (c) => {
    const { extraction, reused } = await createExtraction(c.env, c.var.scope, c.req.valid('json'));
    // 202 either way, the contract's answer to a start; `reused: true` in the body says the result is there.
    return c.json({ ...extraction, reused }, 202);
  })
  .openapi(routes.list, async (c) => c.json(await listExtractions(c.var.scope, c.req.valid('query')), 200))
  .openapi(routes.get, async (c) => c.json(await getExtraction(c.var.scope, c.req.valid('param').id), 200))
  .openapi(routes.memory, async (c) => c.json(await siteMemory(c.var.scope, c.req.valid('param').id), 200));

const eventsRoute = progressStreamRoute({
  tags,
  idPrefix: 'ext',
  summary: "An extraction's progress as server-sent events",
  events:
    'Events: `progress` `{id, status, progress}` whenever it changes, then one `completed` or `failed` with the whole extraction, and the stream ends.',
});

/** Mounted before the global `authenticate`, which only reads the header. */
export const extractionEventRoutes = createRouter({ scope: 'extractions' }).openapi(
  eventsRoute,
  async (c) => {
    const extraction = await c.var.scope.extraction(c.req.valid('param').id);
    // Two minutes of 500 ms polls stay far below D1's 1,000 queries per invocation; EventSource reconnects by
    // itself after that (with Last-Event-ID), for the rare crawl that takes longer.
    return eventStream(c, progressSource(c.var.scope.db, extraction.id), {
      pollMs: 500,
      maxDurationMs: 120_000,
    });
  },
);
