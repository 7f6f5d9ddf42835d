// The first step of a trace: the request itself (method, path, status, duration), kept only for requests that
// stamped their id on something (an event, an email, an admin action), in the background after the response.
// Requests that stamped nothing (reads, most refusals) cost no D1 write; the log line covers every request.
import type { MiddlewareHandler } from 'hono';
import { createDb } from '../../db/client';
import { tracedRequests } from '../../db/schema';
import type { AppEnv } from '../../env';
import { log } from '../../lib/logger';
import { requestStamped } from '../../lib/request-context';

export const recordTracedRequest: MiddlewareHandler<AppEnv> = async function recordTracedRequest(c, next) {
  const started = Date.now();
  await next();
  if (!requestStamped()) return;
  let waitUntil: (promise: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    return; // no execution context (app.request in a unit test): the trace starts at the first event
  }
  const row = {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    durationMs: Date.now() - started,
    userId: c.get('principal')?.userId ?? null,
    startedAt: new Date(started).toISOString(),
  };
  waitUntil(
    createDb(c.env.DB)
      .insert(tracedRequests)
      .values(row)
      .onConflictDoNothing()
      .catch((error: unknown) => {
        // Only the trace's first step is missing: it starts at the request's first event instead.
        log.warn('traced request not recorded', { request_id: row.requestId, error: String(error) });
      }),
  );
};
