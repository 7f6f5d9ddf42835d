// MCP sessions (Streamable HTTP `Mcp-Session-Id`). Tools stay stateless; a session exists for what needs one:
// resource subscriptions and the event stream (GET /v1/mcp) that carries their change notifications. A
// session belongs to the principal that opened it; to anyone else it does not exist.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mcpSessions, mcpSubscriptions } from '../../db/schema';
import type { Principal } from '../../env';
import { newId } from '../../lib/ids';

/** A session unused for this long is forgotten (its subscriptions with it); the client initializes anew. */
export const SESSION_IDLE_MS = 24 * 60 * 60_000;
/** `last_used_at` is written at most this often, so a busy agent does not add a write to every call. */
const TOUCH_EVERY_MS = 5 * 60_000;
/** A session subscribes to at most this many resources. */
export const MAX_SUBSCRIPTIONS = 1_000;

export const ownerOf = (principal: Principal) =>
  principal.apiKeyId ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;

/** Sessions one key or person keeps; opening another forgets the least recently used beyond it. */
export const MAX_SESSIONS_PER_OWNER = 50;

export async function openSession(db: Db, principal: Principal): Promise<string> {
  const id = newId('mcpSession');
  const owner = ownerOf(principal);
  // The owner's sessions beyond the newest MAX_SESSIONS_PER_OWNER (the one opened now among them).
  const surplus = sql`(SELECT id FROM mcp_sessions WHERE owner = ${owner}
    ORDER BY last_used_at DESC, id DESC LIMIT -1 OFFSET ${MAX_SESSIONS_PER_OWNER})`;
  await db.batch([
    db.insert(mcpSessions).values({ id, owner }),
    db.delete(mcpSubscriptions).where(inArray(mcpSubscriptions.sessionId, surplus)),
    db.delete(mcpSessions).where(inArray(mcpSessions.id, surplus)),
  ]);
  return id;
}

/** Whether the session exists and is the principal's; marks it used. */
export async function useSession(
  db: Db,
  id: string,
  principal: Principal,
  now = new Date(),
): Promise<boolean> {
  const session = await db.query.mcpSessions.findFirst({
    where: and(eq(mcpSessions.id, id), eq(mcpSessions.owner, ownerOf(principal))),
  });
  if (!session) return false;
  if (now.getTime() - Date.parse(session.lastUsedAt) > TOUCH_EVERY_MS) {
    await db.update(mcpSessions).set({ lastUsedAt: now.toISOString() }).where(eq(mcpSessions.id, id));
  }
  return true;
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.batch([
    db.delete(mcpSubscriptions).where(eq(mcpSubscriptions.sessionId, id)),
    db.delete(mcpSessions).where(eq(mcpSessions.id, id)),
  ]);
}

/** False when the session holds the most subscriptions it may. */
export async function subscribe(db: Db, sessionId: string, uri: string): Promise<boolean> {
  const count = await db.$count(mcpSubscriptions, eq(mcpSubscriptions.sessionId, sessionId));
  if (count >= MAX_SUBSCRIPTIONS) return false;
  await db.insert(mcpSubscriptions).values({ sessionId, uri }).onConflictDoNothing();
  return true;
}

export async function unsubscribe(db: Db, sessionId: string, uri: string): Promise<void> {
  await db
    .delete(mcpSubscriptions)
    .where(and(eq(mcpSubscriptions.sessionId, sessionId), eq(mcpSubscriptions.uri, uri)));
}

/** The sessions subscribed to any of these resources, with the resources each is subscribed to. */
export async function subscribersOf(db: Db, uris: string[]): Promise<Map<string, string[]>> {
  const bySession = new Map<string, string[]>();
  if (uris.length === 0) return bySession;
  const rows = await db
    .select({ sessionId: mcpSubscriptions.sessionId, uri: mcpSubscriptions.uri })
    .from(mcpSubscriptions)
    .where(inArray(mcpSubscriptions.uri, uris));
  for (const row of rows) bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row.uri]);
  return bySession;
}

/** Forgets sessions idle since before `before`; returns their ids so their streams can be closed. */
export async function pruneIdleSessions(db: Db, before: Date): Promise<string[]> {
  const idle = await db
    .select({ id: mcpSessions.id })
    .from(mcpSessions)
    .where(lt(mcpSessions.lastUsedAt, before.toISOString()))
    .limit(500);
  const ids = idle.map((row) => row.id);
  if (ids.length === 0) return [];
  await db.batch([
    db.delete(mcpSubscriptions).where(inArray(mcpSubscriptions.sessionId, ids)),
    db.delete(mcpSessions).where(inArray(mcpSessions.id, ids)),
  ]);
  return ids;
}
