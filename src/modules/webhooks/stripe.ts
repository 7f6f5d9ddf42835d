// POST /v1/webhooks/stripe: Stripe's events, verified with constructEventAsync over the raw body (300 s
// tolerance). Bad or stale signature → 400. Each event id is handled once; a duplicate delivery is a 200 no-op,
// and unknown types are acknowledged and ignored, so Stripe stops retrying them.
import { createRoute, z } from '@hono/zod-openapi';
import Stripe from 'stripe';
import { loadConfig } from '../../config';
import { ApiError, badRequest, fieldErrors } from '../../lib/errors';
import { createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { handleProviderEvent } from '../payments/events';
import type { ProviderEvent } from '../payments/provider';
import { createStripeClient } from '../payments/stripe-provider';

const TOLERANCE_SECONDS = 300;
const cryptoProvider = Stripe.createSubtleCryptoProvider();

const eventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const id = z.string().min(1);
const amount = z.number().int().nonnegative();
const intentRef = z.union([z.string(), z.looseObject({ id })]).nullish();
/** A billed period's invoice: found by id (or the payment id in its metadata); its intent, by either API version. */
const invoice = z.looseObject({
  id,
  metadata: z.record(z.string(), z.string()).nullish(),
  payment_intent: intentRef,
  payments: z
    .looseObject({
      data: z.array(z.looseObject({ payment: z.looseObject({ payment_intent: intentRef }).nullish() })),
    })
    .nullish(),
});

/** What the handlers of each event type read from `data.object` (other fields pass untouched). */
const OBJECT_SHAPES: Record<string, z.ZodType> = {
  'payment_intent.succeeded': z.looseObject({ id }),
  'payment_intent.payment_failed': z.looseObject({
    id,
    last_payment_error: z
      .looseObject({ message: z.string().nullish(), code: z.string().nullish() })
      .nullish(),
  }),
  'charge.refunded': z.looseObject({ id, payment_intent: z.string().nullable(), amount_refunded: amount }),
  'transfer.reversed': z.looseObject({ id, transfer_group: z.string().nullish(), amount_reversed: amount }),
  'account.updated': z.looseObject({ id, payouts_enabled: z.boolean().nullish() }),
  'charge.dispute.created': z.looseObject({
    id,
    payment_intent: z.string().nullable(),
    amount,
    reason: z.string().nullish(),
  }),
  'charge.dispute.closed': z.looseObject({ id, payment_intent: z.string().nullable(), status: z.string() }),
  'invoice.paid': invoice,
  // Whether Stripe tries again decides between awaiting a retry and overdue: the field must be there.
  'invoice.payment_failed': invoice.extend({ next_payment_attempt: z.number().int().nullable() }),
  'invoice.marked_uncollectible': invoice,
  'invoice.voided': invoice,
};

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
  // A valid signature says who sent the body, not that it has the shape the handlers read.
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success)
    throw new ApiError(400, 'Signed payload is not a Stripe event', { errors: fieldErrors(parsed.error) });
  // Own keys only: a type named like an Object.prototype member ("toString") is no shape of ours.
  const shape = Object.hasOwn(OBJECT_SHAPES, parsed.data.type) ? OBJECT_SHAPES[parsed.data.type] : undefined;
  const object = shape?.safeParse(parsed.data.data.object);
  if (object && !object.success)
    throw new ApiError(400, `Signed ${parsed.data.type} event has an unexpected object`, {
      errors: fieldErrors(object.error),
    });
  const outcome = await handleProviderEvent(c.env, parsed.data as ProviderEvent);
  return c.json({ received: true, outcome }, 200);
});
