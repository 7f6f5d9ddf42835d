// Reminders that went out: one row per subject, kind and wait, written in the same batch as the reminder's
// event so a timer that fires twice records (and tells) nothing twice. The waiting itself lives in the
// ReminderTimer Durable Objects (modules/reminders).
import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const remindersSent = sqliteTable(
  'reminders_sent',
  {
    /** The task or engagement reminded of. */
    subjectId: text('subject_id').notNull(),
    kind: text('kind').notNull(),
    /** The event that began the wait: a later wait of the same subject is reminded of afresh. */
    since: text('since').notNull(),
    eventId: text('event_id').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.kind, t.since] })],
);
