// A batch's counts: recomputed from its rows (one indexed GROUP BY) and stored on the batch with every change,
// each change a guarded step of the batch (its version) with its event — so concurrent handlers for two sites
// of one batch never leave stale counts: the one that loses the version race recounts and writes again.
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  BATCH_ROW_STATUSES,
  type BatchCounts,
  type ExtractionBatch,
  extractionBatches,
  extractionBatchRows,
} from '../../db/schema';
import { recordEvent } from '../../lib/outbox';
import { stampedUpdate } from '../../lib/transition';
import { batchMachine } from './machine';

export function countsOf(grouped: { status: string; n: number }[]): BatchCounts {
  const counts = Object.fromEntries(BATCH_ROW_STATUSES.map((s) => [s, 0])) as BatchCounts;
  counts.total = 0;
  for (const { status, n } of grouped) {
    if ((BATCH_ROW_STATUSES as readonly string[]).includes(status)) counts[status as keyof BatchCounts] += n;
    counts.total += n;
  }
  return counts;
}

const sameCounts = (a: BatchCounts, b: BatchCounts) =>
  BATCH_ROW_STATUSES.every((s) => a[s] === b[s]) && a.total === b.total;

export const liveRows = (counts: BatchCounts) => counts.queued + counts.running;

/**
 * Recounts the batch's rows and records the change: `batch.progress`, or `extraction_batch.completed` once no
 * row is queued or running. `force` records a step even when the counts did not move (a cancel request).
 */
export async function refreshBatch(db: Db, batchId: string, force = false): Promise<ExtractionBatch | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const [batches, grouped] = await db.batch([
      db.select().from(extractionBatches).where(eq(extractionBatches.id, batchId)),
      db
        .select({ status: extractionBatchRows.status, n: count() })
        .from(extractionBatchRows)
        .where(eq(extractionBatchRows.batchId, batchId))
        .groupBy(extractionBatchRows.status),
    ]);
    const batch = batches[0];
    if (batch?.status !== 'running') return batch ?? null;
    const counts = countsOf(grouped);
    const live = liveRows(counts);
    if (live > 0 && !force && sameCounts(counts, batch.counts)) return batch;
    const action = live > 0 ? 'progress' : counts.cancelled > 0 ? 'cancel' : 'complete';
    const step = batchMachine.plan(action, batch.status, 'system');
    const { eventId, won, update } = stampedUpdate(db, extractionBatches, batch, {
      counts,
      status: step.to,
      completedAt: live === 0 ? new Date().toISOString() : null,
    });
    const [updated] = (await db.batch([
      update,
      recordEvent(
        db,
        {
          id: eventId,
          type: step.event,
          orgId: batch.orgId,
          data: {
            batch_id: batch.id,
            status: step.to,
            counts,
            cancel_requested: batch.cancelRequestedAt !== null,
          },
        },
        { onlyIf: won },
      ),
    ])) as [ExtractionBatch[], unknown];
    if (updated[0]) return updated[0];
  }
  throw new Error(`batch ${batchId}: counts kept changing under ten recounts`);
}
