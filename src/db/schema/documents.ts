// Generated PDFs (bytes in R2) and the counters that number them without gaps.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * One row per document, claimed before it is rendered: `(kind, source_id)` is unique, so a redelivered event
 * finds the row instead of making another, and the number is allocated in the same statement that claims
 * it. `pending` until its PDF is stored; `content` is what it says, frozen at issue (re-renders are
 * byte-identical).
 */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['invoice', 'payout_statement', 'engagement_report'] }).notNull(),
    /** The billing period (invoice), payout (statement) or engagement (report) it was made for. */
    sourceId: text('source_id').notNull(),
    /** The numbering series: `invoice:<year>`, `statement:<expert>`, `report`. */
    series: text('series').notNull(),
    sequence: integer('sequence').notNull(),
    number: text('number').notNull(),
    orgId: text('org_id'),
    expertId: text('expert_id'),
    engagementId: text('engagement_id'),
    paymentId: text('payment_id'),
    payoutId: text('payout_id'),
    status: text('status', { enum: ['pending', 'ready'] }).notNull(),
    content: text('content', { mode: 'json' }).$type<unknown>().notNull(),
    currency: text('currency'),
    /** The document's total (minor units): invoiced, credited, or paid in the engagement. */
    total: integer('total'),
    r2Key: text('r2_key').notNull(),
    size: integer('size'),
    sha256: text('sha256'),
    /** The issue time printed on the document and in its PDF metadata. */
    issuedAt: text('issued_at').notNull(),
    lastEventId: text('last_event_id'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    uniqueIndex('documents_source').on(t.kind, t.sourceId),
    uniqueIndex('documents_number').on(t.series, t.sequence),
    index('documents_org').on(t.orgId, t.id),
    index('documents_expert').on(t.expertId, t.id),
    index('documents_engagement').on(t.engagementId),
  ],
);

/** The last number handed out per series; advanced only by the statement that claims a document. */
export const documentCounters = sqliteTable('document_counters', {
  series: text('series').primaryKey(),
  last: integer('last').notNull(),
});

export type DocumentRow = typeof documents.$inferSelect;
