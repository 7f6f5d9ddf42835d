// Extraction batch routes: start one from a CSV or a JSON list (company), read, list, follow (SSE), export
// and cancel it. The router is only a mount table; the work is in ./service.
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/errors';
import { idempotent } from '../../lib/idempotency';
import {
  bearerSecurity,
  createRouter,
  errorResponses,
  idParam,
  jsonResponse,
  limitBody,
  progressStreamRoute,
} from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { eventStream } from '../../lib/sse';
import { requireRole } from '../auth/middleware';
import { decodeCsv, MAX_BATCH_ROWS, parseCsvBatch } from './csv-in';
import { exportCsv } from './export';
import { batchProgressSource } from './progress';
import {
  batchRowSchema,
  batchSchema,
  createBatchJsonSchema,
  createBatchQuerySchema,
  listBatchesQuerySchema,
  listBatchRowsQuerySchema,
} from './schema';
import { cancelBatch, createBatch, getBatch, listBatches, listBatchRows } from './service';

const tags = ['Extraction batches'];
const security = bearerSecurity;

/** 10,000 rows of a wide CSV (or 10,000 long URLs) fit; the JSON default of 1 MB would not. */
export const MAX_BATCH_BODY_BYTES = 8 * 1024 * 1024;

const routes = {
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    security,
    summary: 'Mine up to 10,000 websites from a CSV or a JSON list (company)',
    description: `A CSV (\`Content-Type: text/csv\`; UTF-8 with or without BOM, or Windows-1252; \`,\` \`;\` or tab delimited; quoted fields) with a header row — the URL column is found by its name (url, website, domain, Webseite…) or its values, or named with \`?url_column=\` — or JSON \`{"urls": [...]}\`. At most ${MAX_BATCH_ROWS} rows and 8 MB. Rows of one registrable domain share one crawl; a site this company crawled in the last 24 hours reuses that result. A bad or unsafe URL fails its own row; the batch goes on.`,
    middleware: [limitBody(MAX_BATCH_BODY_BYTES), requireRole('company'), idempotent()],
    request: {
      query: createBatchQuerySchema,
      body: {
        required: false,
        content: {
          'application/json': { schema: createBatchJsonSchema },
          'text/csv': {
            schema: z.string().openapi({ example: 'name,website\nMüller GmbH,firma-mueller.de\n' }),
          },
        },
      },
    },
    responses: {
      202: jsonResponse('Accepted: crawls queued', batchSchema),
      ...errorResponses(400, 401, 403, 409, 413, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    security,
    summary: "The company's extraction batches, newest first",
    middleware: [requireRole('company', 'admin')],
    request: { query: listBatchesQuerySchema },
    responses: {
      200: jsonResponse('A page of batches', pageSchema(batchSchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    security,
    summary: 'One extraction batch with its counts per status',
    middleware: [requireRole('company', 'admin')],
    request: { params: idParam('exb') },
    responses: { 200: jsonResponse('The batch', batchSchema), ...errorResponses(401, 403, 404) },
  }),
  rows: createRoute({
    method: 'get',
    path: '/{id}/rows',
    tags,
    security,
    summary: "A batch's rows in input order, each with its status and error",
    middleware: [requireRole('company', 'admin')],
    request: { params: idParam('exb'), query: listBatchRowsQuerySchema },
    responses: {
      200: jsonResponse('A page of rows', pageSchema(batchRowSchema)),
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  export: createRoute({
    method: 'get',
    path: '/{id}/export.csv',
    tags,
    security,
    summary: 'The enriched table as CSV: every original column, then what was found',
    description:
      'One line per input row, in input order, with all of its original cells; then email, email_status, email_mx, email_role, email_free, email_disposable (the email’s verification), phone (E.164), person, role, company_name, address, vat_id, register, confidence, source_url, status, error (an added column whose name the input already has is called engage_<name>). Each added column holds the best value of its type found on the row’s site. UTF-8 with BOM, CRLF; cells that start like a formula are prefixed with an apostrophe.',
    middleware: [requireRole('company', 'admin')],
    request: { params: idParam('exb') },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      ...errorResponses(401, 403, 404),
    },
  }),
  cancel: createRoute({
    method: 'post',
    path: '/{id}/cancel',
    tags,
    security,
    summary: 'Cancel a batch: rows not yet started are cancelled, running ones finish (company)',
    middleware: [requireRole('company')],
    request: { params: idParam('exb') },
    responses: {
      200: jsonResponse('The batch after the cancel', batchSchema),
      ...errorResponses(401, 403, 404, 409),
    },
  }),
};

export const extractionBatchRoutes = createRouter({ scope: 'extractions' })
  .openapi(routes.create, async (c) => {
    const query = c.req.valid('query');
    const type = c.req.header('content-type') ?? '';
    let input: Parameters<typeof createBatch>[2];
    if (/^text\/csv\b/i.test(type)) {
      input = parseCsvBatch(decodeCsv(new Uint8Array(await c.req.arrayBuffer())), query.url_column);
    } else {
      const body = c.req.valid('json') as { urls?: string[] };
      if (!body.urls) {
        throw new ApiError(422, 'Send a CSV (text/csv) or JSON {"urls": [...]}', {
          errors: [{ path: 'urls', message: 'Required' }],
        });
      }
      input = {
        source: 'json',
        columns: ['url'],
        urlColumn: 'url',
        urlIndex: 0,
        rows: body.urls.map((u) => [u]),
      };
    }
    return c.json(await createBatch(c.env, c.var.scope, input), 202);
  })
  .openapi(routes.list, async (c) => c.json(await listBatches(c.var.scope, c.req.valid('query')), 200))
  .openapi(routes.get, async (c) => c.json(await getBatch(c.var.scope, c.req.valid('param').id), 200))
  .openapi(routes.rows, async (c) =>
    c.json(await listBatchRows(c.var.scope, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(routes.export, async (c) => {
    const batch = await c.var.scope.extractionBatch(c.req.valid('param').id);
    return c.body(exportCsv(c.var.scope.db, batch), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${batch.id}.csv"`,
    });
  })
  .openapi(routes.cancel, async (c) => c.json(await cancelBatch(c.var.scope, c.req.valid('param').id), 200));

const eventsRoute = progressStreamRoute({
  tags,
  idPrefix: 'exb',
  summary: "A batch's progress as server-sent events",
  events:
    'Events: `progress` `{id, status, counts}` whenever its rows change, then one `completed` or `cancelled` with the whole batch, and the stream ends.',
});

/** Mounted before the global `authenticate`, which only reads the header. */
export const extractionBatchEventRoutes = createRouter({ scope: 'extractions' }).openapi(
  eventsRoute,
  async (c) => {
    const batch = await c.var.scope.extractionBatch(c.req.valid('param').id);
    return eventStream(c, batchProgressSource(c.var.scope.db, batch.id), {
      pollMs: 1000,
      maxDurationMs: 120_000,
    });
  },
);
