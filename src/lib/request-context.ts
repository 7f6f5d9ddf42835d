// The request a piece of work runs for, without threading it through every call: set once per request by
// the app's middleware (AsyncLocalStorage, from nodejs_compat), and again by the queue consumers for each
// message from the id it carries, so events, emails and webhook deliveries made on the request's behalf,
// however far downstream, say which request caused them (GET /v1/admin/trace/:request_id follows them).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

interface RequestStore {
  requestId: string | null;
  /** Set once a row was stamped with the id (an event, an email): the request is worth a trace. */
  stamped?: boolean;
}

const context = new AsyncLocalStorage<RequestStore>();

export const currentRequestId = (): string | null => context.getStore()?.requestId ?? null;

/** The id to write on a row that the request caused; notes that the request left something to trace. */
export function stampRequestId(): string | null {
  const store = context.getStore();
  if (store?.requestId) store.stamped = true;
  return store?.requestId ?? null;
}

/** True when the current request stamped a row (see stampRequestId). */
export const requestStamped = (): boolean => context.getStore()?.stamped === true;

/** `{request_id}` for a queue message sent on the current request's behalf; empty outside any request. */
export function requestIdField(): { request_id?: string } {
  const requestId = currentRequestId();
  return requestId ? { request_id: requestId } : {};
}

/**
 * Runs `fn` on behalf of the request a queue message carries: null for none; undefined (a message that
 * carries no id) keeps whatever the caller runs for, which for a queue consumer is none.
 */
export function inRequest<T>(requestId: string | null | undefined, fn: () => T): T {
  return requestId === undefined ? fn() : context.run({ requestId }, fn);
}

export const requestContext: MiddlewareHandler<AppEnv> = function requestContext(c, next) {
  return context.run({ requestId: c.get('requestId') }, next);
};
