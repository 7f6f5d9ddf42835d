// Extraction batches: a list of up to 10,000 rows (CSV or JSON) mined in one go. Each row keeps its original
// values and points at the extraction of its site; rows of one registrable domain share one extraction.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const BATCH_STATUSES = ['running', 'completed', 'cancelled'] as const;
export const BATCH_ROW_STATUSES = [
  'queued',
  'running',
  'completed',
  'failed',
  'skipped',
  'cancelled',
] as const;

export type BatchRowStatus = (typeof BATCH_ROW_STATUSES)[number];
export type BatchCounts = Record<BatchRowStatus, number> & { total: number };

export const extractionBatches = sqliteTable(
  'extraction_batches',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    createdBy: text('created_by'),
    status: text('status', { enum: BATCH_STATUSES }).notNull(),
    source: text('source', { enum: ['csv', 'json'] }).notNull(),
    /** The header of the input (JSON lists: `url`), in order: the export repeats it. */
    columns: text('columns', { mode: 'json' }).$type<string[]>().notNull(),
    urlColumn: text('url_column').notNull(),
    /** Rows per status, recomputed with every change of the rows (the SSE stream and GET read only this). */
    counts: text('counts', { mode: 'json' }).$type<BatchCounts>().notNull(),
    /** Distinct sites (registrable domains) among the rows, and how many of them reused a recent result. */
    sites: integer('sites').notNull().default(0),
    reused: integer('reused').notNull().default(0),
    cancelRequestedAt: text('cancel_requested_at'),
    version: integer('version').notNull().default(0),
    lastEventId: text('last_event_id'),
    createdAt: timestamp('created_at'),
    completedAt: text('completed_at'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [index('extraction_batches_org').on(t.orgId, t.id)],
);

export const extractionBatchRows = sqliteTable(
  'extraction_batch_rows',
  {
    batchId: text('batch_id')
      .notNull()
      .references(() => extractionBatches.id),
    /** 0-based position among the data rows (the header excluded). */
    position: integer('position').notNull(),
    /** The row's original cells, as given. */
    raw: text('raw', { mode: 'json' }).$type<string[]>().notNull(),
    /** The URL cell as given; null when the row has none. */
    url: text('url'),
    normalizedUrl: text('normalized_url'),
    /** The dedupe key: the registrable domain (and a non-default port). */
    site: text('site'),
    extractionId: text('extraction_id'),
    status: text('status', { enum: BATCH_ROW_STATUSES }).notNull(),
    error: text('error'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.position] }),
    index('extraction_batch_rows_status').on(t.batchId, t.status),
    index('extraction_batch_rows_extraction').on(t.extractionId, t.status),
  ],
);

export type ExtractionBatch = typeof extractionBatches.$inferSelect;
export type ExtractionBatchRow = typeof extractionBatchRows.$inferSelect;
