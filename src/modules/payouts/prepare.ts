// Monday's prepare: one payout per expert and currency for an ISO week, covering every open ledger entry
// (payments, refunds, reversals not yet in a payout) from before the week's end — so late payments simply go
// to the next payout. Idempotent: the unique (expert, currency, week) key and "only open entries" mean a
// second run prepares nothing new. A negative or zero balance prepares nothing: it is carried forward.
// Bulk by design: a handful of statements for any number of experts (json-rows.ts), not one per expert.
import { and, isNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { createDb } from '../../db/client';
import { events, ledgerEntries, payouts } from '../../db/schema';
import { newId } from '../../lib/ids';
import { chunks, insertJsonRows } from '../../lib/json-rows';
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
  // next week's. Each payout keeps this cut-off as its created_at, and entries join a payout only from before
  // it, so a rerun (or one after a crash) never adds entries its amount did not count.
  const end = weekBounds(week).end;
  const weekEnd = end.toISOString();
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

  // Payouts first (ON CONFLICT: a payout of this week already there stays as it is), then their entries, events.
  const created: string[] = [];
  for (const part of chunks(rows)) {
    const inserted = await insertJsonRows(db, payouts, part)
      .onConflictDoNothing()
      .returning({ id: payouts.id });
    statements++;
    created.push(...inserted.map((r) => r.id));
  }
  const createdSet = new Set(created);
  const fresh = rows.filter((r) => createdSet.has(r.id));
  const ownPayout = sql`p.expert_id = ${ledgerEntries.expertId} AND p.currency = ${ledgerEntries.currency} AND p.week = ${week} AND p.status = 'pending' AND ${ledgerEntries.createdAt} < p.created_at`;
  const writes: BatchItem<'sqlite'>[] = [
    // Every open entry from before its payout's cut-off joins that pending payout (one statement for all).
    db
      .update(ledgerEntries)
      .set({ payoutId: sql`(SELECT p.id FROM payouts p WHERE ${ownPayout})` })
      .where(and(openBefore(weekEnd), sql`EXISTS (SELECT 1 FROM payouts p WHERE ${ownPayout})`)),
    ...chunks(fresh).map((part) =>
      insertJsonRows(
        db,
        events,
        part.map((p) => ({
          id: newId('event'),
          type: 'payout.prepared',
          data: { payout_id: p.id, expert_id: p.expertId, week, currency: p.currency, amount: p.amount },
          createdAt: now,
        })),
      ),
    ),
  ];
  const [first, ...rest] = writes;
  if (first) await db.batch([first, ...rest]);
  statements += writes.length;

  const amounts: Record<string, number> = {};
  for (const p of fresh) amounts[p.currency] = (amounts[p.currency] ?? 0) + p.amount;
  return { week, prepared: fresh.length, amounts, statements };
}
