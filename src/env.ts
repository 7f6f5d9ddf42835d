// Types shared by every route: the bindings (generated `Env`) and what middleware puts on the context.
import type { Db } from './db/client';
import type { TenantScope } from './lib/tenancy';

export type UserRole = 'company' | 'expert' | 'admin';

/** Who is calling: a signed-in user (JWT) or a company's machine client (API key). */
export interface Principal {
  userId: string;
  role: UserRole;
  orgId: string | null;
  expertId: string | null;
  apiKeyId: string | null;
  /** An API key's scopes (`*`: all); undefined for a person's session, which scopes do not limit. */
  scopes?: readonly string[];
  /** When the session token stops being valid (ms since the epoch); API keys do not expire. */
  expiresAt?: number;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    db: Db;
    principal: Principal;
    /** Tenant-scoped data access for the principal; set by `authenticate`. */
    scope: TenantScope;
  };
}
