// Friday's process: claims pending (and earlier failed) payouts with one conditional UPDATE, so two runs never
// take the same payout; transfers each to the expert's connected account with `transfer_group` = payout id and
// the idempotency key `<payout id>:<attempt>` — a call retried after a crash is the same transfer, a deliberate
// new attempt after a failure is a new one; then records every outcome of the chunk in one D1 batch:
// completed (transfer id, ledger debit, payout.completed → the expert's email), failed (error, tried again next
// run) or skipped (no connected account: its entries return to the open balance, into next week's payout).
import { and, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { createDb } from '../../db/client';
import { events, experts, ledgerEntries, type Payout, payouts } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { field, idIn, insertJsonRows, JSON_ROWS_CHUNK, valueFor } from '../../lib/json-rows';
import { log } from '../../lib/logger';
import { paymentsProvider } from '../payments/providers';
import { OUTCOME_EVENTS } from './machine';

/** Payouts per chunk: one claim batch (pending, failed, stale), the account lookups, one result batch. */
const CHUNK = 100;
/** Transfers in flight at once within a chunk. */
const CONCURRENT_TRANSFERS = 10;
/** A claim older than this lost its run (crash, timeout): the next run takes it over with the same attempt. */
export const STALE_CLAIM_MS = 10 * 60_000;

export interface ProcessSummary {
  processed: number;
  failed: number;
  skipped: number;
  errors: { payout_id: string; error: string }[];
  /** Payouts still waiting when this run's budget ran out (the queue continues the run). */
  remaining: number;
  statements: number;
}

type Outcome =
  | { payout: Payout; status: 'completed'; transferId: string }
  | { payout: Payout; status: 'failed'; error: string }
  | { payout: Payout; status: 'skipped'; error: string };

export async function processPayouts(
  env: Env,
  options: { budget?: number; now?: Date; runStarted?: string } = {},
): Promise<ProcessSummary> {
  const db = createDb(env.DB);
  const budget = options.budget ?? 200;
  // A run continued through the queue keeps its start: a payout that failed in this run is not tried again by
  // its own later steps (only by the next run), so persistent failures cannot make a run loop.
  const runStarted = options.runStarted ?? (options.now ?? new Date()).toISOString();
  const summary: ProcessSummary = {
    processed: 0,
    failed: 0,
    skipped: 0,
    errors: [],
    remaining: 0,
    statements: 0,
  };
  const provider = paymentsProvider(env);

  for (let done = 0; done < budget; ) {
    const claimed = await claim(db, Math.min(CHUNK, budget - done), runStarted);
    summary.statements += 3;
    if (claimed.payouts.length === 0) break;
    done += claimed.payouts.length;

    const accounts = await accountsOf(db, claimed.payouts);
    summary.statements += Math.ceil(claimed.payouts.length / 90);
    const outcomes: Outcome[] = [];
    const waiting = [...claimed.payouts];
    const worker = async () => {
      for (let payout = waiting.shift(); payout; payout = waiting.shift()) {
        outcomes.push(
          await transfer(provider, payout, accounts.get(payout.expertId), claimed.takenOver.has(payout.id)),
        );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_TRANSFERS }, worker));
    summary.statements += await record(db, outcomes);

    for (const outcome of outcomes) {
      if (outcome.status === 'completed') summary.processed++;
      if (outcome.status === 'skipped') summary.skipped++;
      if (outcome.status === 'failed') {
        summary.failed++;
        summary.errors.push({ payout_id: outcome.payout.id, error: outcome.error });
      }
    }
  }
  // Three index range counts rather than one OR over the whole table.
  const staleBefore = new Date(Date.parse(runStarted) - STALE_CLAIM_MS).toISOString();
  const left = await db.get<{ n: number }>(
    sql`SELECT (SELECT count(*) FROM payouts WHERE status = 'pending')
      + (SELECT count(*) FROM payouts WHERE status = 'failed' AND updated_at < ${runStarted})
      + (SELECT count(*) FROM payouts WHERE status = 'processing' AND updated_at < ${staleBefore}) AS n`,
  );
  summary.statements++;
  summary.remaining = Number(left?.n ?? 0);
  log.info('payouts processed', { ...summary, errors: summary.errors.length });
  return summary;
}

