// Tasks processed by AI modules, and the reviews of those below the threshold.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { engagements } from './engagements';

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
    // The automation report counts an org's finished tasks without reading every task it ever had.
    index('tasks_org_finished').on(t.orgId, t.status, t.completedAt),
    // The hourly metrics rollup reads the tasks completed in an hour.
    index('tasks_completed').on(t.completedAt),
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
    /** Field paths an approving correction changed (`supplier.vat_id`, `line_items`); null without one. */
    correctedFields: text('corrected_fields', { mode: 'json' }).$type<string[]>(),
    notes: text('notes'),
    reviewerId: text('reviewer_id').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('task_reviews_engagement').on(t.engagementId),
    // The reports reach reviews from their tasks (tenancy and module filters live on the task).
    index('task_reviews_task').on(t.taskId),
  ],
);

export type Task = typeof tasks.$inferSelect;
