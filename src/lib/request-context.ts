// The request a piece of work runs for, without threading it through every call: set once per request by
// the app's middleware (AsyncLocalStorage, from nodejs_compat), read where events are recorded, so each
// event says which request caused it (GET /v1/admin/trace/:request_id follows it from there).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

const context = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = (): string | null => context.getStore()?.requestId ?? null;

export const requestContext: MiddlewareHandler<AppEnv> = function requestContext(c, next) {
  return context.run({ requestId: c.get('requestId') }, next);
};
