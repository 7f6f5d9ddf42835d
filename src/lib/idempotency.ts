// Idempotency-Key for creating POSTs: the first successful response is stored for 24 h per caller and key
// and replayed for the same request; the same key with a different request is a 409.
import { and, eq, lt } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import type { AppEnv, Principal } from '../env';
import { sha256Hex } from './crypto';
import { ApiError, conflict } from './errors';

const TTL_MS = 24 * 60 * 60 * 1000;
const ABANDONED_AFTER_MS = 60_000;

/** A validated Idempotency-Key and whose it is (keys are per caller). */
export interface IdempotencyClaim {
  owner: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
}

/** The request's key, if it sent one; 422 for an unusable one. */
export function readIdempotencyKey(c: Context<AppEnv>): IdempotencyClaim | undefined {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ApiError(422, 'Idempotency-Key must be 1–255 visible ASCII characters', {
      errors: [{ path: 'headers.Idempotency-Key', message: 'invalid' }],
    });
  }
  return { owner: ownerOf(c.var.principal), key };
}

const ownerOf = (principal: Principal) => principal.apiKeyId ?? principal.userId;

const whereClaim = (claim: IdempotencyClaim) =>
  and(eq(idempotencyKeys.principal, claim.owner), eq(idempotencyKeys.key, claim.key));

/**
 * The response stored under the key for this same request, or null when the key is free (expired keys are
 * freed here). A key used for a different request, or still in progress, is a 409.
 */
export async function storedResponse(
  db: Db,
  claim: IdempotencyClaim,
  fingerprint: string,
): Promise<StoredResponse | null> {
  await db
    .delete(idempotencyKeys)
    .where(and(whereClaim(claim), lt(idempotencyKeys.expiresAt, new Date().toISOString())));
  const row = await db.query.idempotencyKeys.findFirst({ where: whereClaim(claim) });
  if (!row) return null;
  if (row.fingerprint !== fingerprint) {
    throw conflict('This Idempotency-Key was already used with a different request');
  }
  if (row.status === null || row.responseBody === null) {
    // A claim with no response for this long belongs to a request that died; let this one take over.
    if (Date.parse(row.createdAt) < Date.now() - ABANDONED_AFTER_MS) {
      await db.delete(idempotencyKeys).where(whereClaim(claim));
      return null;
    }
    throw conflict('A request with this Idempotency-Key is still being processed');
  }
  return { status: row.status, body: row.responseBody, contentType: row.responseType ?? 'application/json' };
}

/** Sweep: keys past their 24 h. */
export async function forgetExpiredKeys(db: Db) {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, new Date().toISOString()));
}

/** A batch statement recording a completed response under the key; it fails if the key was taken meanwhile. */
export function storeResponse(
  db: Db,
  claim: IdempotencyClaim,
  fingerprint: string,
  response: StoredResponse,
) {
  return db.insert(idempotencyKeys).values({
    principal: claim.owner,
    key: claim.key,
    fingerprint,
    status: response.status,
    responseBody: response.body,
    responseType: response.contentType,
    expiresAt: new Date(Date.now() + TTL_MS).toISOString(),
  });
}

export function replay(c: Context<AppEnv>, stored: StoredResponse) {
  return c.newResponse(stored.body, stored.status as 200, {
    'Content-Type': stored.contentType,
    'Idempotent-Replayed': 'true',
  });
}

/** Method, path, query and body, hashed: what makes two JSON requests "the same request". */
async function requestFingerprint(c: Context<AppEnv>): Promise<string> {
  const url = new URL(c.req.url);
  const body = new Uint8Array(await c.req.arrayBuffer());
  return sha256Hex(`${c.req.method} ${url.pathname}${url.search}\n${await sha256Hex(body)}`);
}

/**
 * Middleware for JSON routes. The key is claimed (a row without a response) before the handler runs, so a
 * concurrent duplicate gets 409 instead of doing the work twice. Only completed work (2xx) is kept: as with
 * Stripe, a request refused before it did anything releases the key, so a corrected request can use it.
 * Uploads do not use this: they fingerprint the file's content and record the key in the same batch as the
 * file (see modules/files).
 */
export interface IdempotentOptions {
  /**
   * What of a JSON response may be kept and replayed. Secrets shown once (a new API key) must not be
   * stored, so their routes drop them here and a replay answers without them.
   */
  redact?: (body: Record<string, unknown>) => Record<string, unknown>;
}

export function idempotent(options: IdempotentOptions = {}): MiddlewareHandler<AppEnv> {
  return async function idempotent(c, next) {
    const claim = readIdempotencyKey(c);
    if (!claim) return next();
    const db = c.var.db;
    const fingerprint = await requestFingerprint(c);
    const stored = await storedResponse(db, claim, fingerprint);
    if (stored) return replay(c, stored);

    const claimed = await db
      .insert(idempotencyKeys)
      .values({
        principal: claim.owner,
        key: claim.key,
        fingerprint,
        expiresAt: new Date(Date.now() + TTL_MS).toISOString(),
      })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) {
      const raced = await storedResponse(db, claim, fingerprint);
      if (raced) return replay(c, raced);
      throw conflict('A request with this Idempotency-Key is still being processed');
    }

    try {
      await next();
    } catch (error) {
      await db.delete(idempotencyKeys).where(whereClaim(claim));
      throw error;
    }
    if (c.res.status < 200 || c.res.status >= 300) {
      await db.delete(idempotencyKeys).where(whereClaim(claim));
      return;
    }
    const body = await c.res.clone().text();
    await db
      .update(idempotencyKeys)
      .set({
        status: c.res.status,
        responseBody: options.redact ? JSON.stringify(options.redact(JSON.parse(body))) : body,
        responseType: c.res.headers.get('Content-Type'),
      })
      .where(whereClaim(claim));
  };
}
