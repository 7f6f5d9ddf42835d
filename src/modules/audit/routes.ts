// GET /v1/admin/audit-log: what admins did (admins only).
import { createRoute } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { requireRole } from '../auth/middleware';
import { adminActionSchema, auditLogQuerySchema } from './schema';
import { listAdminActions } from './service';

const route = createRoute({
  method: 'get',
  path: '/audit-log',
  tags: ['Admin'],
  security: bearerSecurity,
  middleware: [requireRole('admin')],
  summary:
    'Admin actions, newest first: redrives, payout runs, credit grants, bulk emails, metrics rollups, billing, payments and platform webhook endpoints, each with the admin who took it',
  request: { query: auditLogQuerySchema },
  responses: {
    200: jsonResponse('A page of admin actions', pageSchema(adminActionSchema)),
    ...errorResponses(401, 403, 422),
  },
});

export const auditRoutes = createRouter().openapi(route, async (c) =>
  c.json(await listAdminActions(c.var.db, c.req.valid('query')), 200),
);
