// What a company's reviews teach the engine (per supplier), and the invoices it already booked (to catch
// duplicates). Both are per org: one company's corrections never shape another's readings.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * Where a field is printed on a supplier's invoices, learned from an expert's correction: the label text
 * next to the value and whether the value sits to its right or below it.
 */
export const supplierHints = sqliteTable(
  'supplier_hints',
  {
    orgId: text('org_id').notNull(),
    /** `vat:DE123456789`, `iban:DE89…` or `name:acme supplies gmbh`. */
    supplierKey: text('supplier_key').notNull(),
    /** Output path, e.g. `invoice_number`, `issue_date`, `gross`. */
    field: text('field').notNull(),
    label: text('label').notNull(),
    position: text('position', { enum: ['right', 'below'] }).notNull(),
    /** The review that taught it. */
    taskId: text('task_id').notNull(),
    /** Readings that used it since. */
    uses: integer('uses').notNull().default(0),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.supplierKey, t.field] })],
);

/** Each booked invoice's identity: a new one matching an old one is held as a possible duplicate. */
export const invoiceFingerprints = sqliteTable(
  'invoice_fingerprints',
  {
    taskId: text('task_id').primaryKey(),
    orgId: text('org_id').notNull(),
    supplierKey: text('supplier_key'),
    /** Upper-case, without spaces. */
    invoiceNumber: text('invoice_number'),
    gross: integer('gross'),
    issueDate: text('issue_date'),
    fileSha256: text('file_sha256'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('invoice_fingerprints_number').on(t.orgId, t.supplierKey, t.invoiceNumber),
    index('invoice_fingerprints_file').on(t.orgId, t.fileSha256),
  ],
);
