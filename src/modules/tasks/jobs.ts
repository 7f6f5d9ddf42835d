// Tasks whose work runs as a job of another domain (LEADS → an extraction) settle from that job's events,
// so the job's domain never writes into tasks: the extraction records `extraction.completed` /
// `extraction.failed` (or, redriven, `extraction.progress` with reason "redriven") in its outbox, and these
// handlers move the task on. Both are guarded and idempotent: a task already past the state they expect is
// left alone, so a redelivered event does nothing.
import { eq } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { type Extraction, engagements, extractions, tasks } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import type { EventMessage } from '../../events/message';
import { EXTRACTION_MODEL, leadsResult } from '../extractions/task-link';
import { DEFAULT_REVIEW_THRESHOLD, planFinish } from './finish';
import { applyTransitions, transitionTask } from './transition';

async function extractionOf(db: Db, event: EventMessage): Promise<Extraction | null> {
  const id = event.data.extraction_id;
  if (typeof id !== 'string' || typeof event.data.task_id !== 'string') return null; // not a task's
  return (await db.query.extractions.findFirst({ where: eq(extractions.id, id) })) ?? null;
}

/**
 * Ends the task an extraction was started for: completed when the extraction's confidence reaches the
 * engagement's threshold, otherwise needs_review; failed when the extraction failed. A task no longer
 * in_progress (already finished, or not yet reopened) is left alone.
 */
export async function settleTaskOfExtraction(db: Db, row: Extraction): Promise<void> {
  if (!row.taskId || (row.status !== 'completed' && row.status !== 'failed')) return;
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, row.taskId) });
  if (task?.status !== 'in_progress') return;
  if (row.status === 'failed') {
    const error = row.error ?? 'The extraction failed';
    await transitionTask(db, task, 'fail', 'system', { changes: { error }, data: { error } });
    return;
  }
  const engagement = await db.query.engagements.findFirst({ where: eq(engagements.id, task.engagementId) });
  const result = await leadsResult(db, row);
  const { plan } = planFinish(
    db,
    task,
    { ...result, modelUsed: EXTRACTION_MODEL },
    engagement?.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD,
    { extraction_id: row.id },
  );
  await applyTransitions(db, [plan]);
}

export const settleJobTask: EventHandler = {
  name: 'tasks.settle-job',
  deduplicatesByEventId: true, // guarded by the task's status: a second run finds it finished
  async run(env, event) {
    const db = createDb(env.DB);
    const row = await extractionOf(db, event);
    if (row) await settleTaskOfExtraction(db, row);
  },
};

/**
 * An operator redrove the dead letter of a task's failed extraction: the task that failed with it goes
 * back to in_progress, waiting for it again (retry, then start: its extraction, not the tasks queue,
 * finishes it). Should the extraction already have ended again, the task settles at once.
 */
export const reopenJobTask: EventHandler = {
  name: 'tasks.reopen-job',
  deduplicatesByEventId: true, // guarded: only a failed task is reopened
  async run(env, event) {
    if (event.data.reason !== 'redriven') return; // every other progress step: nothing to do
    const db = createDb(env.DB);
    const row = await extractionOf(db, event);
    if (!row?.taskId) return;
    const task = await db.query.tasks.findFirst({ where: eq(tasks.id, row.taskId) });
    if (task?.status !== 'failed') return;
    const retried = await transitionTask(db, task, 'retry', 'system', {
      changes: { error: null },
      data: { reason: 'extraction redriven' },
    });
    if (!retried) return;
    await transitionTask(db, retried, 'start', 'system', { changes: { attempts: retried.attempts + 1 } });
    const now = await db.query.extractions.findFirst({ where: eq(extractions.id, row.id) });
    if (now) await settleTaskOfExtraction(db, now);
  },
};
