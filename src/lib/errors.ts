// Problem Details (RFC 9457): the one error type of the API and its conversion into a response.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { log } from './logger';

export interface FieldError {
  path: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  411: 'Length Required',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Problem types with their own meaning, beyond their status. Clients (the dashboard among them) key their
 * plain-words messages by these; a problem without one is `about:blank` and means what its status says.
 */
export const PROBLEM_TYPES = {
  validation: 'validation-failed',
  malformedJson: 'malformed-json',
  invalidCredentials: 'invalid-credentials',
  emailTaken: 'email-taken',
  accountDisabled: 'account-disabled',
  sessionExpired: 'session-expired',
  missingScope: 'missing-scope',
  unsupportedFileType: 'unsupported-file-type',
  damagedFile: 'damaged-file',
  fileTooLarge: 'file-too-large',
  unsafeUrl: 'unsafe-url',
  insufficientCredits: 'insufficient-credits',
  rateLimited: 'rate-limited',
  staleState: 'stale-state',
} as const;
export type ProblemSlug = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];
export const problemType = (slug: ProblemSlug) => `https://engage.test/problems/${slug}`;

/** Throw anywhere in a request; `problemResponse` turns it into application/problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      type?: string;
      /** RFC 9457 extension members, e.g. a 402's balance and price. */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export const badRequest = (detail: string) => new ApiError(400, detail);
export const unauthorized = (detail = 'Authentication required', slug?: ProblemSlug) =>
  new ApiError(401, detail, {
    headers: { 'WWW-Authenticate': 'Bearer' },
    ...(slug ? { type: problemType(slug) } : {}),
  });
export const forbidden = (detail = 'You are not allowed to do this') => new ApiError(403, detail);
export const notFound = (what = 'Resource') => new ApiError(404, `${what} not found`);
export const conflict = (detail: string) => new ApiError(409, detail);
export const tooLarge = (detail: string) =>
  new ApiError(413, detail, { type: problemType(PROBLEM_TYPES.fileTooLarge) });
/** A file or body of a type not accepted here; `detected` names what it is ("zip", "xml"), `accepted` what would be. */
export const unsupportedMediaType = (
  detail: string,
  facts: { detected?: string; accepted?: readonly string[]; purpose?: string; damaged?: boolean } = {},
) =>
  new ApiError(415, detail, {
    type: problemType(facts.damaged ? PROBLEM_TYPES.damagedFile : PROBLEM_TYPES.unsupportedFileType),
    extensions: {
      ...(facts.detected ? { detected: facts.detected } : {}),
      ...(facts.accepted ? { accepted: facts.accepted } : {}),
      ...(facts.purpose ? { purpose: facts.purpose } : {}),
    },
  });

/** 422 for a URL the SSRF rules refuse; `reason` says which rule (private_address, scheme, port, …). */
export function unsafeUrlProblem(detail: string, error: { reason: string; message: string }, path = 'url') {
  return new ApiError(422, detail, {
    type: problemType(PROBLEM_TYPES.unsafeUrl),
    errors: [{ path, message: error.message }],
    extensions: { reason: error.reason },
  });
}

export function validationError(error: ZodError): ApiError {
  return new ApiError(422, 'The request does not match the schema', {
    errors: fieldErrors(error),
    type: problemType(PROBLEM_TYPES.validation),
  });
}

/** A zod error's issues as problem+json `errors`: a dotted path and a message each. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** The problem+json document of an error, for a request to `instance` (a response's body, or a tool error's). */
export function problemBody(
  status: number,
  detail: string,
  extra: ApiError['options'],
  instance: string,
  requestId: string | undefined,
) {
  return {
    type: extra.type ?? 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...extra.extensions,
    instance,
    request_id: requestId,
  };
}

export function problemResponse(c: Context, status: number, detail: string, extra: ApiError['options'] = {}) {
  const body = problemBody(status, detail, extra, c.req.path, c.get('requestId'));
  // c.newResponse keeps headers set earlier in the request (X-Request-Id among them).
  return c.newResponse(JSON.stringify(body), status as ContentfulStatusCode, {
    ...extra.headers,
    'Content-Type': 'application/problem+json',
  });
}

/** app.onError: known errors keep their status; anything else is logged and answered without internals. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return problemResponse(c, err.status, err.detail, err.options);
  if (err instanceof HTTPException) {
    const status = err.status;
    const detail = err.message || TITLES[status] || 'Error';
    // Hono's JSON validator answers a body it cannot parse with a 400 of its own.
    const malformed = status === 400 && /json/i.test(detail);
    return problemResponse(
      c,
      status,
      detail,
      malformed ? { type: problemType(PROBLEM_TYPES.malformedJson) } : {},
    );
  }
  log.error('unhandled error', { request_id: c.get('requestId'), error: err.message, stack: err.stack });
  return problemResponse(c, 500, 'An unexpected error occurred; it has been logged with the request id');
}
