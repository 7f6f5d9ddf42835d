// Engagements between a company and an expert, and their installed AI modules.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { experts, orgs } from './identity';

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
    /** Billing paused by the company: periods that begin meanwhile are not billed (billing/service.ts). */
    billingPausedAt: text('billing_paused_at'),
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

export type Engagement = typeof engagements.$inferSelect;
export type EngagementModule = typeof engagementModules.$inferSelect;
