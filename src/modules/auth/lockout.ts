// Login lockout: more than MAX_FAILURES unsuccessful attempts for one account from one address within a
// window get 429 until the window ends. Every attempt is counted atomically before the password is checked
// (so parallel guesses cannot all pass the check), and a successful login clears the count, so clients
// that log in correctly are never slowed down. Kept in D1 because the Rate Limiting binding cannot
// forget the attempts of a successful login.
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginFailures } from '../../db/schema';
import { ApiError } from '../../lib/errors';

export const MAX_FAILURES = 10;
export const WINDOW_SECONDS = 60;

export async function countAttempt(db: Db, key: string, now = Date.now()) {
  const windowStart = now - WINDOW_SECONDS * 1000;
  const [row] = await db
    .insert(loginFailures)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        failures: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
      },
    })
    .returning();
  if (!row || row.failures <= MAX_FAILURES) return;
  const retryAfter = Math.max(1, Math.ceil((row.windowStartedAt + WINDOW_SECONDS * 1000 - now) / 1000));
  throw new ApiError(429, 'Too many failed logins; try again later', {
    headers: { 'Retry-After': String(retryAfter) },
  });
}

export async function clearAttempts(db: Db, key: string) {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

/** Sweep: counts whose window ended long ago. */
export async function forgetOldAttempts(db: Db, now = Date.now()) {
  await db.delete(loginFailures).where(lt(loginFailures.windowStartedAt, now - 10 * WINDOW_SECONDS * 1000));
}
