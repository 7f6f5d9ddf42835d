// /v1/admin: operator views (admin role only).

import { createRoute, z } from '@hono/zod-openapi';
import { cooldownMs } from '../../lib/breaker';
import { bearerSecurity, createRouter, errorResponses, idParam, jsonResponse } from '../../lib/openapi';
import { listQuerySchema, pageSchema } from '../../lib/pagination';
import { QUEUES } from '../../lib/queues';
import { requireRole } from '../auth/middleware';
import {
  getEmail,
  listBreakers,
  listDeadLetters,
  listEmails,
  queueOverview,
  redriveDeadLetter,
} from './service';

const tags = ['Admin'];
const security = bearerSecurity;
const middleware = [requireRole('admin')];

const queueSchema = z
  .object({
    queue: z.string(),
    backlog: z.number().int().nullable(),
    dead_letters: z.number().int(),
    oldest_stranded_seconds: z
      .number()
      .int()
      .nullable()
      .describe('Age of the longest-waiting stuck run or lost message the sweep has yet to recover'),
  })
  .openapi('QueueStatus');
const deadLetterSchema = z
  .object({
    id: z.string(),
    queue: z.string(),
    message_id: z.string(),
    body: z.unknown(),
    attempts: z.number().int(),
    created_at: z.string(),
    redriven_at: z.string().nullable(),
  })
  .openapi('DeadLetter');
const breakerSchema = z
  .object({
    name: z.string(),
    state: z.enum(['closed', 'open', 'half_open']),
    failures: z.number().int(),
    opened_at: z.string().nullable(),
    next_trial_at: z
      .string()
      .nullable()
      .openapi({ description: 'When an open breaker lets one trial call through (opened_at + cool-down)' }),
    last_error: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .openapi('Breaker');
const emailSchema = z
  .object({
    id: z.string(),
    template: z.string(),
    to: z.string(),
    from: z.string(),
    subject: z.string(),
    provider: z.enum(['embedded', 'resend']),
    provider_id: z.string().nullable(),
    status: z.enum(['queued', 'sent', 'delivered', 'bounced', 'failed']),
    error: z.string().nullable(),
    opened_at: z.string().nullable(),
    clicked_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    html: z.string().optional(),
    text: z.string().optional(),
  })
  .openapi('Email');

const routes = {
  queues: createRoute({
    method: 'get',
    path: '/queues',
    tags,
    security,
    middleware,
    summary: 'Backlog and dead letters per queue',
    responses: {
      200: jsonResponse('Queues', z.object({ data: z.array(queueSchema) })),
      ...errorResponses(401, 403),
    },
  }),
  deadLetters: createRoute({
    method: 'get',
    path: '/dead-letters',
    tags,
    security,
    middleware,
    summary: 'Messages that exhausted their retries',
    request: { query: listQuerySchema.extend({ queue: z.enum(Object.values(QUEUES)).optional() }) },
    responses: {
      200: jsonResponse('Dead letters', pageSchema(deadLetterSchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  redrive: createRoute({
    method: 'post',
    path: '/dead-letters/{id}/redrive',
    tags,
    security,
    middleware,
    summary: 'Send a dead letter back to its queue (once)',
    request: { params: idParam('dlq') },
    responses: { 200: jsonResponse('Redriven', deadLetterSchema), ...errorResponses(401, 403, 404, 409) },
  }),
  breakers: createRoute({
    method: 'get',
    path: '/breakers',
    tags,
    security,
    middleware,
    summary: 'Circuit breaker states',
    responses: {
      200: jsonResponse('Breakers', z.object({ data: z.array(breakerSchema) })),
      ...errorResponses(401, 403),
    },
  }),
  emails: createRoute({
    method: 'get',
    path: '/emails',
    tags,
    security,
    middleware,
    summary: 'Emails sent or stored (the embedded provider keeps them here), newest first',
    request: { query: listQuerySchema.extend({ to: z.string().max(254).optional() }) },
    responses: { 200: jsonResponse('Emails', pageSchema(emailSchema)), ...errorResponses(401, 403, 422) },
  }),
  email: createRoute({
    method: 'get',
    path: '/emails/{id}',
    tags,
    security,
    middleware,
    summary: 'One email with its HTML and text',
    request: { params: idParam('eml') },
    responses: { 200: jsonResponse('Email', emailSchema), ...errorResponses(401, 403, 404) },
  }),
};

export const adminRoutes = createRouter()
  .openapi(routes.queues, async (c) => c.json(await queueOverview(c.env, c.var.db), 200))
  .openapi(routes.deadLetters, async (c) =>
    c.json(await listDeadLetters(c.var.db, c.req.valid('query')), 200),
  )
  .openapi(routes.redrive, async (c) =>
    c.json(await redriveDeadLetter(c.env, c.var.db, c.req.valid('param').id), 200),
  )
  .openapi(routes.breakers, async (c) => c.json(await listBreakers(c.var.db, cooldownMs(c.env)), 200))
  .openapi(routes.emails, async (c) => c.json(await listEmails(c.var.db, c.req.valid('query')), 200))
  .openapi(routes.email, async (c) => c.json(await getEmail(c.var.db, c.req.valid('param').id), 200));
