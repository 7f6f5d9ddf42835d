// Lead extractions: one crawl of a company website, the pages it fetched and the entities it found.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export interface EmailVerification {
  /** The domain's mail exchangers: present, a null MX (RFC 7505: takes no mail), or none at all. */
  mx: 'present' | 'null' | 'none' | 'unknown';
  role: boolean;
  free: boolean;
  disposable: boolean;
  status: 'deliverable' | 'risky' | 'undeliverable';
}

export const extractions = sqliteTable(
  'extractions',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    createdBy: text('created_by'),
    /** As given by the caller. */
    url: text('url').notNull(),
    /** The key for reuse: same normalised URL within 24 h → the same result. */
    normalizedUrl: text('normalized_url').notNull(),
    /** The site (registrable domain, and a port that is not the default): the company's memory of it. */
    site: text('site'),
    status: text('status', { enum: ['queued', 'running', 'completed', 'failed'] }).notNull(),
    progress: integer('progress').notNull().default(0),
    confidence: integer('confidence'),
    error: text('error'),
    /** Set when a LEADS/extract_leads task started it; the extraction then finishes that task. */
    taskId: text('task_id'),
    engagementId: text('engagement_id'),
    /** Set when an extraction batch started it: a batch cancelled before it began skips it. */
    batchId: text('batch_id'),
    /** Consumer deliveries that started a crawl. */
    attempts: integer('attempts').notNull().default(0),
    version: integer('version').notNull().default(0),
    lastEventId: text('last_event_id'),
    createdAt: timestamp('created_at'),
    startedAt: text('started_at'),
    completedAt: text('completed_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('extractions_org').on(t.orgId, t.id),
    index('extractions_reuse').on(t.orgId, t.normalizedUrl, t.createdAt),
    uniqueIndex('extractions_task').on(t.taskId),
    index('extractions_status').on(t.status, t.updatedAt),
    index('extractions_site').on(t.orgId, t.site, t.id),
  ],
);

/** Every page fetched (or refused) during an extraction, with what it cost. */
export const extractionPages = sqliteTable(
  'extraction_pages',
  {
    id: text('id').primaryKey(),
    extractionId: text('extraction_id')
      .notNull()
      .references(() => extractions.id),
    url: text('url').notNull(),
    pageType: text('page_type').notNull(),
    /** Null when no response came (refused, unreachable, timed out). */
    statusCode: integer('status_code'),
    fetchMs: integer('fetch_ms').notNull(),
    bytes: integer('bytes'),
    /** The HTML snapshot in R2, when the page was fetched. */
    r2Key: text('r2_key'),
    error: text('error'),
    position: integer('position').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [uniqueIndex('extraction_pages_url').on(t.extractionId, t.url)],
);

export const extractionEntities = sqliteTable(
  'extraction_entities',
  {
    id: text('id').primaryKey(),
    extractionId: text('extraction_id')
      .notNull()
      .references(() => extractions.id),
    type: text('type').notNull(),
    value: text('value').notNull(),
    confidence: integer('confidence').notNull(),
    sourceUrl: text('source_url').notNull(),
    role: text('role'),
    /** EMAIL only: what DNS and the provider lists say about the address (no SMTP probing). */
    verification: text('verification', { mode: 'json' }).$type<EmailVerification>(),
    position: integer('position').notNull(),
  },
  (t) => [index('extraction_entities_extraction').on(t.extractionId, t.position)],
);

export type Extraction = typeof extractions.$inferSelect;
export type ExtractionPage = typeof extractionPages.$inferSelect;
export type ExtractionEntity = typeof extractionEntities.$inferSelect;
