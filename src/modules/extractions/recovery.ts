// Keeping extractions moving when something died: the sweep requeues crawls whose worker vanished and
// re-sends extractions whose message was lost; a redriven dead letter retries its failed extraction.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Extraction, extractions, tasks } from '../../db/schema';
import { transitionTask } from '../tasks/transition';
import { enqueueExtractions } from './service';
import { transitionExtraction } from './transition';

/** A crawl takes seconds (10 pages × 10 s at worst); one still running after this lost its worker. */
export const STUCK_AFTER_MS = 10 * 60_000;
export const UNSENT_AFTER_MS = 5 * 60_000;
const SWEEP_LIMIT = 100;

export async function recoverExtractions(env: Env, db: Db, now = Date.now()) {
  const stuck = await db
    .select()
    .from(extractions)
    .where(
      and(
        eq(extractions.status, 'running'),
        lt(extractions.updatedAt, new Date(now - STUCK_AFTER_MS).toISOString()),
      ),
    )
    .limit(SWEEP_LIMIT);
  const requeued: string[] = [];
  for (const row of stuck) {
    const recovered = await transitionExtraction(db, row, 'recover', {
      data: { reason: 'worker timed out' },
    });
    if (recovered) requeued.push(recovered.id);
  }
  await enqueueExtractions(env, requeued);
  const waiting = await db
    .select({ id: extractions.id })
    .from(extractions)
    .where(
      and(
        eq(extractions.status, 'queued'),
        lt(extractions.updatedAt, new Date(now - UNSENT_AFTER_MS).toISOString()),
      ),
    )
    .limit(SWEEP_LIMIT);
  // Duplicates are harmless: the consumer skips an extraction that is no longer queued.
  await enqueueExtractions(
    env,
    waiting.map((row) => row.id),
  );
  return { recovered: requeued.length, resent: waiting.length };
}

/**
 * Before an extractions dead letter goes back to the queue, its failed extraction becomes queued again — and
 * the LEADS task that failed with it goes back to in_progress, waiting for it again.
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
  const task = row.taskId ? await db.query.tasks.findFirst({ where: eq(tasks.id, row.taskId) }) : undefined;
  if (requeued && task?.status === 'failed') {
    // Straight to in_progress (retry, then start): its extraction, not the tasks queue, finishes it.
    const retried = await transitionTask(db, task, 'retry', 'system', {
      changes: { error: null },
      data: { reason: 'extraction redriven' },
    });
    if (retried)
      await transitionTask(db, retried, 'start', 'system', { changes: { attempts: retried.attempts + 1 } });
  }
  return requeued ?? row;
}
