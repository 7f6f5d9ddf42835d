// @engage/client: a typed client for the Engage API — openapi-fetch over the types generated from the API's
// own OpenAPI document (`bun run api:types`), so a path, parameter or body the API does not accept fails
// `tsc`. Authenticates with a session token or an API key; refusals come back as ApiProblem (problem+json).
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { ApiProblem } from './problem';
import type { components, paths } from './schema';

export { ApiProblem, asProblem } from './problem';
export type { components, paths } from './schema';
export type Schemas = components['schemas'];
export type EngageClient = Client<paths>;

export interface EngageClientOptions {
  /** e.g. `http://localhost:8787` or your deployment's origin. */
  baseUrl: string;
  /** An API key (`ek_…`) or a session token, or a function returning the current one. */
  token?: string | (() => string | null | undefined);
  /** Called on a 401 to an authenticated request (the dashboard signs out). */
  onUnauthorized?: () => void;
  fetch?: typeof globalThis.fetch;
}

export function createEngageClient(options: EngageClientOptions): EngageClient {
  const tokenOf =
    typeof options.token === 'function' ? options.token : () => options.token as string | undefined;
  const authenticate: Middleware = {
    onRequest({ request }) {
      const token = tokenOf();
      if (token && !request.headers.has('Authorization'))
        request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && request.headers.has('Authorization')) options.onUnauthorized?.();
      return response;
    },
  };
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(authenticate);
  return client;
}

/** The data of a successful call, or an ApiProblem carrying the problem+json the API answered. */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (cause) {
    throw ApiProblem.network(cause);
  }
  if (!result.response.ok || result.data === undefined || result.data === null) {
    throw ApiProblem.from(result.response, result.error);
  }
  return result.data as NonNullable<T>;
}

/** A fresh Idempotency-Key: send it with a create, and again with its retries. */
export const idempotencyKey = () => crypto.randomUUID();
