// Keeping extractions moving when something died: the sweep requeues crawls whose worker vanished and
// re-sends extractions whose message was lost; a redriven dead letter retries its failed extraction.
import { and, asc, eq, gt, gte, lt, lte, min, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Extraction, extractions } from '../../db/schema';
import { inPages, SWEEP_BUDGET_MS } from '../../lib/pages';
import { enqueueExtractions } from './service';
import { transitionExtraction } from './transition';

/** A crawl takes seconds (10 pages × 10 s at worst); one still running after this lost its worker. */
export const STUCK_AFTER_MS = 10 * 60_000;
export const UNSENT_AFTER_MS = 5 * 60_000;
/** Rows per page; the sweep walks every page, so any number of stranded crawls recover in one run. */
const PAGE_SIZE = 100;

const stuckCondition = (now: number) =>
  and(
    eq(extractions.status, 'running'),
    lt(extractions.updatedAt, new Date(now - STUCK_AFTER_MS).toISOString()),
  );
const unsentCondition = (now: number) =>
  and(
    eq(extractions.status, 'queued'),
    lt(extractions.updatedAt, new Date(now - UNSENT_AFTER_MS).toISOString()),
  );

export async function recoverExtractions(env: Env, db: Db, now = Date.now()) {
  const options = { pageSize: PAGE_SIZE, deadline: Date.now() + SWEEP_BUDGET_MS };
  let recovered = 0;
  const stuck = await inPages(
    (after, limit) =>
      db
        .select()
        .from(extractions)
        .where(and(stuckCondition(now), after ? gt(extractions.id, after) : undefined))
        .orderBy(asc(extractions.id))
        .limit(limit),
    async (page) => {
      const requeued: string[] = [];
      for (const row of page) {
        const next = await transitionExtraction(db, row, 'recover', { data: { reason: 'worker timed out' } });
        if (next) requeued.push(next.id);
      }
      await enqueueExtractions(env, requeued);
      recovered += requeued.length;
    },
    options,
  );
  // Duplicates are harmless: the consumer skips an extraction that is no longer queued.
  const waiting = await inPages(
    (after, limit) =>
      db
        .select({ id: extractions.id })
        .from(extractions)
        .where(and(unsentCondition(now), after ? gt(extractions.id, after) : undefined))
        .orderBy(asc(extractions.id))
        .limit(limit),
    async (page) => {
      await enqueueExtractions(
        env,
        page.map((row) => row.id),
      );
      // Sent again now: not stranded until this message is lost too.
      await db
        .update(extractions)
        .set({ updatedAt: new Date().toISOString() })
        .where(
          and(
            unsentCondition(now),
            gte(extractions.id, page[0]?.id ?? ''),
            lte(extractions.id, page.at(-1)?.id ?? ''),
          ),
        );
    },
    options,
  );
  return { recovered, resent: waiting.handled, more: stuck.more || waiting.more };
}

/** When the longest-stranded extraction was last touched; null: none. */
export async function oldestStrandedExtraction(db: Db, now = Date.now()): Promise<string | null> {
  const [row] = await db
    .select({ at: min(extractions.updatedAt) })
    .from(extractions)
    .where(or(stuckCondition(now), unsentCondition(now)));
  return row?.at ?? null;
}

/**
 * Before an extractions dead letter goes back to the queue, its failed extraction becomes queued again. Its
 * event (reason "redriven") reopens the LEADS task that failed with it (tasks/jobs.ts).
 */
export async function requeueFailedExtraction(db: Db, body: unknown): Promise<Extraction | null> {
  const id = (body as { extraction_id?: unknown } | null)?.extraction_id;
  if (typeof id !== 'string') return null;
  const row = await db.query.extractions.findFirst({ where: eq(extractions.id, id) });
  if (row?.status !== 'failed') return row ?? null;
  const requeued = await transitionExtraction(db, row, 'retry', {
    changes: { error: null, attempts: 0, progress: 0, completedAt: null },
    data: { reason: 'redriven' },
  });
  return requeued ?? row;
}
