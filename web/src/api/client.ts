// The typed API client: openapi-fetch over the types generated from the Worker's own OpenAPI document, so
// a path, parameter or body the API does not accept fails `tsc`, not the user.
import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../session';
import { ApiProblem } from './problem';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Task = Schemas['Task'];
export type Engagement = Schemas['Engagement'];
export type Expert = Schemas['Expert'];
export type Extraction = Schemas['Extraction'];
export type Payment = Schemas['Payment'];
export type Payout = Schemas['Payout'];
export type FileInfo = Schemas['File'];
export type DocumentInfo = Schemas['Document'];
export type Automation = Schemas['Automation'];
export type Credits = Schemas['Credits'];
export type CreditEntry = Schemas['CreditEntry'];

const authenticate: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token && !request.headers.has('Authorization'))
      request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // An expired or revoked session: back to sign-in instead of a page of errors.
    if (response.status === 401 && request.headers.has('Authorization')) session.expire();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost:8787' });
api.use(authenticate);

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

/** A fresh Idempotency-Key per user action: a retried submit of the same form reuses it. */
export const idempotencyKey = () => crypto.randomUUID();
