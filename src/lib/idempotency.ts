// Idempotency-Key for creating POSTs: the first response is stored for 24 h per caller and key and replayed
// for the same request; the same key with a different request is a 409.
import { and, eq, lt } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { idempotencyKeys } from '../db/schema';
import type { AppEnv } from '../env';
import { sha256Hex } from './crypto';
import { ApiError, conflict } from './errors';

const TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyOptions {
  /**
   * `body` hashes the request body (JSON routes). `headers` hashes method, path, query, type and length
   * instead, for uploads whose bodies are streamed and too large to buffer twice.
   */
  fingerprint?: 'body' | 'headers';
}

async function fingerprintOf(c: Context<AppEnv>, mode: 'body' | 'headers'): Promise<string> {
  const url = new URL(c.req.url);
  const head = `${c.req.method} ${url.pathname}${url.search}`;
  if (mode === 'headers') {
    return sha256Hex(
      `${head}\n${c.req.header('Content-Type') ?? ''}\n${c.req.header('Content-Length') ?? ''}`,
    );
  }
  const body = new Uint8Array(await c.req.arrayBuffer());
  return sha256Hex(`${head}\n${await sha256Hex(body)}`);
}

/**
 * Only completed work is replayed (2xx). As with Stripe, a request refused before it did anything
 * (validation, auth, conflict, rate limit) releases the key, so the client can correct it and retry.
 */
const isReplayable = (status: number) => status >= 200 && status < 300;

export function idempotent(options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  return async function idempotent(c, next) {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new ApiError(422, 'Idempotency-Key must be 1–255 visible ASCII characters', {
        errors: [{ path: 'headers.Idempotency-Key', message: 'invalid' }],
      });
    }
    const db = c.var.db;
    const { principal } = c.var;
    const owner = principal.apiKeyId ?? principal.userId;
    const fingerprint = await fingerprintOf(c, options.fingerprint ?? 'body');
    const now = new Date();
    const where = and(eq(idempotencyKeys.principal, owner), eq(idempotencyKeys.key, key));

    await db.delete(idempotencyKeys).where(and(where, lt(idempotencyKeys.expiresAt, now.toISOString())));
    const claimed = await db
      .insert(idempotencyKeys)
      .values({
        principal: owner,
        key,
        fingerprint,
        expiresAt: new Date(now.getTime() + TTL_MS).toISOString(),
      })
      .onConflictDoNothing()
      .returning();

    if (claimed.length === 0) {
      const first = await db.query.idempotencyKeys.findFirst({ where });
      if (!first || first.fingerprint !== fingerprint) {
        throw conflict('This Idempotency-Key was already used with a different request');
      }
      if (first.status === null || first.responseBody === null) {
        throw conflict('A request with this Idempotency-Key is still being processed');
      }
      return c.newResponse(first.responseBody, first.status as 200, {
        'Content-Type': first.responseType ?? 'application/json',
        'Idempotent-Replayed': 'true',
      });
    }

    try {
      await next();
    } catch (error) {
      await db.delete(idempotencyKeys).where(where);
      throw error;
    }
    if (!isReplayable(c.res.status)) {
      await db.delete(idempotencyKeys).where(where);
      return;
    }
    await db
      .update(idempotencyKeys)
      .set({
        status: c.res.status,
        responseBody: await c.res.clone().text(),
        responseType: c.res.headers.get('Content-Type'),
      })
      .where(where);
  };
}
