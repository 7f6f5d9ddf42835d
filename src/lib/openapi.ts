// Router factory and shared OpenAPI pieces: every router validates with zod and answers 422 problem+json.
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
// The one place lib reaches into a module: which middleware authenticates a route is auth's to say.
import { requireScope, type Scope, type ScopeResource, scopeFor } from '../modules/api-keys/scopes';
import { authenticate, authenticates, requireRole } from '../modules/auth/middleware';
import { ApiError, PROBLEM_TYPES, problemType, tooLarge, validationError } from './errors';
import { jsonDepth } from './json-depth';

/**
 * A router whose routes get what they declare: a route with `security` gets authenticate() ahead of its own
 * middleware (unless it brings its own, e.g. accepting `?token=`), so the OpenAPI document and the
 * enforcement are one source — a route is public only where its documentation says so. Every route that
 * takes a body gets the JSON body limit, unless it declares a limit of its own (`limitBody`, as uploads do).
 */
export function createRouter(options: { scope?: ScopeResource } = {}) {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
  const register = router.openapi.bind(router);
  router.openapi = ((route: RouteConfig, ...rest: unknown[]) =>
    (register as (...args: unknown[]) => unknown)(
      declared(route, options.scope),
      ...rest,
    )) as typeof router.openapi;
  return router;
}

/** A route may name its API-key scope itself (OpenAPI extension), instead of its router's default. */
type ScopedRoute = RouteConfig & { 'x-scope'?: Scope };

function declared(route: ScopedRoute, resource: ScopeResource | undefined): RouteConfig {
  const own = route.middleware === undefined ? [] : [route.middleware].flat();
  const takesBody = route.method !== 'get' && route.method !== 'head' && route.method !== 'options';
  const secured = Boolean(route.security?.length);
  const scope = route['x-scope'] ?? (resource ? scopeFor(resource, route.method) : undefined);
  // The scope check goes right behind whichever middleware authenticates (the router's or the route's own).
  const authenticating = own.findIndex(authenticates);
  const withScope = secured
    ? authenticating >= 0
      ? [...own.slice(0, authenticating + 1), requireScope(scope), ...own.slice(authenticating + 1)]
      : [authenticate(), requireScope(scope), ...own]
    : own;
  const middleware = [
    ...(takesBody && !own.some(limitsBody) ? [limitBody(MAX_JSON_BODY_BYTES), limitJsonDepth] : []),
    ...withScope,
  ];
  return {
    ...route,
    ...(secured ? { 'x-scope': scope ?? 'none (people only)' } : {}),
    ...(middleware.length ? { middleware: middleware as RouteConfig['middleware'] } : {}),
  };
}

/** The default for every route with a body: JSON requests are small. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const LIMITS_BODY = Symbol('limitsBody');

const limitsBody = (middleware: unknown) => typeof middleware === 'function' && LIMITS_BODY in middleware;

/**
 * 413 problem+json for a body over `maxBytes`: at once from its Content-Length, or while it is read when it
 * has none (chunked). A route declares it to replace the JSON default.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const middleware = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(`Request bodies are limited to ${maxBytes} bytes`);
    },
  });
  return Object.assign(middleware, { [LIMITS_BODY]: true });
}

/** How deeply a JSON body may nest: every schema here is a few levels deep; task inputs and metadata a few more. */
export const MAX_JSON_DEPTH = 32;

/**
 * 400 problem+json for a JSON body nested deeper than MAX_JSON_DEPTH, before anything reads it: a body the API could
 * store but not answer with would fail after its work was done.
 */
const limitJsonDepth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/json/i.test(c.req.header('content-type') ?? '')) {
    // A clone: some handlers hand the raw request on (the MCP transport reads its body itself).
    const depth = jsonDepth(await c.req.raw.clone().text(), MAX_JSON_DEPTH);
    if (depth > MAX_JSON_DEPTH)
      throw new ApiError(400, `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels deep`, {
        type: problemType(PROBLEM_TYPES.malformedJson),
      });
  }
  await next();
};

export const problemSchema = z
  .object({
    type: z.string().openapi({
      description: `about:blank (the status says it all) or https://engage.test/problems/<slug>, slug one of: ${Object.values(PROBLEM_TYPES).join(', ')}`,
    }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    balance: z.number().int().optional().openapi({ description: '402: the AI credit balance' }),
    price: z.number().int().optional().openapi({ description: '402: what the request costs in credits' }),
    missing: z.number().int().optional().openapi({ description: '402: credits lacking' }),
    detected: z
      .string()
      .optional()
      .openapi({ description: '415: what the file is (pdf, zip, xml, unknown…)' }),
    accepted: z.array(z.string()).optional().openapi({ description: '415: the kinds accepted here' }),
    purpose: z
      .string()
      .optional()
      .openapi({ description: '415: the upload purpose the file was refused for' }),
    reason: z.string().optional().openapi({ description: 'unsafe-url: the rule the URL breaks' }),
    scope: z.string().optional().openapi({ description: 'missing-scope: the scope the API key lacks' }),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: problemSchema } };

const ERROR_DESCRIPTIONS = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Missing or invalid credentials',
  402: 'Not enough AI credits (the body gives balance and price)',
  403: 'Not allowed for this role',
  404: 'Not found (or owned by another tenant)',
  405: 'Method not allowed',
  406: 'Not acceptable (see the Accept header the operation needs)',
  409: 'Conflict or illegal state transition',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Schema violation',
  429: 'Rate limited',
  503: 'A dependency is unavailable; see Retry-After',
} as const;

/** OpenAPI response entries for the error statuses a route can answer. */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: ERROR_DESCRIPTIONS[s], content: problemContent }]),
  ) as Record<(typeof statuses)[number], { description: string; content: typeof problemContent }>;
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true as const,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

export const idParam = (prefix: string) =>
  z.object({
    id: z
      .string()
      .max(64)
      .openapi({ param: { name: 'id', in: 'path' }, example: `${prefix}_01JABCDEFGHJKMNPQRSTVWXYZ0` }),
  });

export const bearerSecurity = [{ bearerAuth: [] }];

/**
 * A resource's progress stream (`GET /{id}/events`, text/event-stream) for its company and admins. Browsers'
 * EventSource cannot set headers, so the route authenticates itself and also takes `?token=`.
 */
export function progressStreamRoute(options: {
  tags: string[];
  idPrefix: string;
  summary: string;
  /** Which events the stream sends, and when it ends. */
  events: string;
}) {
  return createRoute({
    method: 'get',
    path: '/{id}/events',
    tags: options.tags,
    security: bearerSecurity,
    summary: options.summary,
    description: `${options.events} Authenticate with the Authorization header or \`?token=\` (EventSource cannot set headers). Reconnecting with \`Last-Event-ID\` skips what was already seen.`,
    middleware: [authenticate({ allowQueryToken: true }), requireRole('company', 'admin')],
    request: {
      params: idParam(options.idPrefix),
      query: z.object({ token: z.string().max(4096).optional() }),
    },
    responses: {
      200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
      ...errorResponses(401, 403, 404),
    },
  });
}
