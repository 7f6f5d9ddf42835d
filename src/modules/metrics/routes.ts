// Metrics over time: GET /v1/admin/metrics (the platform) and GET /v1/metrics (a company its own; an admin
// names one with ?org_id=). `series` is a comma-separated list of names (GET without it: every series);
// `family:*` names every label of a family (`tasks.created:*`: one series per module).
import { createRoute, z } from '@hono/zod-openapi';
import { forbidden } from '../../lib/errors';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { requireRole } from '../auth/middleware';
import { readMetrics, type Step } from './query';
import { rollupByHand } from './refresh';
import { DERIVED_SERIES, SERIES_NAMES, STORED_SERIES } from './series';

const ORG_SERIES = [...STORED_SERIES, ...DERIVED_SERIES].filter((s) => s.perOrg).map((s) => s.name);

/** `tasks.created:*` → every `tasks.created:<label>`; a family with no labels stays as named (and is refused). */
function expandFamily(name: string): string[] {
  if (!name.endsWith(':*')) return [name];
  const members = SERIES_NAMES.filter((n) => n.startsWith(name.slice(0, -1)));
  return members.length ? members : [name];
}

const querySchema = z.object({
  series: z
    .string()
    .max(2000)
    .optional()
    .transform((v) =>
      v
        ? [
            ...new Set(
              v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
                .flatMap(expandFamily),
            ),
          ]
        : undefined,
    )
    .refine((names) => !names || names.every((n) => SERIES_NAMES.includes(n)), {
      message: `Unknown series; known: ${SERIES_NAMES.join(', ')}`,
    })
    .openapi({
      description:
        'Comma-separated series names (default: all); `family:*` for every label of a family, e.g. `tasks.created:*` per module, `queues.backlog:*` per queue',
      example: 'tasks.created,tasks.latency_p95,tasks.created:*',
    }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Default: 24 hours before `to`' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Default: now' }),
  step: z.enum(['hour', 'day']).default('hour'),
  org_id: z.string().max(64).optional().openapi({ description: 'GET /v1/metrics, admins: the company' }),
});

const metricsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    step: z.enum(['hour', 'day']),
    series: z
      .record(z.string(), z.array(z.tuple([z.string(), z.number().nullable()])))
      .openapi({ description: 'Per series: [bucket start, value] pairs, every bucket of the range' }),
  })
  .openapi('Metrics');

function range(query: z.infer<typeof querySchema>) {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 86_400_000);
  return { from, to, step: query.step as Step };
}

const tags = ['Operations'];

const adminRoute = createRoute({
  method: 'get',
  path: '/admin/metrics',
  tags,
  security: bearerSecurity,
  summary:
    'Platform metrics over time (admin): tasks, latency, automation, extractions, webhooks, email, money',
  middleware: [requireRole('admin')],
  request: { query: querySchema },
  responses: { 200: jsonResponse('Series', metricsSchema), ...errorResponses(401, 403, 422) },
});

const orgRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags,
  security: bearerSecurity,
  summary: "A company's own metrics over time (tasks, automation, latency, extractions, credits, storage)",
  middleware: [requireRole('company', 'admin')],
  request: { query: querySchema },
  responses: { 200: jsonResponse('Series', metricsSchema), ...errorResponses(401, 403, 422) },
});

const rollupRoute = createRoute({
  method: 'post',
  path: '/admin/metrics/rollup',
  tags,
  security: bearerSecurity,
  summary: 'Roll the metrics up now (admin): the hours so far, as the five-minute sweep does',
  description:
    'Recomputes the current hour and the two before it (and any missed since the last rollup) from the ' +
    'work recorded; the same values however often it runs.',
  middleware: [requireRole('admin')],
  responses: {
    200: jsonResponse(
      'Rolled up',
      z
        .object({ hours: z.number().int().openapi({ description: 'Hours recomputed' }), at: z.string() })
        .openapi('MetricsRollup'),
    ),
    ...errorResponses(401, 403),
  },
});

export const metricRoutes = createRouter({ scope: 'metrics' })
  .openapi(rollupRoute, async (c) =>
    c.json(
      { hours: await rollupByHand(c.env, c.var.db, c.var.principal), at: new Date().toISOString() },
      200,
    ),
  )
  .openapi(adminRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(
      await readMetrics(c.var.db, { orgId: '', series: query.series ?? SERIES_NAMES, ...range(query) }),
      200,
    );
  })
  .openapi(orgRoute, async (c) => {
    const query = c.req.valid('query');
    const { principal } = c.var;
    const orgId = principal.role === 'admin' ? (query.org_id ?? '') : (principal.orgId ?? '');
    if (principal.role !== 'admin' && query.org_id && query.org_id !== principal.orgId)
      throw forbidden('A company sees its own metrics only');
    const names = query.series ?? ORG_SERIES;
    const outside = names.filter((n) => !ORG_SERIES.includes(n));
    if (principal.role !== 'admin' && outside.length)
      throw forbidden(`Platform series only: ${outside.join(', ')}`);
    return c.json(await readMetrics(c.var.db, { orgId, series: names, ...range(query) }), 200);
  });
