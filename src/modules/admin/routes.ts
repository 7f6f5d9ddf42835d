// /v1/admin: operator views (admin role only).

import { createRoute, z } from '@hono/zod-openapi';
import { cooldownMs } from '../../lib/breaker';
import { idempotent } from '../../lib/idempotency';
import {
  bearerSecurity,
  createRouter,
  errorResponses,
  idParam,
  jsonBody,
  jsonResponse,
  limitBody,
} from '../../lib/openapi';
import { listQuerySchema, pageSchema } from '../../lib/pagination';
import { QUEUES } from '../../lib/queues';
import { requireRole } from '../auth/middleware';
import { bulkSendSchema } from '../email/bulk';
import { getEmailJob, listEmailJobs } from '../email/jobs';
import { platformEndpointSchema } from '../webhook-endpoints/schema';
import { listAllEndpoints } from '../webhook-endpoints/service';
import { deadLetterAboutSchema } from './dead-letter-about';
import {
  getEmail,
  listBreakers,
  listDeadLetters,
  listEmails,
  queueOverview,
  redriveDeadLetter,
  sendBulkEmail,
} from './service';

const tags = ['Admin'];
const security = bearerSecurity;
const middleware = [requireRole('admin')];

export const queueSchema = z
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
    about: deadLetterAboutSchema,
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
    to_name: z
      .string()
      .nullable()
      .openapi({ description: "The recipient's name, when the address is an account's" }),
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

const emailJobSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['bulk', 'weekly_summary']),
    template: z.string(),
    subject: z.string(),
    status: z.enum(['sending', 'completed']),
    total: z.number().int().describe('Recipients, each sent at most once'),
    queued: z.number().int(),
    sent: z.number().int().describe('Handed to the provider (including those since delivered or bounced)'),
    failed: z.number().int().describe('Refused by the provider, e.g. an address it will not send to'),
    created_by: z.string().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .openapi('EmailJob');

const routes = {
  webhookEndpoints: createRoute({
    method: 'get',
    path: '/webhook-endpoints',
    tags,
    security,
    middleware,
    summary:
      "Every company's webhook endpoints and the platform's, with success rates; ?enabled=false for the disabled",
    request: {
      query: listQuerySchema.extend({
        enabled: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
      }),
    },
    responses: {
      200: jsonResponse('Webhook endpoints', pageSchema(platformEndpointSchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  bulkSend: createRoute({
    method: 'post',
    path: '/emails/bulk',
    tags,
    security,
    // 10,000 recipients with names run past the 1 MB JSON default.
    middleware: [...middleware, limitBody(5 * 1024 * 1024), idempotent()],
    summary: 'Send one announcement to up to 10,000 recipients through the emails queue (Resend batch API)',
    request: { body: jsonBody(bulkSendSchema) },
    responses: {
      202: jsonResponse('Queued; progress at GET /v1/admin/emails/bulk/{id}', emailJobSchema),
      ...errorResponses(400, 401, 403, 413, 415, 422, 503),
    },
  }),
  emailJobs: createRoute({
    method: 'get',
    path: '/emails/bulk',
    tags,
    security,
    middleware,
    summary: 'Bulk sends and weekly summaries with their progress, newest first',
    request: { query: listQuerySchema },
    responses: {
      200: jsonResponse('Email jobs', pageSchema(emailJobSchema)),
      ...errorResponses(401, 403, 422),
    },
  }),
  emailJob: createRoute({
    method: 'get',
    path: '/emails/bulk/{id}',
    tags,
    security,
    middleware,
    summary: 'One bulk send or weekly summary: queued, sent and failed counts',
    request: { params: idParam('ejb') },
    responses: { 200: jsonResponse('Email job', emailJobSchema), ...errorResponses(401, 403, 404) },
  }),
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
    c.json(await redriveDeadLetter(c.env, c.var.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(routes.breakers, async (c) => c.json(await listBreakers(c.var.db, cooldownMs(c.env)), 200))
  .openapi(routes.webhookEndpoints, async (c) =>
    c.json(await listAllEndpoints(c.var.db, c.req.valid('query')), 200),
  )
  // Before /emails/{id}, so `bulk` is not taken for an email id.
  .openapi(routes.bulkSend, async (c) =>
    c.json(await sendBulkEmail(c.env, c.var.db, c.var.principal, c.req.valid('json')), 202),
  )
  .openapi(routes.emailJobs, async (c) => c.json(await listEmailJobs(c.var.db, c.req.valid('query')), 200))
  .openapi(routes.emailJob, async (c) => c.json(await getEmailJob(c.var.db, c.req.valid('param').id), 200))
  .openapi(routes.emails, async (c) => c.json(await listEmails(c.var.db, c.req.valid('query')), 200))
  .openapi(routes.email, async (c) => c.json(await getEmail(c.var.db, c.req.valid('param').id), 200));
