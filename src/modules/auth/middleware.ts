// Authentication (JWT or API key) and role checks, as Hono middleware factories.
import { eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import type { AppEnv, Principal, UserRole } from '../../env';
import { forbidden, PROBLEM_TYPES, unauthorized } from '../../lib/errors';
import { TenantScope } from '../../lib/tenancy';
import { API_KEY_PREFIX, principalFromApiKey } from '../api-keys/service';
import { principalFromToken } from './tokens';

function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('Authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
  return match[1];
}

export interface AuthenticateOptions {
  /** Accept `?token=` too: browsers cannot set headers on a WebSocket upgrade or an EventSource. */
  allowQueryToken?: boolean;
}

/** Marks the middleware authenticate() returns, so a router knows a route already authenticates itself. */
const AUTHENTICATES = Symbol('authenticates');

export function authenticates(middleware: unknown): boolean {
  return typeof middleware === 'function' && AUTHENTICATES in middleware;
}

export function authenticate(options: AuthenticateOptions = {}): MiddlewareHandler<AppEnv> {
  return Object.assign(authenticateRequest(options), { [AUTHENTICATES]: true });
}

function authenticateRequest(options: AuthenticateOptions): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const token = bearerToken(c) ?? (options.allowQueryToken ? c.req.query('token') : undefined);
    if (!token) throw unauthorized();
    const principal = token.startsWith(API_KEY_PREFIX)
      ? await principalFromApiKey(c.var.db, token)
      : await stillActive(c.var.db, await principalFromToken(loadConfig(c.env).JWT_SECRET, token));
    if (!principal) throw unauthorized('Invalid or expired credentials', PROBLEM_TYPES.sessionExpired);
    c.set('principal', principal);
    c.set('scope', new TenantScope(c.var.db, principal));
    await next();
  };
}

/**
 * A session token outlives nothing it names: the account must still exist, be enabled and hold the role,
 * company and expert profile the token was issued for (one read by primary key per request).
 */
async function stillActive(db: Db, principal: Principal | null): Promise<Principal | null> {
  if (!principal) return null;
  const user = await db
    .select({ role: users.role, orgId: users.orgId, expertId: users.expertId, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, principal.userId))
    .get();
  const same =
    user &&
    !user.disabledAt &&
    user.role === principal.role &&
    (user.orgId ?? null) === principal.orgId &&
    (user.expertId ?? null) === principal.expertId;
  return same ? principal : null;
}

export function requireRole(...roles: UserRole[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    if (!roles.includes(c.var.principal.role)) {
      throw forbidden(`This requires the ${roles.join(' or ')} role`);
    }
    await next();
  };
}

/** Some actions (managing API keys) need a person, not a machine client. */
export const requireUserSession: MiddlewareHandler<AppEnv> = async function requireUserSession(c, next) {
  if (c.var.principal.apiKeyId) throw forbidden('API keys cannot do this; sign in as a user');
  await next();
};
