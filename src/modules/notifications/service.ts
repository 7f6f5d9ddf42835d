// Reading and marking a user's notifications. Every query is the user's own (`ownedBy`): notifications are
// personal, so another user's — in the same company too — are simply not there.
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type NotificationRow, notifications, tasks } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { afterCursor, toPage } from '../../lib/pagination';
import type { TenantScope } from '../../lib/tenancy';
import type { Draft } from './compose';
import { type NotificationView, notificationDataSchema } from './notification';
import type { NotificationListQuery, ReadBody } from './schema';

const ownedBy = (userId: string) => eq(notifications.userId, userId);
const unread = isNull(notifications.readAt);

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    type: row.type,
    data: notificationDataSchema.parse(row.data),
    link: row.link,
    event_id: row.eventId,
    created_at: row.createdAt,
    read_at: row.readAt,
  };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(ownedBy(userId), unread));
  return row?.n ?? 0;
}

/** Newest first; with `unread`, only those not read yet. The unread count comes with every page. */
export async function listNotifications(db: Db, userId: string, query: NotificationListQuery) {
  const [rows, unreadTotal] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(
        and(ownedBy(userId), query.unread ? unread : undefined, afterCursor(notifications.id, query.cursor)),
      )
      .orderBy(desc(notifications.id))
      .limit(query.limit + 1),
    unreadCount(db, userId),
  ]);
  return { ...toPage(rows, query.limit, toNotificationView), unread_count: unreadTotal };
}

/** Marks the given notifications (or all) read; ids not the user's, or read already, change nothing. */
export async function markRead(db: Db, userId: string, body: ReadBody, now = new Date().toISOString()) {
  // D1 binds at most 100 parameters a statement: the ids go in chunks.
  const groups = 'all' in body ? [undefined] : chunks([...new Set(body.ids)], IDS_PER_STATEMENT);
  let marked = 0;
  for (const ids of groups) {
    const rows = await db
      .update(notifications)
      .set({ readAt: now })
      .where(and(ownedBy(userId), unread, ids ? inArray(notifications.id, ids) : undefined))
      .returning({ id: notifications.id });
    marked += rows.length;
  }
  return { marked, unread_count: await unreadCount(db, userId) };
}

/** A statement binds at most 100 parameters; a notification row takes 9. */
const ROWS_PER_INSERT = 10;

/**
 * Records the draft's notification for each recipient, once per user and event however often the event is
 * handled (the unique index decides), and returns every recipient's row — the ones made before too, so a
 * retried handler pushes what a crash may have left unpushed.
 */
export async function createNotifications(db: Db, eventId: string, draft: Draft): Promise<NotificationRow[]> {
  const rows = draft.recipients.map((recipient) => ({
    id: newId('notification'),
    userId: recipient.id,
    orgId: recipient.orgId,
    expertId: recipient.expertId,
    eventId,
    type: draft.type,
    data: draft.data,
    link: draft.link,
  }));
  for (const part of chunks(rows, ROWS_PER_INSERT))
    await db.insert(notifications).values(part).onConflictDoNothing();
  const stored: NotificationRow[] = [];
  for (const userIds of chunks(
    rows.map((row) => row.userId),
    IDS_PER_STATEMENT,
  )) {
    stored.push(
      ...(await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.eventId, eventId), inArray(notifications.userId, userIds)))),
    );
  }
  return stored;
}

/** The badges: unread notifications, and the tasks waiting for review that the caller's role sees. */
export async function notificationSummary(scope: TenantScope) {
  const [reviewQueue, unreadTotal] = await Promise.all([
    scope.db
      .select({ n: count() })
      .from(tasks)
      .where(and(eq(tasks.status, 'needs_review'), scope.taskCondition())),
    unreadCount(scope.db, scope.principal.userId),
  ]);
  return { unread: unreadTotal, review_queue: reviewQueue[0]?.n ?? 0 };
}
