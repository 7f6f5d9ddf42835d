// Emails sent or stored, and webhook deliveries already applied.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
    /** The bulk send or weekly summary this message belongs to, and which of its provider calls carries it. */
    jobId: text('job_id'),
    jobChunk: integer('job_chunk'),
    /** The API request whose work sent it (X-Request-Id), however far downstream; null: a cron's. */
    requestId: text('request_id'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    uniqueIndex('email_logs_dedupe').on(t.dedupeKey),
    index('email_logs_provider').on(t.providerId),
    index('email_logs_job').on(t.jobId, t.jobChunk, t.status),
    index('email_logs_request').on(t.requestId),
  ],
);

/**
 * A send to many recipients (an admin's bulk send, the weekly summary): its messages are email_logs rows
 * written up front with the job, and go out through the emails queue one provider batch call per chunk.
 */
export const emailJobs = sqliteTable(
  'email_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['bulk', 'weekly_summary'] }).notNull(),
    template: text('template').notNull(),
    /** What the job is for (`weekly:2026-W48`; a bulk send: its own id): one job per cause, however often started. */
    cause: text('cause').notNull(),
    subject: text('subject').notNull(),
    total: integer('total').notNull(),
    chunks: integer('chunks').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at'),
    /** Set by the chunk that leaves nothing queued. */
    completedAt: text('completed_at'),
  },
  (t) => [uniqueIndex('email_jobs_cause').on(t.cause)],
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
export type EmailJob = typeof emailJobs.$inferSelect;
