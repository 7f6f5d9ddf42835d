// Reconciliation: payouts against the provider's transfers (by transfer group = payout id). Reports
// what disagrees — a completed payout without a transfer, a transfer id or amount that differs, more than one
// live transfer for one payout (a double payout), a reversed transfer — so an operator can act on it.
import { z } from '@hono/zod-openapi';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { experts, ledgerEntries, payouts } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { paymentsProvider } from '../payments/providers';

export const reconciliationSchema = z
  .object({
    week: z.string().nullable(),
    checked: z.number().int(),
    mismatches: z.array(
      z.object({
        payout_id: z.string(),
        expert_name: z.string().nullable().openapi({ description: 'Whom the payout is for' }),
        problem: z.enum([
          'missing_transfer',
          'transfer_id_differs',
          'amount_differs',
          'duplicate_transfers',
          'reversed',
          'transfer_on_unfinished_payout',
          'entries_differ',
        ]),
        detail: z.string(),
      }),
    ),
  })
  .openapi('PayoutReconciliation');

/** Checks up to `limit` completed, failed or in-flight payouts, newest first (one week's, when given). */
export async function reconcilePayouts(env: Env, db: Db, options: { week?: string; limit?: number } = {}) {
  const limit = Math.min(options.limit ?? 100, 500);
  // Completed ones, and failed or in-flight ones too: a transfer that went through despite an error is where
  // a double payout would hide.
  const joined = await db
    .select({ payout: payouts, expertName: experts.name })
    .from(payouts)
    .leftJoin(experts, eq(experts.id, payouts.expertId))
    .where(
      and(
        inArray(payouts.status, ['completed', 'failed', 'processing']),
        options.week ? eq(payouts.week, options.week) : undefined,
      ),
    )
    .orderBy(desc(payouts.id))
    .limit(limit);
  const rows = joined.map((row) => row.payout);
  const expertNames = new Map(joined.map((row) => [row.payout.id, row.expertName]));
  const sums = new Map<string, number>();
  for (const part of chunks(
    rows.map((r) => r.id),
    IDS_PER_STATEMENT,
  )) {
    const found = await db
      .select({ id: ledgerEntries.payoutId, sum: sql<number>`SUM(${ledgerEntries.amount})` })
      .from(ledgerEntries)
      .where(and(inArray(ledgerEntries.payoutId, part), ne(ledgerEntries.kind, 'payout')))
      .groupBy(ledgerEntries.payoutId);
    for (const f of found) if (f.id) sums.set(f.id, Number(f.sum));
  }
  const transfers = await paymentsProvider(env).listTransfers(rows.map((r) => r.id));
  const byGroup = new Map<string, typeof transfers>();
  for (const t of transfers) {
    if (!t.transferGroup) continue;
    byGroup.set(t.transferGroup, [...(byGroup.get(t.transferGroup) ?? []), t]);
  }
  const mismatches: Omit<z.infer<typeof reconciliationSchema>['mismatches'][number], 'expert_name'>[] = [];
  for (const payout of rows) {
    const found = byGroup.get(payout.id) ?? [];
    const live = found.filter((t) => !t.reversed);
    if ((sums.get(payout.id) ?? 0) !== payout.amount) {
      mismatches.push({
        payout_id: payout.id,
        problem: 'entries_differ',
        detail: `amount ${payout.amount}, entries ${sums.get(payout.id) ?? 0}`,
      });
    }
    if (payout.status !== 'completed') {
      if (live.length > 0) {
        mismatches.push({
          payout_id: payout.id,
          problem: 'transfer_on_unfinished_payout',
          detail: `${payout.status}, but the provider has ${live.map((t) => t.id).join(', ')}`,
        });
      }
      continue;
    }
    if (found.length === 0) {
      mismatches.push({
        payout_id: payout.id,
        problem: 'missing_transfer',
        detail: 'completed, but the provider has no transfer',
      });
      continue;
    }
    if (live.length > 1) {
      mismatches.push({
        payout_id: payout.id,
        problem: 'duplicate_transfers',
        detail: `${live.length} transfers: ${live.map((t) => t.id).join(', ')}`,
      });
    }
    if (live.length === 0) {
      mismatches.push({
        payout_id: payout.id,
        problem: 'reversed',
        detail: found.map((t) => t.id).join(', '),
      });
      continue;
    }
    const recorded = live.find((t) => t.id === payout.transferId);
    if (!recorded) {
      mismatches.push({
        payout_id: payout.id,
        problem: 'transfer_id_differs',
        detail: `recorded ${payout.transferId}, provider has ${live.map((t) => t.id).join(', ')}`,
      });
    } else if (recorded.amount !== payout.amount || recorded.currency !== payout.currency) {
      mismatches.push({
        payout_id: payout.id,
        problem: 'amount_differs',
        detail: `payout ${payout.amount} ${payout.currency}, transfer ${recorded.amount} ${recorded.currency}`,
      });
    }
  }
  return {
    week: options.week ?? null,
    checked: rows.length,
    mismatches: mismatches.map((m) => ({ ...m, expert_name: expertNames.get(m.payout_id) ?? null })),
  };
}
