// /v1/engagements: request, list, read, transition, and list installed modules.
import { createRoute, z } from '@hono/zod-openapi';
import { idempotent } from '../../lib/idempotency';
import {
  bearerSecurity,
  createRouter,
  errorResponses,
  idParam,
  jsonBody,
  jsonResponse,
} from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { requireRole } from '../auth/middleware';
import {
  actionParamSchema,
  createEngagementSchema,
  engagementModuleSchema,
  engagementSchema,
  listEngagementsQuerySchema,
} from './schema';
import {
  getEngagement,
  listEngagementModules,
  listEngagements,
  requestEngagement,
  transitionEngagement,
} from './service';

const tags = ['Engagements'];
const security = bearerSecurity;

const createEngagementRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  security,
  summary: 'Request an expert (company); the engagement starts pending',
  middleware: [requireRole('company'), idempotent()],
  request: { body: jsonBody(createEngagementSchema) },
  responses: {
    201: jsonResponse('Requested', engagementSchema),
    ...errorResponses(400, 401, 403, 409, 415, 422),
  },
});

const listEngagementsRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  security,
  summary:
    'Engagements visible to the caller: searchable, sortable (newest first by default), filtered by status and date',
  request: { query: listEngagementsQuerySchema },
  responses: {
    200: jsonResponse('A page of engagements', pageSchema(engagementSchema)),
    ...errorResponses(401, 422),
  },
});

const getEngagementRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  security,
  summary: 'One engagement',
  request: { params: idParam('eng') },
  responses: { 200: jsonResponse('The engagement', engagementSchema), ...errorResponses(401, 404) },
});

const transitionRoute = createRoute({
  method: 'post',
  path: '/{id}/{action}',
  tags,
  security,
  summary: 'accept / decline (expert), complete (company or expert), cancel (company)',
  request: { params: actionParamSchema },
  responses: {
    200: jsonResponse('The engagement after the transition', engagementSchema),
    ...errorResponses(401, 403, 404, 409),
  },
});

const modulesRoute = createRoute({
  method: 'get',
  path: '/{id}/modules',
  tags,
  security,
  summary: "The engagement's AI modules and their install status",
  request: { params: idParam('eng') },
  responses: {
    200: jsonResponse('Modules', z.object({ data: z.array(engagementModuleSchema) })),
    ...errorResponses(401, 404),
  },
});

export const engagementRoutes = createRouter({ scope: 'engagements' })
  .openapi(createEngagementRoute, async (c) =>
    c.json(await requestEngagement(c.var.scope, c.req.valid('json')), 201),
  )
  .openapi(listEngagementsRoute, async (c) =>
    c.json(await listEngagements(c.var.scope, c.req.valid('query')), 200),
  )
  .openapi(getEngagementRoute, async (c) =>
    c.json(await getEngagement(c.var.scope, c.req.valid('param').id), 200),
  )
  .openapi(modulesRoute, async (c) =>
    c.json(await listEngagementModules(c.var.scope, c.req.valid('param').id), 200),
  )
  .openapi(transitionRoute, async (c) => {
    const { id, action } = c.req.valid('param');
    return c.json(await transitionEngagement(c.var.scope, id, action), 200);
  });
