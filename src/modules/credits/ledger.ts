// The credits ledger's two statements, used by every writer (grants, purchases, task runs, refunds): an entry,
// once per (kind, source), and the account's balance recomputed from the entries in the same batch. Because
// the balance is always re-derived rather than incremented, a redelivered cause (its entry a no-op) can never
// count twice; and because the account's CHECK refuses a negative balance, a batch that would overdraw fails
// as a whole — the task it was creating included.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type CreditEntry, creditAccounts, creditEntries } from '../../db/schema';
import { ApiError, PROBLEM_TYPES, problemType } from '../../lib/errors';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';

export type CreditEntryInput = Pick<CreditEntry, 'orgId' | 'amount' | 'kind' | 'sourceKey'> &
  Partial<Pick<CreditEntry, 'taskId' | 'paymentId' | 'note' | 'createdBy'>>;

/** One entry, written once per (kind, sourceKey); with `onlyIf`, only where that holds in the same batch. */
export function creditEntryStatement(db: Db, entry: CreditEntryInput, onlyIf?: SQL) {
  const row = { id: newId('creditEntry'), ...entry };
  return onlyIf
    ? insertIf(db, creditEntries, row, onlyIf).onConflictDoNothing()
    : db.insert(creditEntries).values(row).onConflictDoNothing();
}

/** The org's balance set to the sum of its entries (the account row made on first use). */
export function syncBalanceStatement(db: Db, orgId: string) {
  return db
    .insert(creditAccounts)
    .select(
      // WHERE true: SQLite needs it to tell an upsert's ON CONFLICT from a join's ON after a SELECT.
      sql`SELECT ${orgId}, (SELECT COALESCE(SUM(${creditEntries.amount}), 0) FROM ${creditEntries} WHERE ${creditEntries.orgId} = ${orgId}), strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE true`,
    )
    .onConflictDoUpdate({
      target: creditAccounts.orgId,
      set: { balance: sql`excluded.balance`, updatedAt: sql`excluded.updated_at` },
    });
}

/** True when a batch failed because it would have taken a balance below zero. */
export function isOverdraft(error: unknown): boolean {
  const text = String(error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : error);
  return (
    text.includes('credit_accounts_not_overdrawn') || /CHECK constraint failed: .*credit_accounts/.test(text)
  );
}

/** 402 with what the caller needs to act: the balance, the price, and what is missing. */
export function insufficientCredits(balance: number, price: number): ApiError {
  return new ApiError(
    402,
    `Not enough AI credits: this needs ${price}, the balance is ${balance}. Buy a credit pack (POST /v1/credits/purchase) and try again.`,
    {
      type: problemType(PROBLEM_TYPES.insufficientCredits),
      extensions: { balance, price, missing: Math.max(price - balance, 0) },
    },
  );
}
