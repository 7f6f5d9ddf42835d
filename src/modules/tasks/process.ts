// Processing one task: queued → in_progress → completed | needs_review, each step a guarded transition, so a
// redelivered message or a second worker never runs a finished task again or records a second result.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { engagements, files, type Task, tasks } from '../../db/schema';
import { taskTypeOf } from '../ai/registry';
import { runTaskType } from '../ai/run';
import { documentFromBytes, documentFromText } from '../ai/text';
import type { DocumentText } from '../ai/types';
import { transitionTask } from './transition';

/** A failure no retry can mend (unknown type, missing or unreadable document): fail now, don't retry. */
export class PermanentTaskError extends Error {
  override name = 'PermanentTaskError';
}

export type ProcessOutcome = 'completed' | 'needs_review' | 'skipped';

export async function processTask(
  env: Env,
  taskId: string,
  options: { allowAi?: boolean } = {},
): Promise<ProcessOutcome> {
  const db = createDb(env.DB);
  let task: Task | null = (await db.query.tasks.findFirst({ where: eq(tasks.id, taskId) })) ?? null;
  if (!task) return 'skipped';
  if (task.status === 'queued') {
    const now = new Date().toISOString();
    task = await transitionTask(db, task, 'start', 'system', {
      changes: { startedAt: now, attempts: task.attempts + 1 },
    });
    if (!task) return 'skipped'; // another worker started it
  }
  // Finished, waiting for review, or failed: a duplicate delivery does nothing.
  if (task.status !== 'in_progress') return 'skipped';

  const definition = taskTypeOf(task.module, task.type);
  if (!definition) throw new PermanentTaskError(`${task.module} has no task type ${task.type}`);
  const engagement = await db.query.engagements.findFirst({ where: eq(engagements.id, task.engagementId) });
  const threshold = engagement?.reviewThreshold ?? 80;
  const doc = await loadDocument(env, db, task);
  const result = await runTaskType(env, definition, doc, task.input, options);
  const output = definition.output.safeParse(result.output);
  if (!output.success)
    throw new Error(`The ${result.modelUsed} result does not match the ${task.type} schema`);

  const trusted = result.confidence >= threshold;
  const done = await transitionTask(db, task, trusted ? 'complete' : 'askReview', 'system', {
    changes: {
      output: output.data,
      checks: result.checks,
      aiConfidence: result.confidence,
      aiHandled: trusted ? 'full' : 'partial',
      modelUsed: result.modelUsed,
      error: null,
      completedAt: trusted ? new Date().toISOString() : null,
    },
    data: { confidence: result.confidence, threshold },
  });
  if (!done) return 'skipped'; // another worker recorded its (identical, deterministic) result first
  return trusted ? 'completed' : 'needs_review';
}

async function loadDocument(env: Env, db: Db, task: Task): Promise<DocumentText> {
  const { file_id: fileId, text } = task.input;
  if (typeof text === 'string') return documentFromText(text);
  if (typeof fileId !== 'string') throw new PermanentTaskError('The task has neither a file nor text');
  const file = await db.query.files.findFirst({ where: eq(files.id, fileId) });
  if (!file) throw new PermanentTaskError(`Input file ${fileId} does not exist`);
  const object = await env.FILES.get(file.r2Key);
  if (!object) throw new Error(`Input file ${fileId} is missing from storage`); // may be transient
  try {
    return await documentFromBytes(new Uint8Array(await object.arrayBuffer()), file.mimeType);
  } catch (error) {
    throw new PermanentTaskError(
      `The document could not be read: ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** Marks a task failed with its error (conditional: a task that finished meanwhile stays finished). */
export async function failTask(env: Env, taskId: string, error: string): Promise<void> {
  const db = createDb(env.DB);
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, taskId) });
  if (!task || (task.status !== 'queued' && task.status !== 'in_progress')) return;
  const message = error.slice(0, 1000); // also bounds the event's size on the queue
  await transitionTask(db, task, 'fail', 'system', { changes: { error: message }, data: { error: message } });
}
