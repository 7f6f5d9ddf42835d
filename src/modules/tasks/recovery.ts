// Keeping tasks moving when something died: the sweep requeues tasks whose worker vanished mid-run and
// re-sends tasks whose queue message was never sent; a redriven dead letter retries its failed task.
import { and, asc, count, eq, gt, gte, lt, lte, min, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Task, tasks } from '../../db/schema';
import { inPages, SWEEP_BUDGET_MS } from '../../lib/pages';
import { TASK_MAX_RETRIES } from '../../lib/queues';
import { taskTypeOf } from '../ai/registry';
import { enqueueTasks } from './service';
import { transitionTask } from './transition';

/** A run takes seconds; one still in progress after this long lost its worker. */
export const STUCK_AFTER_MS = 10 * 60_000;
/** A queued task is normally picked up within seconds; after this long its message is presumed lost. */
export const UNSENT_AFTER_MS = 5 * 60_000;
/** Rows per page; the sweep walks every page, so any number of stranded tasks recover in one run. */
const PAGE_SIZE = 200;

const stuckCondition = (now: number) =>
  and(eq(tasks.status, 'in_progress'), lt(tasks.updatedAt, new Date(now - STUCK_AFTER_MS).toISOString()));
const unsentCondition = (now: number) =>
  and(eq(tasks.status, 'queued'), lt(tasks.updatedAt, new Date(now - UNSENT_AFTER_MS).toISOString()));

export async function recoverTasks(env: Env, db: Db, now = Date.now()) {
  const options = { pageSize: PAGE_SIZE, deadline: Date.now() + SWEEP_BUDGET_MS };
  let recovered = 0;
  const stuck = await inPages(
    (after, limit) =>
      db
        .select()
        .from(tasks)
        .where(and(stuckCondition(now), after ? gt(tasks.id, after) : undefined))
        .orderBy(asc(tasks.id))
        .limit(limit),
    async (page) => {
      const requeued: Task[] = [];
      for (const task of page) {
        const next = await recoverTask(env, db, task);
        if (next) requeued.push(next);
      }
      await enqueueTasks(env, requeued);
      recovered += requeued.length;
    },
    options,
  );
  // Duplicates are harmless: the consumer skips a task that is no longer queued.
  const waiting = await inPages(
    (after, limit) =>
      db
        .select({ id: tasks.id, priority: tasks.priority })
        .from(tasks)
        .where(and(unsentCondition(now), after ? gt(tasks.id, after) : undefined))
        .orderBy(asc(tasks.id))
        .limit(limit),
    async (page) => {
      await enqueueTasks(env, page);
      // Sent again now: not stranded until this message is lost too.
      await db
        .update(tasks)
        .set({ updatedAt: new Date().toISOString() })
        .where(
          and(unsentCondition(now), gte(tasks.id, page[0]?.id ?? ''), lte(tasks.id, page.at(-1)?.id ?? '')),
        );
    },
    options,
  );
  return { recovered, resent: waiting.handled, more: stuck.more || waiting.more };
}

/** A task whose worker vanished: requeued (returned), failed after too many starts, or left to its job. */
async function recoverTask(env: Env, db: Db, task: Task): Promise<Task | null> {
  // A job-backed task (LEADS) waits in_progress while its job runs; the job has a sweep of its own.
  const definition = taskTypeOf(task.module, task.type);
  if (definition && 'kind' in definition && (await definition.isRunning(env, task))) return null;
  // A task that keeps killing its worker must end, not loop: after as many starts as the queue's retries
  // allow, it fails.
  if (task.attempts > TASK_MAX_RETRIES) {
    const error = 'The worker stopped during every attempt';
    await transitionTask(db, task, 'fail', 'system', { changes: { error }, data: { error } });
    return null;
  }
  return transitionTask(db, task, 'recover', 'system', { data: { reason: 'worker timed out' } });
}

/** The tasks of a priority's queue: high has its own, every other priority shares the normal one. */
const queueOf = (priority?: Task['priority']) =>
  priority === undefined
    ? undefined
    : priority === 'high'
      ? eq(tasks.priority, 'high')
      : ne(tasks.priority, 'high');

/** When the longest-stranded task (stuck in progress, or its message lost) was last touched; null: none. */
export async function oldestStrandedTask(
  db: Db,
  priority?: Task['priority'],
  now = Date.now(),
): Promise<string | null> {
  const [row] = await db
    .select({ at: min(tasks.updatedAt) })
    .from(tasks)
    .where(and(or(stuckCondition(now), unsentCondition(now)), queueOf(priority)));
  return row?.at ?? null;
}

/** Tasks waiting for their priority's queue (all priorities when none is given). */
export async function queuedTaskCount(db: Db, priority?: Task['priority']): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .where(and(eq(tasks.status, 'queued'), queueOf(priority)));
  return row?.n ?? 0;
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
