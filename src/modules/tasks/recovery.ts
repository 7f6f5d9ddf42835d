// Keeping tasks moving when something died: the sweep requeues tasks whose worker vanished mid-run and
// re-sends tasks whose queue message was never sent; a redriven dead letter retries its failed task.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Task, tasks } from '../../db/schema';
import { TASK_MAX_RETRIES } from '../../lib/queues';
import { taskTypeOf } from '../ai/registry';
import { enqueueTasks } from './service';
import { transitionTask } from './transition';

/** A run takes seconds; one still in progress after this long lost its worker. */
export const STUCK_AFTER_MS = 10 * 60_000;
/** A queued task is normally picked up within seconds; after this long its message is presumed lost. */
export const UNSENT_AFTER_MS = 5 * 60_000;
const SWEEP_LIMIT = 200;

export async function recoverTasks(env: Env, db: Db, now = Date.now()) {
  const stuck = await db
    .select()
    .from(tasks)
    .where(
      and(eq(tasks.status, 'in_progress'), lt(tasks.updatedAt, new Date(now - STUCK_AFTER_MS).toISOString())),
    )
    .limit(SWEEP_LIMIT);
  const requeued: Task[] = [];
  for (const task of stuck) {
    // A job-backed task (LEADS) waits in_progress while its job runs; the job has a sweep of its own.
    const definition = taskTypeOf(task.module, task.type);
    if (definition && 'kind' in definition && (await definition.isRunning(env, task))) continue;
    // A task that keeps killing its worker must end, not loop: after as many starts as the queue's retries
    // allow, it fails.
    if (task.attempts > TASK_MAX_RETRIES) {
      const error = 'The worker stopped during every attempt';
      await transitionTask(db, task, 'fail', 'system', { changes: { error }, data: { error } });
      continue;
    }
    const recovered = await transitionTask(db, task, 'recover', 'system', {
      data: { reason: 'worker timed out' },
    });
    if (recovered) requeued.push(recovered);
  }
  await enqueueTasks(env, requeued);
  const waiting = await db
    .select({ id: tasks.id, priority: tasks.priority })
    .from(tasks)
    .where(
      and(eq(tasks.status, 'queued'), lt(tasks.updatedAt, new Date(now - UNSENT_AFTER_MS).toISOString())),
    )
    .limit(SWEEP_LIMIT);
  // Duplicates are harmless: the consumer skips a task that is no longer queued.
  await enqueueTasks(env, waiting);
  return { recovered: requeued.length, resent: waiting.length };
}

/** Before a tasks dead letter goes back to the queue, its failed task becomes queued again (null: no task). */
export async function requeueFailedTask(db: Db, body: unknown): Promise<Task | null> {
  const taskId = (body as { task_id?: unknown } | null)?.task_id;
  if (typeof taskId !== 'string') return null;
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, taskId) });
  if (!task) return null;
  if (task.status !== 'failed') return task;
  const retried = await transitionTask(db, task, 'retry', 'system', {
    changes: { error: null, attempts: 0 },
    data: { reason: 'redriven' },
  });
  return retried ?? task;
}
