// The Hono app: global middleware, error handling, and one mount per domain.

import { Scalar } from '@scalar/hono-api-reference';
import { requestId } from 'hono/request-id';
import { ConfigError, loadConfig } from './config';
import { createDb } from './db/client';
import { INTRODUCTION } from './docs/introduction';
import { registerEventWebhooks } from './events/openapi';
import { relayAfterResponse } from './events/relay-after-response';
import { ApiError, handleError, problemResponse } from './lib/errors';
import { log } from './lib/logger';
import { createRouter } from './lib/openapi';
import { requestContext } from './lib/request-context';
import { requestLog } from './lib/request-log';
import { activityRoutes } from './modules/activity/routes';
import { adminRoutes } from './modules/admin/routes';
import { alertRoutes } from './modules/alerts/routes';
import { apiKeyRoutes } from './modules/api-keys/routes';
import { auditRoutes } from './modules/audit/routes';
import { authRoutes } from './modules/auth/routes';
import { billingRoutes } from './modules/billing/routes';
import { creditRoutes } from './modules/credits/routes';
import { documentRoutes, signedDocumentRoutes } from './modules/documents/routes';
import { engagementRoutes } from './modules/engagements/routes';
import { eventRoutes } from './modules/events/routes';
import { expertRoutes } from './modules/experts/routes';
import { extractionBatchEventRoutes, extractionBatchRoutes } from './modules/extraction-batches/routes';
import { extractionEventRoutes, extractionRoutes } from './modules/extractions/routes';
import { fileRoutes, signedFileRoutes } from './modules/files/routes';
import { healthRoutes } from './modules/health/routes';
import { homeRoutes } from './modules/home/routes';
import { createMcpRoutes } from './modules/mcp/routes';
import { meRoutes } from './modules/me/routes';
import { metricRoutes } from './modules/metrics/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { orgRoutes } from './modules/orgs/routes';
import { paymentRoutes } from './modules/payments/routes';
import { payoutRoutes } from './modules/payouts/routes';
import { roomRoutes } from './modules/rooms/routes';
import { taskRoutes } from './modules/tasks/routes';
import { recordTracedRequest } from './modules/trace/record';
import { traceRoutes } from './modules/trace/routes';
import { adminUserRoutes } from './modules/users/routes';
import { webhookEndpointRoutes } from './modules/webhook-endpoints/routes';
import { resendWebhookRoutes } from './modules/webhooks/resend';
import { stripeWebhookRoutes } from './modules/webhooks/stripe';

export const app = createRouter();

app.use(requestId());
app.use(requestContext);
app.use(requestLog);
app.use('/v1/*', recordTracedRequest);
app.use('/v1/*', relayAfterResponse);
app.use('/v1/*', async function prepare(c, next) {
  try {
    loadConfig(c.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.error('configuration invalid', { problems: error.problems });
    throw new ApiError(503, `Engage is misconfigured: ${error.problems.join('; ')}`);
  }
  c.set('db', createDb(c.env.DB));
  await next();
});

app.onError(handleError);
app.notFound((c) => problemResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));

// Public: health, docs, auth, webhooks, signed downloads (their routes declare no `security`).
app.route('/health', healthRoutes);
app.route('/v1/auth', authRoutes);
app.route('/v1/webhooks', resendWebhookRoutes);
app.route('/v1/webhooks', stripeWebhookRoutes);
app.route('/v1/files', signedFileRoutes);
app.route('/v1/documents', signedDocumentRoutes);
// Authenticates itself: it also accepts ?token= for browsers' WebSocket upgrades.
app.route('/v1/engagements', roomRoutes);
// Progress streams authenticate themselves too (EventSource cannot set headers: ?token=).
app.route('/v1/extractions', extractionEventRoutes);
app.route('/v1/extraction-batches', extractionBatchEventRoutes);

app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  description: 'A session JWT from POST /v1/auth/login, or an API key (ek_…)',
});
registerEventWebhooks(app.openAPIRegistry);
app.doc31('/v1/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Engage API',
    version: '1.0.0',
    description: INTRODUCTION,
  },
  servers: [{ url: '/' }],
});
// Scalar's bundle is served from our own assets (copied from node_modules), so the docs work offline: no
// web fonts (system fonts instead), no telemetry, and none of the controls that need Scalar's services (the
// hosted API client and its proxy, the agent, the MCP upsell, the developer toolbar).
app.get(
  '/docs',
  Scalar({
    url: '/v1/openapi.json',
    pageTitle: 'Engage API',
    cdn: '/vendor/scalar.js',
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: true,
    hideTestRequestButton: true,
    showDeveloperTools: 'never',
    mcp: { disabled: true },
    // Known to the bundle's configuration schema, not yet to this package's types.
    ...({ agent: { disabled: true } } as object),
  }),
);

// Each route that declares `security` authenticates itself (see createRouter); an unknown path matches no
// route and is a 404, signed in or not.
app.route('/v1/me', meRoutes);
app.route('/v1/notifications', notificationRoutes);
app.route('/v1/api-keys', apiKeyRoutes);
app.route('/v1/webhook-endpoints', webhookEndpointRoutes);
app.route('/v1', eventRoutes);
app.route('/v1/experts', expertRoutes);
app.route('/v1/orgs', orgRoutes);
// Before the engagement router, whose POST /{id}/{action} would otherwise claim /{id}/tasks.
app.route('/v1', taskRoutes);
app.route('/v1', paymentRoutes);
app.route('/v1', creditRoutes);
app.route('/v1', metricRoutes);
app.route('/v1', homeRoutes);
app.route('/v1', payoutRoutes);
app.route('/v1/engagements', billingRoutes);
app.route('/v1/engagements', activityRoutes);
app.route('/v1/engagements', engagementRoutes);
app.route('/v1/files', fileRoutes);
app.route('/v1/documents', documentRoutes);
app.route('/v1/extractions', extractionRoutes);
app.route('/v1/extraction-batches', extractionBatchRoutes);
app.route('/v1/admin', adminRoutes);
app.route('/v1/admin', alertRoutes);
app.route('/v1/admin', traceRoutes);
app.route('/v1/admin', auditRoutes);
app.route('/v1/admin/users', adminUserRoutes);
// The MCP server's tools run REST operations through this same app, with the caller's credentials.
app.route(
  '/v1/mcp',
  createMcpRoutes(async (c, request) => app.fetch(request, c.env, c.executionCtx)),
);
