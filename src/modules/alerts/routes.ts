// GET /v1/admin/alerts: incidents, newest first, open ones by `?status=open`; with the rules they come from.
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { type Alert, alerts } from '../../db/schema';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { afterCursor, listQuerySchema, toPage } from '../../lib/pagination';
import { requireRole } from '../auth/middleware';
import { ALERT_RULES } from './rules';

export const alertSchema = z
  .object({
    id: z.string(),
    rule: z.string(),
    description: z.string().openapi({ description: 'What the rule watches' }),
    status: z.enum(['open', 'closed']),
    detail: z
      .string()
      .openapi({ description: 'What it saw, in words (when opened; when closed, the recovery)' }),
    value: z.number().nullable(),
    opened_at: z.string(),
    closed_at: z.string().nullable(),
    clear_since: z.string().nullable().openapi({
      description:
        'An open alert whose rule stopped firing: since when. It closes after 15 minutes clear; a relapse before keeps it open',
    }),
  })
  .openapi('Alert');

const route = createRoute({
  method: 'get',
  path: '/alerts',
  tags: ['Operations'],
  security: bearerSecurity,
  summary:
    'Alerts (admin): one per rule and incident, emailed to admins when opened and when recovered (15 minutes clear)',
  middleware: [requireRole('admin')],
  request: { query: listQuerySchema.extend({ status: z.enum(['open', 'closed']).optional() }) },
  responses: {
    200: jsonResponse(
      'A page of alerts, and the rules',
      z.object({
        data: z.array(alertSchema),
        next_cursor: z.string().nullable(),
        rules: z.array(z.object({ name: z.string(), description: z.string() })),
      }),
    ),
    ...errorResponses(401, 403, 422),
  },
});

export function toAlertView(row: Alert) {
  return {
    id: row.id,
    rule: row.rule,
    description: ALERT_RULES.find((r) => r.name === row.rule)?.description ?? row.rule,
    status: row.status,
    detail: row.detail,
    value: row.value,
    opened_at: row.openedAt,
    closed_at: row.closedAt,
    clear_since: row.status === 'open' ? row.clearSince : null,
  };
}

export const alertRoutes = createRouter().openapi(route, async (c) => {
  const query = c.req.valid('query');
  const rows = await c.var.db
    .select()
    .from(alerts)
    .where(
      and(query.status ? eq(alerts.status, query.status) : undefined, afterCursor(alerts.id, query.cursor)),
    )
    .orderBy(desc(alerts.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, toAlertView);
  return c.json({ ...page, rules: ALERT_RULES.map(({ name, description }) => ({ name, description })) }, 200);
});
