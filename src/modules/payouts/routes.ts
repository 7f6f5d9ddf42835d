// Payout routes: the expert's (and the admin's) view, and the admin's hand-run prepare, process and
// reconciliation — the same code the crons run.
import { createRoute, z } from '@hono/zod-openapi';
import { idempotent } from '../../lib/idempotency';
import { bearerSecurity, createRouter, errorResponses, idParam, jsonResponse } from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { requireRole } from '../auth/middleware';
import { paymentSchema } from '../payments/schema';
import { reconcilePayouts, reconciliationSchema } from './reconcile';
import { listRuns, payoutErrorSchema, runPrepare, runProcessByHand } from './runs';
import { getPayout, listPayouts, listPayoutsQuerySchema, payoutSchema } from './service';
import { ISO_WEEK_PATTERN, previousIsoWeek, weekBounds } from './week';

const tags = ['Payouts'];
const security = bearerSecurity;
const weekSchema = z
  .string()
  .regex(ISO_WEEK_PATTERN, 'An ISO week like 2026-W47')
  // One check (zod runs every refinement): the week exists (2025-W53 does not), and it has begun — preparing a
  // future week would sweep today's entries into it.
  .refine((week) => {
    try {
      return weekBounds(week).start.getTime() <= Date.now();
    } catch {
      return false;
    }
  }, 'No such ISO week, or one that has not begun')
  .openapi({ example: '2026-W47' });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/payouts',
    tags,
    security,
    summary:
      'Payouts (an expert their own, an admin all): searchable, sortable, filtered by week, status and currency',
    middleware: [requireRole('expert', 'admin')],
    request: { query: listPayoutsQuerySchema },
    responses: {
      200: jsonResponse('A page of payouts', pageSchema(payoutSchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/payouts/{id}',
    tags,
    security,
    summary: 'One payout with the payments it covers',
    middleware: [requireRole('expert', 'admin')],
    request: { params: idParam('po') },
    responses: {
      200: jsonResponse(
        'The payout',
        payoutSchema.extend({
          entries: z.array(
            z.object({ kind: z.string(), payment_id: z.string().nullable(), amount: z.number().int() }),
          ),
          payments: z.array(paymentSchema),
        }),
      ),
      ...errorResponses(401, 403, 404),
    },
  }),
  prepare: createRoute({
    method: 'post',
    path: '/admin/payouts/prepare',
    tags,
    security,
    summary: 'Prepare the payouts of an ISO week (default: the previous one), as the Monday cron does',
    middleware: [requireRole('admin'), idempotent()],
    request: {
      body: {
        required: false,
        content: { 'application/json': { schema: z.object({ week: weekSchema.optional() }) } },
      },
    },
    responses: {
      200: jsonResponse(
        'What this run prepared (nothing new when run again)',
        z.object({
          week: z.string(),
          prepared: z.number().int(),
          amounts: z.record(z.string(), z.number().int()),
        }),
      ),
      ...errorResponses(401, 403, 415, 422),
    },
  }),
  process: createRoute({
    method: 'post',
    path: '/admin/payouts/process',
    tags,
    security,
    summary: 'Process pending payouts, as the Friday cron does',
    middleware: [requireRole('admin'), idempotent()],
    responses: {
      200: jsonResponse(
        'This run’s outcome; `remaining` continue through the payouts queue',
        z.object({
          processed: z.number().int(),
          failed: z.number().int(),
          skipped: z.number().int(),
          errors: z.array(payoutErrorSchema),
          remaining: z.number().int(),
        }),
      ),
      ...errorResponses(401, 403),
    },
  }),
  runs: createRoute({
    method: 'get',
    path: '/admin/payouts/runs',
    tags,
    security,
    summary: 'Recent prepare and process steps with their results and D1 statements',
    middleware: [requireRole('admin')],
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
    responses: {
      200: jsonResponse(
        'Runs, newest first',
        z.object({
          data: z.array(
            z.object({
              id: z.string(),
              kind: z.enum(['prepare', 'process']),
              trigger: z.string(),
              week: z.string().nullable(),
              result: z.record(z.string(), z.unknown()),
              errors: z
                .array(payoutErrorSchema)
                .openapi({ description: 'The payouts this run could not pay, with whom each is for' }),
              statements: z.number().int(),
              started_at: z.string(),
              finished_at: z.string(),
            }),
          ),
        }),
      ),
      ...errorResponses(401, 403, 422),
    },
  }),
  reconciliation: createRoute({
    method: 'get',
    path: '/admin/payouts/reconciliation',
    tags,
    security,
    summary: "Completed payouts checked against the provider's transfers",
    middleware: [requireRole('admin')],
    request: {
      query: z.object({
        week: weekSchema.optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
    responses: {
      200: jsonResponse('Mismatches, if any', reconciliationSchema),
      ...errorResponses(401, 403, 422, 503),
    },
  }),
};

export const payoutRoutes = createRouter({ scope: 'payments' })
  .openapi(routes.list, async (c) => c.json(await listPayouts(c.var.scope, c.req.valid('query')), 200))
  .openapi(routes.get, async (c) => c.json(await getPayout(c.var.scope, c.req.valid('param').id), 200))
  .openapi(routes.prepare, async (c) => {
    const body = (c.req.valid('json') as { week?: string } | undefined) ?? {};
    const week = body.week ?? previousIsoWeek(new Date());
    const result = await runPrepare(c.env, week, { admin: c.var.principal.userId });
    return c.json(result as { week: string; prepared: number; amounts: Record<string, number> }, 200);
  })
  .openapi(routes.process, async (c) => c.json(await runProcessByHand(c.env, c.var.principal.userId), 200))
  .openapi(routes.runs, async (c) => c.json({ data: await listRuns(c.env, c.req.valid('query').limit) }, 200))
  .openapi(routes.reconciliation, async (c) =>
    c.json(await reconcilePayouts(c.env, c.var.db, c.req.valid('query')), 200),
  );
