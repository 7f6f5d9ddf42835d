// POST /v1/webhooks/stripe: Stripe's events, verified with constructEventAsync over the raw body (300 s
// tolerance). Bad or stale signature → 400. Each event id is handled once; a duplicate delivery is a 200 no-op,
// and unknown types are acknowledged and ignored, so Stripe stops retrying them.
import { createRoute, z } from '@hono/zod-openapi';
import Stripe from 'stripe';
import { loadConfig } from '../../config';
import { ApiError, badRequest } from '../../lib/errors';
import { createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { handleProviderEvent } from '../payments/events';
import type { ProviderEvent } from '../payments/provider';
import { createStripeClient } from '../payments/stripe-provider';

const TOLERANCE_SECONDS = 300;
const cryptoProvider = Stripe.createSubtleCryptoProvider();

const route = createRoute({
  method: 'post',
  path: '/stripe',
  tags: ['Webhooks'],
  summary: 'Stripe events (signed with the Stripe-Signature header)',
  request: { headers: z.object({ 'stripe-signature': z.string().optional() }) },
  responses: {
    200: jsonResponse(
      'Accepted',
      z.object({ received: z.boolean(), outcome: z.enum(['handled', 'duplicate', 'ignored']) }),
    ),
    ...errorResponses(400),
    503: { description: 'STRIPE_WEBHOOK_SECRET is not configured' },
  },
});

export const stripeWebhookRoutes = createRouter().openapi(route, async (c) => {
  const { STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: key } = loadConfig(c.env);
  if (!secret) throw new ApiError(503, 'STRIPE_WEBHOOK_SECRET is not configured');
  const raw = await c.req.text();
  let event: Stripe.Event;
  try {
    // The client's key plays no part in verification; any placeholder builds the helper.
    event = await createStripeClient(key ?? 'sk_unused').webhooks.constructEventAsync(
      raw,
      c.req.header('stripe-signature') ?? '',
      secret,
      TOLERANCE_SECONDS,
      cryptoProvider,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw badRequest(`Signature verification failed: ${error.message}`);
    }
    throw badRequest('Signature verification failed');
  }
  if (
    typeof event?.id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.data?.object !== 'object'
  ) {
    throw badRequest('Signed payload is not a Stripe event');
  }
  const outcome = await handleProviderEvent(c.env, event as unknown as ProviderEvent);
  return c.json({ received: true, outcome }, 200);
});
