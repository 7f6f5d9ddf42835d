// After a request that may have written events, relay them without making the client wait.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { log } from '../lib/logger';
import { relayPending } from './relay';

export const relayAfterResponse: MiddlewareHandler<AppEnv> = async function relayAfterResponse(c, next) {
  await next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 400) return;
  let waitUntil: (promise: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    return; // called without an execution context (e.g. app.request in a unit test): the sweep relays
  }
  // The webhook deliveries' first attempts are made right here too: the commit-to-attempt time is the relay's
  // and the endpoint's, with no queue hop in between (bench:webhooks; events/relay.ts).
  waitUntil(
    relayPending(c.env, { attemptNow: true }).catch((error: unknown) => {
      // Not lost: the */5 sweep relays whatever this missed.
      log.error('relay after response failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }),
  );
};
