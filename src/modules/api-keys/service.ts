// API keys for machine clients: random secret shown once, only its SHA-256 stored, revocable.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type ApiKey, apiKeys } from '../../db/schema';
import type { Principal } from '../../env';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { afterCursor, type ListQuery, toPage } from '../../lib/pagination';

/** Every key starts with this, so the auth middleware knows a key from a JWT at a glance. */
export const API_KEY_PREFIX = 'ek_';

export function toApiKeyView(row: ApiKey) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    expires_at: row.expiresAt,
    created_at: row.createdAt,
    last_used_at: row.lastUsedAt,
    revoked_at: row.revokedAt,
  };
}

export async function createApiKey(
  db: Db,
  principal: Principal & { orgId: string },
  input: { name: string; scopes: string[]; expires_at?: string | undefined },
) {
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId('apiKey'),
      orgId: principal.orgId,
      createdBy: principal.userId,
      name: input.name,
      prefix: key.slice(0, 10),
      keyHash: await sha256Hex(key),
      scopes: input.scopes,
      expiresAt: input.expires_at ?? null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { ...toApiKeyView(row), key };
}

export async function listApiKeys(db: Db, orgId: string, query: ListQuery) {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), afterCursor(apiKeys.id, query.cursor)))
    .orderBy(desc(apiKeys.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toApiKeyView);
}

export async function revokeApiKey(db: Db, orgId: string, id: string) {
  // Revoking twice keeps the first revocation time.
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${new Date().toISOString()})` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId)))
    .returning();
  if (!row) throw notFound('API key');
  return toApiKeyView(row);
}

/** The principal behind a key, or null when it is unknown or revoked. */
export async function principalFromApiKey(db: Db, key: string): Promise<Principal | null> {
  const row = await db.query.apiKeys.findFirst({
    where: and(eq(apiKeys.keyHash, await sha256Hex(key)), isNull(apiKeys.revokedAt)),
  });
  const now = new Date();
  if (!row || (row.expiresAt && row.expiresAt <= now.toISOString())) return null;
  // Record use at most once a minute per key, so busy clients do not write on every request.
  const aMinuteAgo = new Date(now.getTime() - 60_000).toISOString();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, aMinuteAgo))));
  return {
    userId: row.createdBy,
    role: 'company',
    orgId: row.orgId,
    expertId: null,
    apiKeyId: row.id,
    scopes: row.scopes,
  };
}
