// GET /v1/engagements/:id/billing: an engagement's billing schedule and each period's payment.
import { createRoute, z } from '@hono/zod-openapi';
import { bearerSecurity, createRouter, errorResponses, idParam, jsonResponse } from '../../lib/openapi';
import { requireRole } from '../auth/middleware';
import { engagementBilling, setBillingPaused } from './service';

const billingSchema = z
  .object({
    engagement_id: z.string(),
    interval: z.enum(['month', 'week']),
    amount: z.number().int().describe('The rate per period, in minor units'),
    currency: z.string(),
    anchor: z
      .string()
      .nullable()
      .describe('The day billing started (acceptance, UTC); null before acceptance'),
    paused: z.boolean().describe('Periods that begin while paused are not billed'),
    overdue: z
      .boolean()
      .describe('A period’s collection failed for good (no retry left) and is not paid: payment overdue'),
    periods: z.array(
      z.object({
        id: z.string(),
        n: z.number().int(),
        start: z.string().describe('First day (UTC)'),
        end: z.string().describe('The next period’s first day (exclusive)'),
        amount: z.number().int().describe('The rate for the whole period'),
        currency: z.string(),
        skipped: z.boolean().describe('Began while billing was paused: not billed'),
        ended_on: z.string().nullable().describe('The engagement ended inside this period, on this day'),
        prorated_amount: z
          .number()
          .int()
          .nullable()
          .describe(
            'What the used days cost (rate × used days ÷ period days, rounded half up): the payment is lowered or the rest refunded',
          ),
        payment_id: z.string().nullable(),
        payment_status: z.enum(['pending', 'paid', 'failed', 'refunded', 'void']).nullable(),
        invoice_id: z
          .string()
          .nullable()
          .describe('The period’s Stripe Invoice (in_…; the embedded provider’s locally), once created'),
        retry_at: z
          .string()
          .nullable()
          .describe('The payment failed and Stripe retries it at this time (smart retries): not overdue yet'),
      }),
    ),
  })
  .openapi('EngagementBilling');

const billingRoute = createRoute({
  method: 'get',
  path: '/{id}/billing',
  tags: ['Payments'],
  security: bearerSecurity,
  summary: 'The billing schedule: one payment of the rate per period, billed in advance from acceptance',
  request: { params: idParam('eng') },
  responses: { 200: jsonResponse('Billing', billingSchema), ...errorResponses(401, 404) },
});

const pauseRoute = (action: 'pause' | 'resume') =>
  createRoute({
    method: 'post',
    path: `/{id}/billing/${action}`,
    tags: ['Payments'],
    security: bearerSecurity,
    middleware: [requireRole('company', 'admin')],
    summary:
      action === 'pause'
        ? 'Pause billing: periods that begin while paused are not billed'
        : 'Resume billing: the next period that begins is billed again',
    request: { params: idParam('eng') },
    responses: { 200: jsonResponse('Billing', billingSchema), ...errorResponses(401, 403, 404, 409) },
  });

export const billingRoutes = createRouter({ scope: 'payments' })
  .openapi(billingRoute, async (c) =>
    c.json(await engagementBilling(c.var.scope, c.req.valid('param').id), 200),
  )
  .openapi(pauseRoute('pause'), async (c) =>
    c.json(await setBillingPaused(c.var.scope, c.req.valid('param').id, true), 200),
  )
  .openapi(pauseRoute('resume'), async (c) =>
    c.json(await setBillingPaused(c.var.scope, c.req.valid('param').id, false), 200),
  );
