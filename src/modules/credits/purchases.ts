// What a credits purchase's payment events do to the org's credits (called from payments/events.ts inside the
// payment's own batch, guarded by its transition): paid adds the pack's credits once; a refund takes back the
// refunded share of them, but never more than is left — credits already spent on work stay spent.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { creditEntries, type Payment } from '../../db/schema';
import { balanceOf } from './balance';
import { creditEntryStatement, syncBalanceStatement } from './ledger';

export function purchasedCredits(db: Db, payment: Payment, won: SQL): BatchItem<'sqlite'>[] {
  if (payment.purpose !== 'credits' || !payment.credits) return [];
  return [
    creditEntryStatement(
      db,
      {
        orgId: payment.orgId,
        amount: payment.credits,
        kind: 'purchase',
        sourceKey: payment.id,
        paymentId: payment.id,
        note: payment.description,
      },
      won,
    ),
    syncBalanceStatement(db, payment.orgId),
  ];
}

/** `refundedNow`: the cumulative amount refunded (Stripe's `amount_refunded`), in minor units. */
export async function refundedCredits(
  db: Db,
  payment: Payment,
  refundedNow: number,
  won: SQL,
): Promise<BatchItem<'sqlite'>[]> {
  if (payment.purpose !== 'credits' || !payment.credits || payment.amount <= 0) return [];
  const [taken] = await db
    .select({ credits: sql<number>`COALESCE(-SUM(${creditEntries.amount}), 0)` })
    .from(creditEntries)
    .where(and(eq(creditEntries.paymentId, payment.id), eq(creditEntries.kind, 'purchase_refund')));
  const share = Math.floor((payment.credits * Math.min(refundedNow, payment.amount)) / payment.amount);
  const debit = Math.min(share - Number(taken?.credits ?? 0), await balanceOf(db, payment.orgId));
  if (debit <= 0) return [];
  return [
    creditEntryStatement(
      db,
      {
        orgId: payment.orgId,
        amount: -debit,
        kind: 'purchase_refund',
        sourceKey: `${payment.id}:${refundedNow}`,
        paymentId: payment.id,
        note: 'The pack was refunded',
      },
      won,
    ),
    syncBalanceStatement(db, payment.orgId),
  ];
}
