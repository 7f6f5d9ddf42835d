// /v1/orgs/me: the calling company's organisation and its billing details (printed on its invoices).
import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi';
import { requireRole } from '../auth/middleware';
import { billingDetailsSchema, updateBillingDetailsSchema } from './billing-details';
import { getOwnOrg, updateOwnOrg } from './service';

const tags = ['Organisations'];
const security = bearerSecurity;

const orgSchema = z
  .object({ id: z.string(), name: z.string(), billing_details: billingDetailsSchema, created_at: z.string() })
  .openapi('Org');

const updateOrgSchema = z
  .object({ name: z.string().trim().min(1).max(120), billing_details: updateBillingDetailsSchema })
  .partial()
  .strict()
  .openapi('UpdateOrg');

const getRoute = createRoute({
  method: 'get',
  path: '/me',
  tags,
  security,
  summary: "The calling company's organisation",
  middleware: [requireRole('company')],
  responses: { 200: jsonResponse('Your organisation', orgSchema), ...errorResponses(401, 403) },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/me',
  tags,
  security,
  summary: 'Update your organisation’s name or billing details (company)',
  middleware: [requireRole('company')],
  request: { body: jsonBody(updateOrgSchema) },
  responses: {
    200: jsonResponse('Updated organisation', orgSchema),
    ...errorResponses(400, 401, 403, 415, 422),
  },
});

export const orgRoutes = createRouter()
  .openapi(getRoute, async (c) => c.json(await getOwnOrg(c.var.db, c.var.principal.orgId ?? ''), 200))
  .openapi(patchRoute, async (c) =>
    c.json(await updateOwnOrg(c.var.db, c.var.principal.orgId ?? '', c.req.valid('json')), 200),
  );
