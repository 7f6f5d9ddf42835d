// One structured log line per request, carrying the request id that the response also returns.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { log } from './logger';

export const requestLog: MiddlewareHandler<AppEnv> = async function requestLog(c, next) {
  const started = Date.now();
  await next();
  const status = c.res.status;
  const fields = {
    request_id: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    status,
    duration_ms: Date.now() - started,
    principal: c.get('principal')?.userId,
  };
  if (status >= 500) log.error('request failed', fields);
  else log.info('request', fields);
};
