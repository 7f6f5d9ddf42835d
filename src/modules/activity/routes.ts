// GET /v1/engagements/:id/activity: the engagement's timeline for its parties and admins.
import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, idParam, jsonResponse } from '../../lib/openapi';
import { listQuerySchema, pageSchema } from '../../lib/pagination';
import { engagementActivity } from './service';

export const activitySchema = z
  .object({
    id: z.string(),
    seq: z.number().int().nullable(),
    type: z.string().openapi({ description: 'The event type (see GET /v1/event-types)' }),
    at: z.string(),
    summary: z.string().openapi({ description: 'What happened, in words' }),
    actor: z
      .object({ id: z.string(), name: z.string(), role: z.enum(['company', 'expert', 'admin']) })
      .nullable()
      .openapi({ description: 'Who did it; null when the platform did (the AI, a cron, a provider)' }),
    details: z
      .object({
        name: z.string().optional().openapi({ description: 'The task’s title or the file’s name' }),
        amount: z.number().int().optional().openapi({ description: 'Minor units' }),
        currency: z.string().optional(),
        reviewed: z.boolean().optional().openapi({ description: 'task.completed: after an expert’s review' }),
        approved: z.boolean().optional().openapi({ description: 'task.reviewed: approved (or rejected)' }),
        reason: z
          .string()
          .optional()
          .openapi({ description: 'engagement.declined: `expired` when unanswered' }),
        audience: z
          .enum(['expert', 'company'])
          .optional()
          .openapi({ description: 'task.review_reminder: who was reminded' }),
      })
      .openapi({ description: 'The facts the summary tells, for a client to word them in its own language' }),
    links: z
      .record(z.string(), z.string())
      .openapi({ description: 'What it concerns: task_id, payment_id, file_id, payout_id, extraction_id…' }),
  })
  .openapi('Activity');

const route = createRoute({
  method: 'get',
  path: '/{id}/activity',
  tags: ['Engagements'],
  security: bearerSecurity,
  summary: "The engagement's activity, newest first: who did what, when (its parties and admins)",
  request: { params: idParam('eng'), query: listQuerySchema },
  responses: {
    200: jsonResponse('A page of activity', pageSchema(activitySchema)),
    ...errorResponses(401, 404, 422),
  },
});

export const activityRoutes = createRouter({ scope: 'engagements' }).openapi(route, async (c) =>
  c.json(await engagementActivity(c.var.scope, c.req.valid('param').id, c.req.valid('query')), 200),
);
