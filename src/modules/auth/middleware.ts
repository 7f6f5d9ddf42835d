// Authentication (JWT or API key) and role checks, as Hono middleware factories.
import type { Context, MiddlewareHandler } from 'hono';
import { loadConfig } from '../../config';
import type { AppEnv, UserRole } from '../../env';
import { forbidden, unauthorized } from '../../lib/errors';
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

export function authenticate(options: AuthenticateOptions = {}): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const token = bearerToken(c) ?? (options.allowQueryToken ? c.req.query('token') : undefined);
    if (!token) throw unauthorized();
    const principal = token.startsWith(API_KEY_PREFIX)
      ? await principalFromApiKey(c.var.db, token)
      : await principalFromToken(loadConfig(c.env).JWT_SECRET, token);
    if (!principal) throw unauthorized('Invalid or expired credentials');
    c.set('principal', principal);
    c.set('scope', new TenantScope(c.var.db, principal));
    await next();
  };
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
