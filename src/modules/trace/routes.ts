// GET /v1/admin/trace/:request_id: what one API request set going, step by step (admin).
import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { requireRole } from '../auth/middleware';
import { traceSchema } from './schema';
import { traceRequest } from './service';

const route = createRoute({
  method: 'get',
  path: '/trace/{request_id}',
  tags: ['Operations'],
  security: bearerSecurity,
  summary:
    'Follow a request (its X-Request-Id): the request, its events, task and extraction runs, handlers, emails and webhook deliveries, timed (admin)',
  middleware: [requireRole('admin')],
  request: { params: z.object({ request_id: z.string().min(1).max(200) }) },
  responses: { 200: jsonResponse('The trace', traceSchema), ...errorResponses(401, 403, 404) },
});

export const traceRoutes = createRouter().openapi(route, async (c) =>
  c.json(await traceRequest(c.var.db, c.req.valid('param').request_id), 200),
);
