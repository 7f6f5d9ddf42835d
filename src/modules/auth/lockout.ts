// Login lockout: after too many failed attempts for one account from one address within a window, further
// attempts get 429 until the window ends. Only failures count, so clients that log in correctly are never
// slowed down. Kept in D1 because the Rate Limiting binding cannot count failures without also counting
// (and blocking) successes.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginFailures } from '../../db/schema';
import { ApiError } from '../../lib/errors';

export const MAX_FAILURES = 10;
export const WINDOW_SECONDS = 60;

export async function assertNotLockedOut(db: Db, key: string, now = Date.now()) {
  const row = await db.query.loginFailures.findFirst({ where: eq(loginFailures.key, key) });
  if (!row || row.failures < MAX_FAILURES) return;
  const retryAfter = Math.ceil((row.windowStartedAt + WINDOW_SECONDS * 1000 - now) / 1000);
  if (retryAfter <= 0) return;
  throw new ApiError(429, 'Too many failed logins; try again later', {
    headers: { 'Retry-After': String(retryAfter) },
  });
}

export async function recordFailure(db: Db, key: string, now = Date.now()) {
  const windowStart = now - WINDOW_SECONDS * 1000;
  await db
    .insert(loginFailures)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        failures: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
      },
    });
}

export async function clearFailures(db: Db, key: string) {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
