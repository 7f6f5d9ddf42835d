// Which provider this deployment uses: Stripe with a secret key; without one, the embedded test provider in
// local development only, and a 503 naming the missing secret anywhere else.
import { loadConfig } from '../../config';
import { ApiError } from '../../lib/errors';
import { embeddedProvider } from './embedded-provider';
import type { PaymentsProvider } from './provider';
import { stripeProvider } from './stripe-provider';

export const PAYMENTS_NOT_CONFIGURED =
  'Payments are not configured: STRIPE_SECRET_KEY is not set (the embedded test provider runs only with ENVIRONMENT=development)';

export function paymentsProvider(env: Env): PaymentsProvider {
  const { STRIPE_SECRET_KEY: key, ENVIRONMENT } = loadConfig(env);
  if (key) return stripeProvider(env, key);
  if (ENVIRONMENT === 'development') return embeddedProvider(env);
  throw new ApiError(503, PAYMENTS_NOT_CONFIGURED);
}

/** Confirming with a test card is for test mode: Stripe test keys, or the embedded provider. */
export function allowsTestConfirm(env: Env): boolean {
  const key = loadConfig(env).STRIPE_SECRET_KEY;
  return !key || key.startsWith('sk_test_') || key.startsWith('rk_test_');
}
