// GET /v1/home: the start page's figures for the caller's role, in one request.
import { createRoute } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { homeSchema } from './schema';
import { homeFor } from './service';

const route = createRoute({
  method: 'get',
  path: '/home',
  tags: ['Home'],
  security: bearerSecurity,
  summary:
    "The caller's start page in figures: a company's open tasks, automation, spend, credits and activity; an expert's reviews, earnings, next payout and requests; an admin's volume, fees, queues and alerts",
  responses: {
    200: jsonResponse('The figures of the caller’s role', homeSchema),
    ...errorResponses(401, 403),
  },
});

// A company's API key reads it with metrics:read: it is a summary of figures, like GET /v1/metrics.
export const homeRoutes = createRouter({ scope: 'metrics' }).openapi(route, async (c) =>
  c.json(await homeFor(c.var.scope, c.env), 200),
);
