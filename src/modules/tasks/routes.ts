// Task routes: create and list on an engagement, list across engagements, read one, the expert's review,
// the calibration and automation reports.
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
import { automationReport, calibration } from './calibration';
import { reviewTask } from './review';
import {
  automationQuerySchema,
  automationSchema,
  calibrationSchema,
  createTaskSchema,
  listAllTasksQuerySchema,
  listTasksQuerySchema,
  reviewSchema,
  taskSchema,
} from './schema';
import { createTask, createTasks, getTask, listEngagementTasks, listTasks, MAX_BATCH_TASKS } from './service';

const tags = ['Tasks'];
const security = bearerSecurity;

const routes = {
  create: createRoute({
    method: 'post',
    path: '/engagements/{id}/tasks',
    tags,
    security,
    summary: 'Create a task on an active engagement (company); it is queued for processing',
    middleware: [requireRole('company'), idempotent()],
    request: { params: idParam('eng'), body: jsonBody(createTaskSchema) },
    responses: {
      202: jsonResponse('Queued', taskSchema),
      ...errorResponses(400, 401, 402, 403, 404, 409, 415, 422),
    },
  }),
  createBatch: createRoute({
    method: 'post',
    path: '/engagements/{id}/tasks/batch',
    tags,
    security,
    summary: `Create up to ${MAX_BATCH_TASKS} tasks at once (company): all or none`,
    middleware: [requireRole('company'), idempotent()],
    request: {
      params: idParam('eng'),
      body: jsonBody(
        z.object({ tasks: z.array(createTaskSchema).min(1).max(MAX_BATCH_TASKS) }).openapi('CreateTasks'),
      ),
    },
    responses: {
      202: jsonResponse('Queued', z.object({ data: z.array(taskSchema) })),
      ...errorResponses(400, 401, 402, 403, 404, 409, 413, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/engagements/{id}/tasks',
    tags,
    security,
    summary:
      "An engagement's tasks: searchable, sortable (newest first by default), filtered by status, module and date",
    request: { params: idParam('eng'), query: listTasksQuerySchema },
    responses: {
      200: jsonResponse('A page of tasks', pageSchema(taskSchema)),
      ...errorResponses(401, 404, 422),
    },
  }),
  listAll: createRoute({
    method: 'get',
    path: '/tasks',
    tags,
    security,
    summary:
      "Tasks visible to the caller, newest first: a company's own, an expert's engagements' (e.g. ?status=needs_review: the review queue), all for an admin",
    request: { query: listAllTasksQuerySchema },
    responses: {
      200: jsonResponse('A page of tasks', pageSchema(taskSchema)),
      ...errorResponses(401, 422),
    },
  }),
  calibration: createRoute({
    method: 'get',
    path: '/engagements/{id}/calibration',
    tags,
    security,
    summary:
      'Review outcomes per confidence band, to tune the review threshold, with the automation figures of the engagement',
    request: { params: idParam('eng'), query: automationQuerySchema },
    responses: { 200: jsonResponse('Calibration', calibrationSchema), ...errorResponses(401, 404, 422) },
  }),
  automation: createRoute({
    method: 'get',
    path: '/automation',
    tags,
    security,
    summary:
      "How much of the work the AI finishes unseen and which fields reviews correct, per ISO week: a company's own engagements, all for an admin",
    middleware: [requireRole('company', 'admin')],
    request: { query: automationQuerySchema },
    responses: { 200: jsonResponse('Automation', automationSchema), ...errorResponses(401, 403, 422) },
  }),
  get: createRoute({
    method: 'get',
    path: '/tasks/{id}',
    tags,
    security,
    summary: 'One task with its result',
    request: { params: idParam('tsk') },
    responses: { 200: jsonResponse('The task', taskSchema), ...errorResponses(401, 404) },
  }),
  review: createRoute({
    method: 'post',
    path: '/tasks/{id}/review',
    tags,
    security,
    summary:
      'Approve (optionally with a corrected output) or reject a task that needs review (engaged expert)',
    middleware: [requireRole('expert')],
    request: { params: idParam('tsk'), body: jsonBody(reviewSchema) },
    responses: {
      200: jsonResponse('Reviewed', taskSchema),
      ...errorResponses(400, 401, 403, 404, 409, 415, 422),
    },
  }),
};

export const taskRoutes = createRouter({ scope: 'tasks' })
  .openapi(routes.create, async (c) =>
    c.json(await createTask(c.env, c.var.scope, c.req.valid('param').id, c.req.valid('json')), 202),
  )
  .openapi(routes.createBatch, async (c) => {
    const { tasks } = c.req.valid('json');
    return c.json({ data: await createTasks(c.env, c.var.scope, c.req.valid('param').id, tasks) }, 202);
  })
  .openapi(routes.list, async (c) =>
    c.json(await listEngagementTasks(c.var.scope, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(routes.listAll, async (c) => c.json(await listTasks(c.var.scope, c.req.valid('query')), 200))
  .openapi(routes.calibration, async (c) =>
    c.json(await calibration(c.var.scope, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(routes.automation, async (c) =>
    c.json(await automationReport(c.var.scope, c.req.valid('query')), 200),
  )
  .openapi(routes.get, async (c) => c.json(await getTask(c.var.scope, c.req.valid('param').id), 200))
  .openapi(routes.review, async (c) =>
    c.json(await reviewTask(c.env, c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  );
