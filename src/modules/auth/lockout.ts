// Login lockout, two counters per attempt:
//  - per account and address: more than MAX_FAILURES attempts within WINDOW_SECONDS get 429 until the window
//    ends — one client guessing fast is stopped without touching anyone else;
//  - per account, across addresses (a botnet, or a spoofed client address): more than ACCOUNT_MAX_FAILURES
//    attempts within ACCOUNT_WINDOW_SECONDS allow one attempt per back-off, which doubles with every attempt
//    (1 s, 2 s, 4 s … at most ACCOUNT_MAX_BACKOFF_SECONDS). Attempts during a back-off are refused without
//    being counted, so it ends on time and the owner can sign in then: nobody is locked out forever.
// Every attempt is counted atomically before the password is checked (so parallel guesses cannot all pass
// the check), and a successful login clears both counts, so clients that log in correctly are never slowed
// down. Kept in D1 because the Rate Limiting binding cannot forget the attempts of a successful login.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loginFailures } from '../../db/schema';
import { ApiError, PROBLEM_TYPES, problemType } from '../../lib/errors';

export const MAX_FAILURES = 10;
export const WINDOW_SECONDS = 60;
export const ACCOUNT_MAX_FAILURES = 20;
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_MAX_BACKOFF_SECONDS = 15 * 60;

const tooMany = (retryAfterMs: number) =>
  new ApiError(429, 'Too many failed logins; try again later', {
    type: problemType(PROBLEM_TYPES.rateLimited),
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  });

/** The key of the per-account counter (the per-address one is `<address>|<email>`). */
export const accountKey = (email: string) => `account|${email}`;

/** The back-off after the given number of failures in the account's window: 1 s, doubling, capped. */
const backoffMs = (failures: number) =>
  Math.min(ACCOUNT_MAX_BACKOFF_SECONDS * 1000, 1000 * 2 ** Math.min(20, failures - ACCOUNT_MAX_FAILURES - 1));

/**
 * Counts an attempt on the account across addresses. Over the limit, each attempt that finds no back-off
 * running starts the next (doubled) one and is let through to the password check: one try per back-off,
 * for the owner as for anyone. Attempts during a back-off get 429 and are not counted. One statement decides
 * (parallel attempts cannot all find the account unlocked).
 */
export async function countAccountAttempt(db: Db, email: string, now = Date.now()) {
  const key = accountKey(email);
  const windowStart = now - ACCOUNT_WINDOW_SECONDS * 1000;
  const locked = sql`coalesce(${loginFailures.lockedUntil}, 0) > ${now}`;
  const failures = sql`CASE WHEN ${locked} THEN ${loginFailures.failures} WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN 1 ELSE ${loginFailures.failures} + 1 END`;
  const backoff = sql`min(${ACCOUNT_MAX_BACKOFF_SECONDS * 1000}, 1000 << min(20, (${failures}) - ${ACCOUNT_MAX_FAILURES + 1}))`;
  const [row] = await db
    .insert(loginFailures)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        failures,
        windowStartedAt: sql`CASE WHEN ${locked} THEN ${loginFailures.windowStartedAt} WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
        lockedUntil: sql`CASE WHEN ${locked} THEN ${loginFailures.lockedUntil} WHEN (${failures}) > ${ACCOUNT_MAX_FAILURES} THEN ${now} + ${backoff} ELSE ${loginFailures.lockedUntil} END`,
      },
    })
    .returning();
  if (!row?.lockedUntil || row.lockedUntil <= now) return;
  // This attempt started the back-off it finds: it goes on to the password check. Any other waits.
  if (row.lockedUntil === now + backoffMs(row.failures)) return;
  throw tooMany(row.lockedUntil - now);
}

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
  throw tooMany(row.windowStartedAt + WINDOW_SECONDS * 1000 - now);
}

export async function clearAttempts(db: Db, key: string) {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

/** Sweep: counts whose window (the longer, per-account one) ended long ago and that hold no back-off. */
export async function forgetOldAttempts(db: Db, now = Date.now()) {
  await db
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.windowStartedAt, now - 2 * ACCOUNT_WINDOW_SECONDS * 1000),
        or(isNull(loginFailures.lockedUntil), lt(loginFailures.lockedUntil, now)),
      ),
    );
}
