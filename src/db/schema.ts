// Storage schema (drizzle). drizzle-kit generates migrations/ from this file; types come from $inferSelect.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const timestamp = (name: string) => text(name).notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const orgs = sqliteTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at'),
});

export const experts = sqliteTable('experts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  headline: text('headline').notNull().default(''),
  skills: text('skills', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  modules: text('modules', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  rateAmount: integer('rate_amount').notNull().default(0),
  rateCurrency: text('rate_currency').notNull().default('eur'),
  rateInterval: text('rate_interval', { enum: ['month', 'week'] })
    .notNull()
    .default('month'),
  maxClients: integer('max_clients').notNull().default(3),
  currentClients: integer('current_clients').notNull().default(0),
  stripeAccountId: text('stripe_account_id'),
  payoutsEnabled: integer('payouts_enabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: timestamp('created_at'),
  updatedAt: timestamp('updated_at'),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['company', 'expert', 'admin'] }).notNull(),
    orgId: text('org_id').references(() => orgs.id),
    expertId: text('expert_id').references(() => experts.id),
    createdAt: timestamp('created_at'),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_unique').on(t.keyHash), index('api_keys_org').on(t.orgId)],
);

export const engagements = sqliteTable(
  'engagements',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id),
    title: text('title').notNull(),
    modules: text('modules', { mode: 'json' }).$type<string[]>().notNull(),
    rateAmount: integer('rate_amount').notNull(),
    rateCurrency: text('rate_currency').notNull(),
    rateInterval: text('rate_interval', { enum: ['month', 'week'] }).notNull(),
    status: text('status', { enum: ['pending', 'active', 'completed', 'declined', 'cancelled'] }).notNull(),
    /** Tasks at or above this AI confidence complete without review. */
    reviewThreshold: integer('review_threshold').notNull().default(80),
    /** Optimistic-concurrency counter: every transition is `UPDATE … WHERE version = ?`. */
    version: integer('version').notNull().default(0),
    /**
     * Event id of the transition that last changed the row. The other statements of a transition's batch
     * check it, so they take effect only if this very transition won (a version alone could be a rival's).
     */
    lastEventId: text('last_event_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [index('engagements_org').on(t.orgId, t.id), index('engagements_expert').on(t.expertId, t.id)],
);

export const engagementModules = sqliteTable(
  'engagement_modules',
  {
    engagementId: text('engagement_id')
      .notNull()
      .references(() => engagements.id),
    module: text('module').notNull(),
    status: text('status', { enum: ['installing', 'active', 'failed', 'uninstalled'] }).notNull(),
    error: text('error'),
    /** Event of the step that last changed the row; that event is written only if this very step won. */
    lastEventId: text('last_event_id'),
    createdAt: timestamp('created_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.engagementId, t.module] })],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    engagementId: text('engagement_id')
      .notNull()
      .references(() => engagements.id),
    orgId: text('org_id').notNull(),
    expertId: text('expert_id').notNull(),
    title: text('title').notNull(),
    module: text('module').notNull(),
    type: text('type').notNull(),
    priority: text('priority', { enum: ['low', 'normal', 'high'] }).notNull(),
    status: text('status', {
      enum: ['queued', 'in_progress', 'completed', 'needs_review', 'failed'],
    }).notNull(),
    input: text('input', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    output: text('output', { mode: 'json' }).$type<unknown>(),
    checks: text('checks', { mode: 'json' }).$type<{ name: string; passed: boolean; detail?: string }[]>(),
    aiConfidence: integer('ai_confidence'),
    aiHandled: text('ai_handled', { enum: ['full', 'partial'] }),
    modelUsed: text('model_used'),
    error: text('error'),
    review: text('review', { mode: 'json' }).$type<{
      approved: boolean;
      notes: string | null;
      reviewer_id: string;
      at: string;
    }>(),
    /** Processing attempts (queue deliveries that started work). */
    attempts: integer('attempts').notNull().default(0),
    version: integer('version').notNull().default(0),
    lastEventId: text('last_event_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at'),
    startedAt: text('started_at'),
    completedAt: text('completed_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('tasks_engagement').on(t.engagementId, t.id),
    index('tasks_status').on(t.status, t.updatedAt),
  ],
);

/** Every review decision with the confidence it judged, for calibrating thresholds. */
export const taskReviews = sqliteTable(
  'task_reviews',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id').notNull(),
    engagementId: text('engagement_id').notNull(),
    confidence: integer('confidence'),
    approved: integer('approved', { mode: 'boolean' }).notNull(),
    corrected: integer('corrected', { mode: 'boolean' }).notNull(),
    notes: text('notes'),
    reviewerId: text('reviewer_id').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [index('task_reviews_engagement').on(t.engagementId)],
);

/** Transactional outbox: written in the same D1 batch as the change it describes. */
export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    engagementId: text('engagement_id'),
    orgId: text('org_id'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at'),
    /** Set once the event is on the events queue. */
    relayedAt: text('relayed_at'),
    /** A relay that claimed the event owns it until then; after, the sweep may send it again. */
    relayLeaseUntil: text('relay_lease_until'),
  },
  (t) => [
    index('events_unrelayed').on(t.relayedAt, t.id),
    index('events_engagement').on(t.engagementId, t.id),
  ],
);

export const files = sqliteTable(
  'files',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').references(() => orgs.id),
    expertId: text('expert_id').references(() => experts.id),
    engagementId: text('engagement_id').references(() => engagements.id),
    uploadedBy: text('uploaded_by').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    sha256: text('sha256').notNull(),
    purpose: text('purpose', { enum: ['rfp', 'invoice', 'attachment', 'avatar'] }).notNull(),
    r2Key: text('r2_key').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [index('files_org').on(t.orgId, t.id), index('files_engagement').on(t.engagementId)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    responseBody: text('response_body'),
    responseType: text('response_type'),
    createdAt: timestamp('created_at'),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);

/** Which handler has already processed which event, so a redelivered event changes nothing. */
export const eventDeliveries = sqliteTable(
  'event_deliveries',
  {
    eventId: text('event_id').notNull(),
    handler: text('handler').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.handler] })],
);

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

/** Last known state of each circuit breaker, written by its Durable Object for the admin view. */
export const breakerStates = sqliteTable('breaker_states', {
  name: text('name').primaryKey(),
  state: text('state', { enum: ['closed', 'open', 'half_open'] }).notNull(),
  failures: integer('failures').notNull(),
  openedAt: text('opened_at'),
  lastError: text('last_error'),
  updatedAt: timestamp('updated_at'),
});

/** Failed logins per client address and account, for the lockout that answers 429. */
export const loginFailures = sqliteTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at').notNull(),
});

/** Messages that exhausted their queue's retries, kept for the admin view and redrive. */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    queue: text('queue').notNull(),
    messageId: text('message_id').notNull(),
    body: text('body', { mode: 'json' }).$type<unknown>().notNull(),
    attempts: integer('attempts').notNull(),
    createdAt: timestamp('created_at'),
    redrivenAt: text('redriven_at'),
  },
  (t) => [uniqueIndex('dead_letters_message').on(t.queue, t.messageId)],
);

export type Org = typeof orgs.$inferSelect;
export type User = typeof users.$inferSelect;
export type Expert = typeof experts.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Engagement = typeof engagements.$inferSelect;
export type EngagementModule = typeof engagementModules.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type FileRow = typeof files.$inferSelect;
export type EmailLog = typeof emailLogs.$inferSelect;
export type Task = typeof tasks.$inferSelect;
