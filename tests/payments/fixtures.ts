// Shared setup for the payment tests: an active engagement, Stripe-signed webhook deliveries (with Stripe's
// own signer), and a Worker env that uses Stripe (test key) with its HTTP API intercepted at fetch.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import Stripe from 'stripe';
import worker from '../../src/index';
import { call, json, ORIGIN } from '../helpers';
import { activeEngagement } from '../tasks/fixtures';

export const WEBHOOK_SECRET = 'whsec_test_stripe_webhook_secret_for_tests';
const signer = new Stripe('sk_test_signer', { httpClient: Stripe.createFetchHttpClient() });
const cryptoProvider = Stripe.createSubtleCryptoProvider();

export async function stripeSignature(
  payload: string,
  options: { secret?: string; timestamp?: number } = {},
) {
  return signer.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp,
    cryptoProvider,
  });
}

/** Delivers a Stripe event to the webhook, signed as Stripe signs it (or with the given header). */
export async function deliverStripe(event: Record<string, unknown>, signature?: string) {
  const payload = JSON.stringify(event);
  return call('/v1/webhooks/stripe', {
    body: payload,
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signature ?? (await stripeSignature(payload)),
    },
  });
}

let seq = 0;
export const stripeEvent = (
  type: string,
  object: Record<string, unknown>,
  id = `evt_test_${Date.now()}_${++seq}`,
) => ({
  id,
  object: 'event',
  api_version: '2026-10-28.endive',
  created: Math.floor(Date.now() / 1000),
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type,
  data: { object },
});

export async function paidParties() {
  return activeEngagement(['CTAX']);
}

/** A payment created (and, unless told otherwise, paid with pm_card_visa) through the API with the embedded provider. */
export async function payment(
  parties: Awaited<ReturnType<typeof paidParties>>,
  amount = 100_000,
  pay = true,
) {
  const created = await call(`/v1/engagements/${parties.engagementId}/payments`, {
    token: parties.company.token,
    json: { amount, currency: 'eur', description: 'November retainer' },
  });
  if (created.status !== 201) throw new Error(`payment failed: ${created.status} ${await created.text()}`);
  const body = await json(created);
  if (!pay) return body;
  const confirmed = await call(`/v1/payments/${body.id}/confirm`, {
    token: parties.company.token,
    json: { payment_method: 'pm_card_visa' },
  });
  return json(confirmed);
}

/** Calls the Worker with Stripe configured (test key): the SDK's requests go to the spied fetch. */
export async function callWithStripe(
  path: string,
  init: { method?: string; token?: string; json?: unknown } = {},
) {
  const headers = new Headers();
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let body: string | undefined;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const request = new Request(`${ORIGIN}${path}`, {
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const stripeEnv = { ...env, STRIPE_SECRET_KEY: 'sk_test_51EngageTests' } as Env;
  const ctx = createExecutionContext();
  const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], stripeEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
