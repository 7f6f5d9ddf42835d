// What an API key may do: one scope per resource and access (`tasks:read`, `tasks:write`, …), declared by
// each router (its resource: reads are GET, writes everything else) or by a route itself (`x-scope`). The
// router puts requireScope() behind authentication, so the OpenAPI document lists each operation's scope
// and enforcement reads the same declaration. Session tokens (people) are not limited by scopes.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Principal } from '../../env';
import { ApiError, forbidden, PROBLEM_TYPES, problemType } from '../../lib/errors';

export const SCOPE_RESOURCES = [
  'engagements',
  'tasks',
  'files',
  'extractions',
  'payments',
  'credits',
  'documents',
  'events',
  'metrics',
  'webhooks',
] as const;

export type ScopeResource = (typeof SCOPE_RESOURCES)[number];

/** Every scope a key can hold; `*` is all of them (keys made before scopes existed hold it). */
export const SCOPES = [
  ...SCOPE_RESOURCES.filter((r) => r !== 'webhooks').flatMap((r) => [`${r}:read`, `${r}:write`]),
  'webhooks:manage',
] as const;

/** `any`: a route every key may call whatever its scopes (who am I). */
export type Scope = (typeof SCOPES)[number] | '*' | 'any';

/** The scope a route needs: its own declaration, else its router's resource by method. */
export function scopeFor(resource: ScopeResource, method: string): Scope {
  if (resource === 'webhooks') return 'webhooks:manage';
  return `${resource}:${method === 'get' || method === 'head' ? 'read' : 'write'}` as Scope;
}

/**
 * Why the caller may not use an operation needing `scope`: 403 naming the scope when an API key lacks it (no
 * scope declared: no API key may); undefined when it may. Also asked by the MCP server before a tool works.
 */
export function scopeRefusal(
  { apiKeyId, scopes }: Pick<Principal, 'apiKeyId' | 'scopes'>,
  scope: Scope | undefined,
): ApiError | undefined {
  if (!apiKeyId || scope === 'any') return undefined;
  if (!scope) return forbidden('API keys cannot use this operation; sign in as a user');
  if (scopes?.includes('*') || scopes?.includes(scope)) return undefined;
  return new ApiError(403, `This API key lacks the scope ${scope}`, {
    type: problemType(PROBLEM_TYPES.missingScope),
    extensions: { scope },
  });
}

/** The route-level check: scopeRefusal() as middleware, behind authentication. */
export function requireScope(scope: Scope | undefined): MiddlewareHandler<AppEnv> {
  return async function requireScope(c, next) {
    const refusal = scopeRefusal(c.var.principal, scope);
    if (refusal) throw refusal;
    await next();
  };
}