/**
 * One conditional UPDATE … RETURNING per kind: the condition is checked again on each row as it is updated,
 * so of two runs claiming at once, each payout goes to exactly one. A new claim counts a new attempt (a new
 * idempotency key); taking over a stale claim keeps the attempt, so the transfer Stripe may already have made
 * is found again instead of made twice.
 */
async function claim(
  db: ReturnType<typeof createDb>,
  limit: number,
  runStarted: string,
): Promise<{ payouts: Payout[]; takenOver: Set<string> }> {
  const staleBefore = new Date(Date.parse(runStarted) - STALE_CLAIM_MS).toISOString();
  const now = new Date().toISOString();
  const pending = eq(payouts.status, 'pending');
  const failed = and(eq(payouts.status, 'failed'), lt(payouts.updatedAt, runStarted));
  const stale = and(eq(payouts.status, 'processing'), lt(payouts.updatedAt, staleBefore));
  // Each kind picked on its own, in the (status, updated_at) index's order (no sort): pending ones always get
  // their share of a chunk, so a backlog of persistent failures never starves new payouts.
  const pick = (condition: ReturnType<typeof and>, count: number) =>
    inArray(
      payouts.id,
      db
        .select({ id: payouts.id })
        .from(payouts)
        .where(condition)
        .orderBy(payouts.status, payouts.updatedAt)
        .limit(count),
    );
  const claimNew = (condition: ReturnType<typeof and>, count: number) =>
    db
      .update(payouts)
      .set({
        status: 'processing',
        attempts: sql`${payouts.attempts} + 1`,
        version: sql`${payouts.version} + 1`,
        error: null,
        updatedAt: now,
      })
      .where(and(pick(condition, count), condition))
      .returning();
  const [claimedPending, claimedFailed, takenOver] = await db.batch([
    claimNew(pending, limit),
    claimNew(failed, Math.max(1, Math.floor(limit / 5))),
    db
      .update(payouts)
      .set({ version: sql`${payouts.version} + 1`, updatedAt: now })
      .where(and(pick(stale, limit), stale))
      .returning(),
  ]);
  const claimedFresh = [...claimedPending, ...claimedFailed];
  return { payouts: [...claimedFresh, ...takenOver], takenOver: new Set(takenOver.map((p) => p.id)) };
}

async function accountsOf(db: ReturnType<typeof createDb>, claimed: Payout[]) {
  const ids = [...new Set(claimed.map((p) => p.expertId))];
  const accounts = new Map<string, { accountId: string | null; enabled: boolean }>();
  for (const part of chunks(ids, IDS_PER_STATEMENT)) {
    const rows = await db
      .select({ id: experts.id, accountId: experts.stripeAccountId, enabled: experts.payoutsEnabled })
      .from(experts)
      .where(inArray(experts.id, part));
    for (const row of rows) accounts.set(row.id, { accountId: row.accountId, enabled: row.enabled });
  }
  return accounts;
}

async function transfer(
  provider: ReturnType<typeof paymentsProvider>,
  payout: Payout,
  account: { accountId: string | null; enabled: boolean } | undefined,
  takenOver: boolean,
): Promise<Outcome> {
  if (!account?.accountId || !account.enabled) {
    return { payout, status: 'skipped', error: 'The expert has no connected account ready for payouts' };
  }
  try {
    // Not the first try (an earlier attempt failed, or this takes over a lost run): the earlier call may have
    // reached Stripe after all (a timeout, a crash), and its idempotency key may have expired since. Adopt a
    // live transfer of this payout if there is one, rather than sending the money again.
    if (payout.attempts > 1 || takenOver) {
      const existing = (await provider.listTransfers([payout.id])).find(
        (t) => !t.reversed && t.amount === payout.amount && t.currency === payout.currency,
      );
      if (existing) return { payout, status: 'completed', transferId: existing.id };
    }
    const made = await provider.createTransfer({
      amount: payout.amount,
      currency: payout.currency,
      destination: account.accountId,
      transferGroup: payout.id,
      idempotencyKey: `${payout.id}:${payout.attempts}`,
    });
    return { payout, status: 'completed', transferId: made.id };
  } catch (error) {
    return {
      payout,
      status: 'failed',
      error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
    };
  }
}

