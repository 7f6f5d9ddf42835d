// /v1/experts: the directory (any signed-in user) and the expert's own profile.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import {
  bearerSecurity,
  createRouter,
  errorResponses,
  idParam,
  jsonBody,
  jsonResponse,
} from '../../lib/openapi';
import { listQuerySchema, pageSchema } from '../../lib/pagination';
import { requireRole } from '../auth/middleware';
import { expertSchema, ownExpertSchema, updateExpertSchema } from './schema';
import { getExpert, listExperts, toExpertView, toOwnExpertView, updateOwnProfile } from './service';

const tags = ['Experts'];
const security = bearerSecurity;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  security,
  summary: 'Expert directory',
  request: {
    query: listQuerySchema.extend({
      q: z.string().trim().min(1).max(100).optional().openapi({ description: 'In name, headline or skills' }),
      module: z
        .string()
        .max(32)
        .optional()
        .openapi({ description: 'Only experts offering this module', example: 'CTAX' }),
    }),
  },
  responses: {
    200: jsonResponse('A page of experts', pageSchema(expertSchema)),
    ...errorResponses(401, 422),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags,
  security,
  summary: "The calling expert's own profile",
  middleware: [requireRole('expert')],
  responses: { 200: jsonResponse('Your profile', ownExpertSchema), ...errorResponses(401, 403) },
});

const patchMeRoute = createRoute({
  method: 'patch',
  path: '/me',
  tags,
  security,
  summary: 'Update your profile (expert)',
  middleware: [requireRole('expert')],
  request: { body: jsonBody(updateExpertSchema) },
  responses: {
    200: jsonResponse('Updated profile', ownExpertSchema),
    ...errorResponses(400, 401, 403, 409, 415, 422),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  security,
  summary: 'One expert',
  request: { params: idParam('exp') },
  responses: { 200: jsonResponse('The expert', expertSchema), ...errorResponses(401, 404) },
});

const ownExpertId = (c: Context<AppEnv>) => c.var.principal.expertId ?? '';

export const expertRoutes = createRouter({ scope: 'engagements' })
  .openapi(listRoute, async (c) => c.json(await listExperts(c.var.db, c.req.valid('query')), 200))
  .openapi(meRoute, async (c) => c.json(toOwnExpertView(await getExpert(c.var.db, ownExpertId(c))), 200))
  .openapi(patchMeRoute, async (c) =>
    c.json(await updateOwnProfile(c.var.db, ownExpertId(c), c.req.valid('json')), 200),
  )
  .openapi(getRoute, async (c) =>
    c.json(toExpertView(await getExpert(c.var.db, c.req.valid('param').id)), 200),
  );
