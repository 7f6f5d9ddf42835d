// Emails sent or stored, and webhook deliveries already applied.
import { index, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/** Every email sent or stored, with its delivery status as the provider reports it. */
export const emailLogs = sqliteTable(
  'email_logs',
  {
    id: text('id').primaryKey(),
    /** What caused it (event id + template + recipient), so a retried handler sends once. */
    dedupeKey: text('dedupe_key').notNull(),
    template: text('template').notNull(),
    to: text('to').notNull(),
    from: text('from').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    provider: text('provider', { enum: ['embedded', 'resend'] }).notNull(),
    providerId: text('provider_id'),
    status: text('status', { enum: ['queued', 'sent', 'delivered', 'bounced', 'failed'] }).notNull(),
    error: text('error'),
    openedAt: text('opened_at'),
    clickedAt: text('clicked_at'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [uniqueIndex('email_logs_dedupe').on(t.dedupeKey), index('email_logs_provider').on(t.providerId)],
);

/** Webhook deliveries already applied (provider + message id), so a replay is a no-op. */
export const webhookReceipts = sqliteTable(
  'webhook_receipts',
  {
    provider: text('provider').notNull(),
    messageId: text('message_id').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.messageId] })],
);

export type EmailLog = typeof emailLogs.$inferSelect;
