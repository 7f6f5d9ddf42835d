// /v1/admin/users: the platform's people for its admins, and disabling or enabling an account.
import { createRoute } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, idParam, jsonResponse } from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { requireRole } from '../auth/middleware';
import { adminUserSchema, disableUserSchema, listUsersQuerySchema } from './schema';
import { listUsers, setUserDisabled } from './service';

const tags = ['Admin'];
const security = bearerSecurity;
const middleware = [requireRole('admin')];

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    security,
    middleware,
    summary: 'Every account: search by email, name, company or id; filter by role and disabled',
    request: { query: listUsersQuerySchema },
    responses: {
      200: jsonResponse('A page of accounts', pageSchema(adminUserSchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  disable: createRoute({
    method: 'post',
    path: '/{id}/disable',
    tags,
    security,
    middleware,
    summary: 'Disable an account: it cannot sign in and its tokens stop working at once (audited)',
    request: {
      params: idParam('usr'),
      // Optional: a POST without a body disables without a reason.
      body: { required: false, content: { 'application/json': { schema: disableUserSchema } } },
    },
    responses: {
      200: jsonResponse('The account', adminUserSchema),
      ...errorResponses(401, 403, 404, 409, 422),
    },
  }),
  enable: createRoute({
    method: 'post',
    path: '/{id}/enable',
    tags,
    security,
    middleware,
    summary: 'Enable a disabled account again (audited)',
    request: { params: idParam('usr') },
    responses: { 200: jsonResponse('The account', adminUserSchema), ...errorResponses(401, 403, 404) },
  }),
};

export const adminUserRoutes = createRouter()
  .openapi(routes.list, async (c) => c.json(await listUsers(c.var.db, c.req.valid('query')), 200))
  .openapi(routes.disable, async (c) => {
    const body = c.req.valid('json') as { reason?: string } | undefined;
    return c.json(
      await setUserDisabled(c.var.db, c.var.principal, c.req.valid('param').id, true, body?.reason),
      200,
    );
  })
  .openapi(routes.enable, async (c) =>
    c.json(await setUserDisabled(c.var.db, c.var.principal, c.req.valid('param').id, false), 200),
  );
