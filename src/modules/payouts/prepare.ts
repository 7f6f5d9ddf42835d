// Monday's prepare: one payout per expert and currency for an ISO week, covering every open ledger entry
// (payments, refunds, reversals not yet in a payout) from before the week's end — so late payments simply go
// to the next payout. Idempotent: the unique (expert, currency, week) key and "only open entries" mean a
// second run prepares nothing new. A negative or zero balance prepares nothing: it is carried forward.
// Bulk by design: a handful of statements for any number of experts (json-rows.ts), not one per expert.
import { and, isNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { events, ledgerEntries, payouts } from '../../db/schema';
import { chunks } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { field, idIn, insertJsonRows, JSON_ROWS_CHUNK } from '../../lib/json-rows';
import { weekBounds } from './week';

export interface PrepareResult {
  week: string;
  prepared: number;
  amounts: Record<string, number>;
  /** D1 statements this run issued, for the benchmark. */
  statements: number;
}

export async function preparePayouts(env: Env, week: string): Promise<PrepareResult> {
  const db = createDb(env.DB);
  const now = new Date().toISOString();
  // Entries up to the week's end — or up to now, for a week still running (a run by hand): what comes later is
  // next week's.
  const end = weekBounds(week).end;
  const cutoff = new Date(Math.min(Date.parse(now), end.getTime())).toISOString();
  const openBefore = (before: SQL | string) =>
    and(
      isNull(ledgerEntries.payoutId),
      ne(ledgerEntries.kind, 'payout'),
      lt(ledgerEntries.createdAt, before),
    );

  const groups = await db
    .select({
      expertId: ledgerEntries.expertId,
      currency: ledgerEntries.currency,
      amount: sql<number>`SUM(${ledgerEntries.amount})`.as('amount'),
    })
    .from(ledgerEntries)
    .where(openBefore(cutoff))
    .groupBy(ledgerEntries.expertId, ledgerEntries.currency)
    .having(sql`SUM(${ledgerEntries.amount}) > 0`);
  let statements = 1;
  const rows = groups.map((g) => ({
    id: newId('payout'),
    expertId: g.expertId,
    currency: g.currency,
    week,
    amount: Number(g.amount),
    status: 'pending' as const,
    attempts: 0,
    version: 0,
    createdAt: cutoff,
    updatedAt: now,
  }));

  // Per chunk, one D1 batch (one transaction): insert the payouts, link their open entries by payout id, set
  // each amount to the sum of what it actually linked (so amount and entries can never disagree, whatever
  // happened since the SELECT), drop any that came to nothing, and write the events of those that remain.
  let prepared = 0;
  const amounts: Record<string, number> = {};
  for (const part of chunks(rows, JSON_ROWS_CHUNK)) {
    const ids = JSON.stringify(part.map((p) => ({ id: p.id, expert: p.expertId })));
    const mine = sql`(SELECT p.id FROM payouts p WHERE ${idIn(ids, sql.raw('p.id'))} AND p.expert_id = ${ledgerEntries.expertId} AND p.currency = ${ledgerEntries.currency})`;
    const inThisChunk = idIn(ids, payouts.id);
    const results = await db.batch([
      insertJsonRows(db, payouts, part).onConflictDoNothing(),
      db
        .update(ledgerEntries)
        .set({ payoutId: mine })
        .where(
          and(
            // Only this chunk's experts: the (expert_id, currency, payout_id) index, not every open entry.
            sql`${ledgerEntries.expertId} IN (SELECT json_extract(value, '$.expert') FROM json_each(${ids}))`,
            openBefore(cutoff),
            sql`EXISTS ${mine}`,
          ),
        ),
      db
        .update(payouts)
        .set({
          amount: sql`COALESCE((SELECT SUM(e.amount) FROM ledger_entries e WHERE e.payout_id = ${payouts.id}), 0)`,
        })
        .where(inThisChunk),
      db
        .update(ledgerEntries)
        .set({ payoutId: null })
        .where(
          sql`${ledgerEntries.payoutId} IN (SELECT p.id FROM payouts p WHERE ${idIn(ids, sql.raw('p.id'))} AND p.amount <= 0)`,
        ),
      db.delete(payouts).where(and(inThisChunk, sql`${payouts.amount} <= 0`)),
      insertJsonRows(
        db,
        events,
        part.map((p) => ({
          id: newId('event'),
          type: 'payout.prepared',
          data: { payout_id: p.id, expert_id: p.expertId, week, currency: p.currency },
          createdAt: now,
          guardPayoutId: p.id,
        })),
        sql`EXISTS (SELECT 1 FROM payouts p WHERE p.id = ${field('guardPayoutId')})`,
      ),
      db
        .select({ id: payouts.id, currency: payouts.currency, amount: payouts.amount })
        .from(payouts)
        .where(inThisChunk),
    ]);
    statements += 7;
    const kept = results[6] as { id: string; currency: string; amount: number }[];
    prepared += kept.length;
    for (const p of kept) amounts[p.currency] = (amounts[p.currency] ?? 0) + p.amount;
  }
  return { week, prepared, amounts, statements };
}
