// Payment routes: bill an engagement, confirm with a test card, read payments; the expert's balance and
// Stripe Connect onboarding.
import { createRoute } from '@hono/zod-openapi';
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
  balanceSchema,
  confirmPaymentSchema,
  connectSchema,
  createPaymentSchema,
  listPaymentsQuerySchema,
  paymentSchema,
} from './schema';
import {
  confirmPayment,
  connectExpertAccount,
  createPayment,
  expertBalance,
  getPayment,
  listPayments,
} from './service';

const tags = ['Payments'];
const security = bearerSecurity;

const routes = {
  create: createRoute({
    method: 'post',
    path: '/engagements/{id}/payments',
    tags,
    security,
    summary: 'Bill an active engagement (its company, or an admin): a PaymentIntent to confirm',
    middleware: [requireRole('company', 'admin'), idempotent()],
    request: { params: idParam('eng'), body: jsonBody(createPaymentSchema) },
    responses: {
      201: jsonResponse('Created, pending confirmation', paymentSchema),
      ...errorResponses(400, 401, 403, 404, 409, 415, 422, 503),
    },
  }),
  confirm: createRoute({
    method: 'post',
    path: '/payments/{id}/confirm',
    tags,
    security,
    summary: 'Confirm with a test card (pm_card_visa, pm_card_chargeDeclined): test mode only',
    middleware: [requireRole('company', 'admin')],
    request: { params: idParam('pay'), body: jsonBody(confirmPaymentSchema) },
    responses: {
      200: jsonResponse(
        'The payment after confirmation (paid, or failed for a declined card)',
        paymentSchema,
      ),
      ...errorResponses(400, 401, 403, 404, 409, 415, 422, 503),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/payments',
    tags,
    security,
    summary:
      'Payments (a company its own, an expert those paying them, an admin all): searchable, sortable, filtered',
    request: { query: listPaymentsQuerySchema },
    responses: {
      200: jsonResponse('A page of payments', pageSchema(paymentSchema)),
      ...errorResponses(401, 422),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/payments/{id}',
    tags,
    security,
    summary: 'One payment',
    request: { params: idParam('pay') },
    responses: { 200: jsonResponse('The payment', paymentSchema), ...errorResponses(401, 404) },
  }),
  balance: createRoute({
    method: 'get',
    path: '/experts/me/balance',
    tags,
    security,
    summary: "The expert's balance per currency, from the ledger",
    middleware: [requireRole('expert')],
    responses: { 200: jsonResponse('Balances', balanceSchema), ...errorResponses(401, 403) },
  }),
  connect: createRoute({
    method: 'post',
    path: '/experts/me/connect',
    tags,
    security,
    summary: 'Start (or continue) Stripe Connect onboarding; the embedded provider connects at once',
    middleware: [requireRole('expert')],
    responses: {
      200: jsonResponse('The connected account', connectSchema),
      ...errorResponses(401, 403, 503),
    },
  }),
};

export const paymentRoutes = createRouter({ scope: 'payments' })
  .openapi(routes.create, async (c) =>
    c.json(await createPayment(c.env, c.var.scope, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(routes.confirm, async (c) =>
    c.json(await confirmPayment(c.env, c.var.scope, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(routes.list, async (c) => c.json(await listPayments(c.var.scope, c.req.valid('query')), 200))
  .openapi(routes.get, async (c) => c.json(await getPayment(c.var.scope, c.req.valid('param').id), 200))
  .openapi(routes.balance, async (c) =>
    c.json(await expertBalance(c.var.scope, c.var.principal.expertId ?? ''), 200),
  )
  .openapi(routes.connect, async (c) =>
    c.json(await connectExpertAccount(c.env, c.var.db, c.var.principal.expertId ?? ''), 200),
  );
