// GET /v1/admin/trace/:request_id: what one API request set going, step by step (admin).
import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { requireRole } from '../auth/middleware';
import { traceRequest } from './service';

const traceSchema = z
  .object({
    request_id: z.string(),
    started_at: z.string(),
    duration_ms: z.number().openapi({ description: 'From the first event to the last' }),
    followed: z
      .record(z.string(), z.array(z.string()))
      .openapi({ description: 'The things the request touched, whose later events are included' }),
    steps: z.array(
      z.object({
        event_id: z.string(),
        seq: z.number().int().nullable(),
        type: z.string(),
        at: z.string(),
        offset_ms: z.number(),
        request_id: z.string().nullable().openapi({ description: 'Null: recorded by a queue or cron' }),
        handlers: z.array(z.object({ handler: z.string(), offset_ms: z.number() })),
        webhook_deliveries: z.array(
          z.object({ endpoint_id: z.string(), status: z.string(), attempts: z.number().int() }),
        ),
        emails: z.array(
          z.object({
            id: z.string(),
            template: z.string(),
            to: z.string(),
            status: z.string(),
            offset_ms: z.number(),
          }),
        ),
      }),
    ),
  })
  .openapi('Trace');

const route = createRoute({
  method: 'get',
  path: '/trace/{request_id}',
  tags: ['Operations'],
  security: bearerSecurity,
  summary:
    'Follow a request (its X-Request-Id): events, handlers, webhook deliveries and emails, timed (admin)',
  middleware: [requireRole('admin')],
  request: { params: z.object({ request_id: z.string().min(1).max(200) }) },
  responses: { 200: jsonResponse('The trace', traceSchema), ...errorResponses(401, 403, 404) },
});

export const traceRoutes = createRouter().openapi(route, async (c) =>
  c.json(await traceRequest(c.var.db, c.req.valid('param').request_id), 200),
);
