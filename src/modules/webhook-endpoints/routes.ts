// /v1/webhook-endpoints: companies (and admins, for platform endpoints) manage where events are sent.
import { createRoute, z } from '@hono/zod-openapi';
import type { EventType } from '../../events/catalog';
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
import { replay, sendTest } from './replay';
import {
  createEndpointSchema,
  deliverySchema,
  endpointSchema,
  endpointWithSecretSchema,
  listDeliveriesQuerySchema,
  replaySchema,
  testEventSchema,
  updateEndpointSchema,
} from './schema';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from './service';

const tags = ['Webhook endpoints'];
const security = bearerSecurity;
const managers = requireRole('company', 'admin');
const params = idParam('whe');

const routes = {
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    security,
    middleware: [managers],
    summary: 'Add an endpoint; its whsec_ secret is shown once',
    description:
      'Deliveries follow Standard Webhooks: headers webhook-id (the event id), webhook-timestamp, webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>); body {type, timestamp, data}. An admin’s endpoint receives every company’s events.',
    request: { body: jsonBody(createEndpointSchema) },
    responses: {
      201: jsonResponse('Created', endpointWithSecretSchema),
      ...errorResponses(400, 401, 403, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    security,
    middleware: [managers],
    summary: 'Your endpoints (an admin: the platform’s), newest first',
    request: { query: listQuerySchema },
    responses: {
      200: jsonResponse('A page of endpoints', pageSchema(endpointSchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    security,
    middleware: [managers],
    summary: 'One endpoint with its success rate over 24 h and 7 d',
    request: { params },
    responses: { 200: jsonResponse('The endpoint', endpointSchema), ...errorResponses(401, 403, 404) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    security,
    middleware: [managers],
    summary: 'Change the URL, the events, the description, or enable/disable',
    request: { params, body: jsonBody(updateEndpointSchema) },
    responses: {
      200: jsonResponse('Updated', endpointSchema),
      ...errorResponses(400, 401, 403, 404, 415, 422),
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/{id}',
    tags,
    security,
    middleware: [managers],
    summary: 'Delete the endpoint and its delivery log',
    request: { params },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
  }),
  rotate: createRoute({
    method: 'post',
    path: '/{id}/rotate-secret',
    tags,
    security,
    middleware: [managers],
    summary: 'A new secret (shown once); the old one keeps signing beside it for 24 h',
    request: { params },
    responses: {
      200: jsonResponse(
        'Rotated',
        endpointWithSecretSchema.extend({ previous_secret_expires_at: z.string().nullable() }),
      ),
      ...errorResponses(401, 403, 404, 409),
    },
  }),
  deliveries: createRoute({
    method: 'get',
    path: '/{id}/deliveries',
    tags,
    security,
    middleware: [managers],
    summary: 'Deliveries, newest first, each with its attempts (status code, duration, first 1 KB, error)',
    request: { params, query: listDeliveriesQuerySchema },
    responses: {
      200: jsonResponse('A page of deliveries', pageSchema(deliverySchema)),
      ...errorResponses(401, 403, 404, 422),
    },
  }),
  replay: createRoute({
    method: 'post',
    path: '/{id}/replay',
    tags,
    security,
    middleware: [managers],
    summary: 'Send the events of a time window again (only the failed ones with only_failed)',
    description: 'Each event keeps its webhook-id: a receiver deduplicating by it sees each event once.',
    request: { params, body: jsonBody(replaySchema) },
    responses: {
      202: jsonResponse(
        'Replaying',
        z.object({
          replayed: z.number().int(),
          events_considered: z.number().int(),
          continue_since: z.string().nullable().openapi({ description: 'Call again from here for the rest' }),
        }),
      ),
      ...errorResponses(400, 401, 403, 404, 409, 415, 422),
    },
  }),
  test: createRoute({
    method: 'post',
    path: '/{id}/test',
    tags,
    security,
    middleware: [managers],
    summary: 'Send a sample event (data.test: true) to this endpoint only',
    request: {
      params,
      body: { required: false, content: { 'application/json': { schema: testEventSchema } } },
    },
    responses: {
      202: jsonResponse('Sent to the queue', z.object({ event_id: z.string() })),
      ...errorResponses(400, 401, 403, 404, 415, 422),
    },
  }),
};

export const webhookEndpointRoutes = createRouter({ scope: 'webhooks' })
  .openapi(routes.create, async (c) =>
    c.json(await createEndpoint(c.env, c.var.db, c.var.principal, c.req.valid('json')), 201),
  )
  .openapi(routes.list, async (c) =>
    c.json(await listEndpoints(c.var.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(routes.get, async (c) =>
    c.json(await getEndpoint(c.var.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(routes.update, async (c) =>
    c.json(
      await updateEndpoint(c.env, c.var.db, c.var.principal, c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  )
  .openapi(routes.remove, async (c) => {
    await deleteEndpoint(c.var.db, c.var.principal, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(routes.rotate, async (c) =>
    c.json(await rotateSecret(c.var.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(routes.deliveries, async (c) =>
    c.json(
      await listDeliveries(c.var.db, c.var.principal, c.req.valid('param').id, c.req.valid('query')),
      200,
    ),
  )
  .openapi(routes.replay, async (c) =>
    c.json(await replay(c.env, c.var.db, c.var.principal, c.req.valid('param').id, c.req.valid('json')), 202),
  )
  .openapi(routes.test, async (c) => {
    const body = (c.req.valid('json') ?? {}) as { event_type?: string };
    const type = (body.event_type ?? 'task.completed') as EventType;
    return c.json(await sendTest(c.env, c.var.db, c.var.principal, c.req.valid('param').id, type), 202);
  });
