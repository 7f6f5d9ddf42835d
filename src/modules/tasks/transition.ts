// Applying a task transition as one D1 batch: the guarded update (lib/transition) and the event, plus any
// extra statements, written only if its stamp landed — so a duplicate delivery or a racing worker can never
// record a second result.
import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { type Task, tasks } from '../../db/schema';
import type { EventData, EventType } from '../../events/catalog';
import { type OutboxEvent, recordEvent } from '../../lib/outbox';
import type { Role } from '../../lib/state-machine';
import { stampedUpdate } from '../../lib/transition';
import { type TaskAction, taskMachine } from './machine';

type TaskEventType = Extract<EventType, `task.${string}`>;

export interface TransitionOptions {
  /** Column changes besides status and version. */
  changes?: Partial<typeof tasks.$inferInsert>;
  /** Event data besides the defaults (task id, from, to). */
  data?: Partial<EventData<TaskEventType>>;
  /** More events that happen with this transition (e.g. `task.completed` after an approving review). */
  extraEvents?: { type: TaskEventType; data: Partial<EventData<TaskEventType>> }[];
  /** More statements that must apply only if the transition won. */
  extraStatements?: (won: SQL) => BatchItem<'sqlite'>[];
}

/** A transition's statements, ready to run alone or in one D1 batch with others (see `applyTransitions`). */
export interface TransitionPlan {
  /** The status update (returning the new row) first, then the guarded event and extra statements. */
  statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
}

/** Plans a transition; throws 403/409 via the machine when the action is not allowed from this status. */
export function planTransition(
  db: Db,
  task: Task,
  action: TaskAction,
  role: Role,
  options: TransitionOptions = {},
): TransitionPlan {
  const step = taskMachine.plan(action, task.status, role);
  const { eventId, won, update } = stampedUpdate(db, tasks, task, { ...options.changes, status: step.to });
  const base = { engagementId: task.engagementId, orgId: task.orgId };
  const data = {
    task_id: task.id,
    title: task.title,
    module: task.module,
    type: task.type,
    from: step.from,
    to: step.to,
  };
  // Which event a step records is known at run time only (the machine's step, the caller's extras), so its
  // data is not tied to one type: every task event carries the task's fields plus what the caller adds.
  const record = (event: { id?: string; type: TaskEventType; data?: TransitionOptions['data'] }) =>
    recordEvent(db, { ...base, ...event, data: { ...data, ...event.data } } as OutboxEvent<TaskEventType>, {
      onlyIf: won,
    });
  return {
    statements: [
      update,
      record({ id: eventId, type: step.event, data: options.data }),
      ...(options.extraEvents ?? []).map((event) => record(event)),
      ...(options.extraStatements?.(won) ?? []),
    ],
  };
}

/**
 * Applies many transitions in one D1 batch (one round trip: a queue batch's tasks start together and finish
 * together). Each is still guarded by its own version, so one losing a race does not affect the others.
 * Returns, in order, each task after its transition, or null where another worker changed it first.
 */
export async function applyTransitions(db: Db, plans: TransitionPlan[]): Promise<(Task | null)[]> {
  const statements = plans.flatMap((plan) => plan.statements);
  const [first, ...rest] = statements;
  if (!first) return [];
  const results = (await db.batch([first, ...rest])) as unknown[];
  let index = 0;
  return plans.map((plan) => {
    const updated = results[index] as Task[];
    index += plan.statements.length;
    return updated[0] ?? null;
  });
}

/** The task after the transition, or null when another worker changed it first. Throws 403/409 via the machine. */
export async function transitionTask(
  db: Db,
  task: Task,
  action: TaskAction,
  role: Role,
  options: TransitionOptions = {},
): Promise<Task | null> {
  const [updated] = await applyTransitions(db, [planTransition(db, task, action, role, options)]);
  return updated ?? null;
}
