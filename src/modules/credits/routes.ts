// Credits routes: the balance and history, buying a pack, and an admin's grant.
import { createRoute } from '@hono/zod-openapi';
import { idempotent } from '../../lib/idempotency';
import { newId } from '../../lib/ids';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi';
import { requireRole } from '../auth/middleware';
import { paymentSchema } from '../payments/schema';
import { creditsQuerySchema, creditsSchema, grantResultSchema, grantSchema, purchaseSchema } from './schema';
import { getCredits, grantCredits, purchaseCredits } from './service';

const tags = ['Credits'];
const security = bearerSecurity;

const routes = {
  get: createRoute({
    method: 'get',
    path: '/credits',
    tags,
    security,
    summary: 'AI credits: the balance, prices, packs, usage and history (a company its own; admins name one)',
    middleware: [requireRole('company', 'admin')],
    request: { query: creditsQuerySchema },
    responses: {
      200: jsonResponse('The credits', creditsSchema),
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  purchase: createRoute({
    method: 'post',
    path: '/credits/purchase',
    tags,
    security,
    summary: 'Buy a pack of credits (company): a payment to confirm; the credits arrive once it is paid',
    middleware: [requireRole('company'), idempotent()],
    request: { body: jsonBody(purchaseSchema) },
    responses: {
      201: jsonResponse('The pending payment', paymentSchema),
      ...errorResponses(400, 401, 403, 415, 422, 503),
    },
  }),
  grant: createRoute({
    method: 'post',
    path: '/admin/credits/grants',
    tags,
    security,
    summary: 'Grant a company credits, or take some back (admin)',
    middleware: [requireRole('admin'), idempotent()],
    request: { body: jsonBody(grantSchema) },
    responses: {
      201: jsonResponse('The new balance', grantResultSchema),
      ...errorResponses(400, 401, 402, 403, 404, 415, 422),
    },
  }),
};

export const creditRoutes = createRouter({ scope: 'credits' })
  .openapi(routes.get, async (c) => c.json(await getCredits(c.env, c.var.scope, c.req.valid('query')), 200))
  .openapi(routes.purchase, async (c) =>
    c.json(await purchaseCredits(c.env, c.var.scope, c.req.valid('json').pack), 201),
  )
  .openapi(routes.grant, async (c) =>
    c.json(
      // A fresh key per grant: a retried request is answered by the idempotency layer, not granted twice.
      await grantCredits(c.var.db, c.var.principal, {
        ...c.req.valid('json'),
        key: newId('creditEntry'),
      }),
      201,
    ),
  );
