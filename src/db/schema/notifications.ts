// The notification centre: what happened that concerns one user (a task to review, a request, a payout…),
// made from the events by their handler (notifications/handlers.ts), read and marked read by that user.
import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { users } from './identity';

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** The company or expert profile the user acted for when it was made (one of them, by role). */
    orgId: text('org_id'),
    expertId: text('expert_id'),
    /** The event it tells of: one notification per user and event, however often the event is handled. */
    eventId: text('event_id').notNull(),
    type: text('type', {
      enum: [
        'task_needs_review',
        'engagement_requested',
        'engagement_accepted',
        'payout_sent',
        'payment_failed',
        'review_reminder',
        'review_overdue',
        'request_reminder',
        'engagement_declined',
      ],
    }).notNull(),
    /** What the dashboard needs to say it: ids, names and titles, amounts (notifications/notification.ts). */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** The dashboard page it opens (a path). */
    link: text('link').notNull(),
    createdAt: timestamp('created_at'),
    readAt: text('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_user_event').on(t.userId, t.eventId),
    index('notifications_user').on(t.userId, t.id),
    index('notifications_user_unread').on(t.userId).where(sql`read_at IS NULL`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
