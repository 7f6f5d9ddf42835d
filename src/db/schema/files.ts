// Uploaded files (the bytes live in R2).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { engagements } from './engagements';
import { experts, orgs } from './identity';

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

export type FileRow = typeof files.$inferSelect;
