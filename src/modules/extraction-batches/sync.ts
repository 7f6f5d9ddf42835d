// Results fan back to batch rows from the extraction events: a started crawl makes its rows running, its end
// completes or fails them (with the reason), a redriven failure queues them again. Every update is
// conditional on the rows' status, so a redelivered or late event changes nothing.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { type BatchRowStatus, extractionBatches, extractionBatchRows } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import { refreshBatch } from './counts';

interface Step {
  from: BatchRowStatus[];
  to: BatchRowStatus;
}

function stepFor(status: unknown): Step | null {
  if (status === 'running') return { from: ['queued'], to: 'running' };
  if (status === 'completed' || status === 'failed') return { from: ['queued', 'running'], to: status };
  if (status === 'queued') return { from: ['failed'], to: 'queued' }; // redriven after failing
  return null;
}

export const syncBatchRows: EventHandler = {
  name: 'extraction-batches.sync-rows',
  deduplicatesByEventId: true, // guarded by the rows' status
  async run(env, event) {
    const extractionId = event.data.extraction_id;
    const step = stepFor(event.data.status);
    if (typeof extractionId !== 'string' || !step) return;
    const error =
      step.to === 'failed' ? String(event.data.error ?? 'The extraction failed').slice(0, 1000) : null;
    const db = createDb(env.DB);
    const inRunningBatch = sql`${extractionBatchRows.batchId} IN (SELECT ${extractionBatches.id} FROM ${extractionBatches} WHERE ${extractionBatches.status} = 'running')`;
    const changed = await db
      .update(extractionBatchRows)
      .set({ status: step.to, error, updatedAt: new Date().toISOString() })
      .where(
        and(
          eq(extractionBatchRows.extractionId, extractionId),
          inArray(extractionBatchRows.status, step.from),
          inRunningBatch, // a finished batch keeps its rows as they ended
        ),
      )
      .returning({ batchId: extractionBatchRows.batchId });
    const batchIds = new Set(changed.map((row) => row.batchId));
    if (step.to !== 'running') {
      // An end is recounted even when a previous delivery already moved the rows (and then died before
      // counting): the recount is a no-op when the counts are right.
      const referencing = await db
        .selectDistinct({ batchId: extractionBatchRows.batchId })
        .from(extractionBatchRows)
        .where(and(eq(extractionBatchRows.extractionId, extractionId), inRunningBatch));
      for (const row of referencing) batchIds.add(row.batchId);
    }
    for (const batchId of batchIds) await refreshBatch(db, batchId);
  },
};
