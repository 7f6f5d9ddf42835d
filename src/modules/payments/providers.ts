// Which provider this deployment uses: Stripe with a secret key, the embedded test provider without one.
import { loadConfig } from '../../config';
import { embeddedProvider } from './embedded-provider';
import type { PaymentsProvider } from './provider';
import { stripeProvider } from './stripe-provider';

export function paymentsProvider(env: Env): PaymentsProvider {
  const key = loadConfig(env).STRIPE_SECRET_KEY;
  return key ? stripeProvider(env, key) : embeddedProvider(env);
}

/** Confirming with a test card is for test mode: Stripe test keys, or the embedded provider. */
export function allowsTestConfirm(env: Env): boolean {
  const key = loadConfig(env).STRIPE_SECRET_KEY;
  return !key || key.startsWith('sk_test_') || key.startsWith('rk_test_');
}
