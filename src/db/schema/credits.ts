// AI credits: a company's prepaid balance, spent by task runs. The entries are the history (grants,
// purchases, consumptions, refunds); the account row holds their sum, recomputed in the same batch as
// every entry, and its CHECK is what refuses an overdraft — the whole batch (task included) rolls back.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const creditAccounts = sqliteTable(
  'credit_accounts',
  {
    orgId: text('org_id').primaryKey(),
    /** Always the sum of the org's entries; never below zero (the CHECK). */
    balance: integer('balance').notNull(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [check('credit_accounts_not_overdrawn', sql`${t.balance} >= 0`)],
);

export const CREDIT_ENTRY_KINDS = ['grant', 'purchase', 'consumption', 'refund', 'purchase_refund'] as const;

export const creditEntries = sqliteTable(
  'credit_entries',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    /** Credits added (positive) or spent (negative). */
    amount: integer('amount').notNull(),
    kind: text('kind', { enum: CREDIT_ENTRY_KINDS }).notNull(),
    taskId: text('task_id'),
    paymentId: text('payment_id'),
    /** Makes each effect happen once however often its cause arrives: a task id, a payment id, a grant key. */
    sourceKey: text('source_key').notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    uniqueIndex('credit_entries_source').on(t.kind, t.sourceKey),
    index('credit_entries_org').on(t.orgId, t.id),
    index('credit_entries_task').on(t.taskId),
    index('credit_entries_created').on(t.createdAt),
  ],
);

export type CreditEntry = typeof creditEntries.$inferSelect;