/** Every outcome of a chunk in one D1 batch of a few bulk statements (only payouts still `processing` move). */
async function record(db: ReturnType<typeof createDb>, outcomes: Outcome[]): Promise<number> {
  if (outcomes.length === 0) return 0;
  const now = new Date().toISOString();
  // Each outcome stamps its own event id on the payout; its event and ledger row are written only where that
  // stamp landed, so a run that lost its claim (and another took over) records nothing twice.
  const stamped = outcomes.map((o) => ({ ...o, eventId: newId('event') }));
  const rows = stamped.map((o) => ({
    id: o.payout.id,
    event_id: o.eventId,
    status: o.status,
    transfer_id: o.status === 'completed' ? o.transferId : null,
    error: o.status === 'completed' ? null : o.error,
  }));
  const payload = JSON.stringify(rows);
  const completed = stamped.filter((o) => o.status === 'completed');
  // By primary key: an unindexed last_event_id lookup would scan every payout for every row.
  const landed = (eventIdPath: string) =>
    sql`EXISTS (SELECT 1 FROM payouts p WHERE p.id = ${field('guardPayoutId')} AND p.last_event_id = ${field(eventIdPath)})`;
  // Skipped outcomes by the event id they stamp (matched against payouts.last_event_id).
  const skipped = JSON.stringify(
    stamped.filter((o) => o.status === 'skipped').map((o) => ({ id: o.payout.id, event: o.eventId })),
  );
  const statements: BatchItem<'sqlite'>[] = [
    db
      .update(payouts)
      .set({
        status: valueFor(payload, 'status', payouts.id),
        transferId: valueFor(payload, 'transfer_id', payouts.id),
        error: valueFor(payload, 'error', payouts.id),
        lastEventId: valueFor(payload, 'event_id', payouts.id),
        processedAt: now,
        version: sql`${payouts.version} + 1`,
        updatedAt: now,
      })
      .where(and(idIn(payload, payouts.id), eq(payouts.status, 'processing'))),
    // Skipped: its entries are open again, for next week's prepare — only where this outcome landed.
    db
      .update(ledgerEntries)
      .set({ payoutId: null })
      .where(
        and(
          sql`${ledgerEntries.payoutId} IN (SELECT p.id FROM payouts p WHERE ${idIn(skipped, sql.raw('p.id'))} AND p.last_event_id = ${valueFor(skipped, 'event', sql.raw('p.id'))})`,
          ne(ledgerEntries.kind, 'payout'),
        ),
      ),
    ...chunks(completed, JSON_ROWS_CHUNK).map((part) =>
      insertJsonRows(
        db,
        ledgerEntries,
        part.map((o) => ({
          id: newId('ledger'),
          expertId: o.payout.expertId,
          currency: o.payout.currency,
          amount: -o.payout.amount,
          kind: 'payout' as const,
          payoutId: o.payout.id,
          sourceKey: o.payout.id,
          // Not columns: carried in the row only for the guard.
          eventId: o.eventId,
          guardPayoutId: o.payout.id,
        })),
        landed('eventId'),
      ).onConflictDoNothing(),
    ),
    ...chunks(stamped, JSON_ROWS_CHUNK).map((part) =>
      insertJsonRows(
        db,
        events,
        part.map((o) => ({
          id: o.eventId,
          type: OUTCOME_EVENTS[o.status],
          data: {
            payout_id: o.payout.id,
            expert_id: o.payout.expertId,
            week: o.payout.week,
            currency: o.payout.currency,
            amount: o.payout.amount,
            attempt: o.payout.attempts,
            ...(o.status === 'completed' ? { transfer_id: o.transferId } : { error: o.error }),
          },
          createdAt: now,
          guardPayoutId: o.payout.id,
        })),
        landed('id'),
      ),
    ),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return statements.length;
}
