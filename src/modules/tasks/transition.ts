// Applying a task transition as one D1 batch: the status update is conditional on the version read, stamps
// its own event id, and the event (plus any extra statements) is written only if that stamp landed — so a
// duplicate delivery or a racing worker can never record a second result.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { type Task, tasks } from '../../db/schema';
import { newId } from '../../lib/ids';
import { type OutboxEvent, recordEvent } from '../../lib/outbox';
import type { Role } from '../../lib/state-machine';
import { type TaskAction, taskMachine } from './machine';

export interface TransitionOptions {
  /** Column changes besides status and version. */
  changes?: Partial<typeof tasks.$inferInsert>;
  /** Event data besides the defaults (task id, from, to). */
  data?: Record<string, unknown>;
  /** More events that happen with this transition (e.g. `task.completed` after an approving review). */
  extraEvents?: Omit<OutboxEvent, 'onlyIf'>[];
  /** More statements that must apply only if the transition won. */
  extraStatements?: (won: SQL) => BatchItem<'sqlite'>[];
}

/** The task after the transition, or null when another worker changed it first. Throws 403/409 via the machine. */
export async function transitionTask(
  db: Db,
  task: Task,
  action: TaskAction,
  role: Role,
  options: TransitionOptions = {},
): Promise<Task | null> {
  const step = taskMachine.plan(action, task.status, role);
  const eventId = newId('event');
  const won = sql`EXISTS (SELECT 1 FROM tasks WHERE id = ${task.id} AND last_event_id = ${eventId})`;
  const base = { engagementId: task.engagementId, orgId: task.orgId };
  const data = {
    task_id: task.id,
    title: task.title,
    module: task.module,
    type: task.type,
    from: step.from,
    to: step.to,
  };
  const [updated] = await db.batch([
    db
      .update(tasks)
      .set({
        ...options.changes,
        status: step.to,
        version: task.version + 1,
        lastEventId: eventId,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(tasks.id, task.id), eq(tasks.version, task.version)))
      .returning(),
    recordEvent(
      db,
      { ...base, id: eventId, type: step.event, data: { ...data, ...options.data } },
      { onlyIf: won },
    ),
    ...(options.extraEvents ?? []).map((event) =>
      recordEvent(db, { ...base, ...event, data: { ...data, ...event.data } }, { onlyIf: won }),
    ),
    ...(options.extraStatements?.(won) ?? []),
  ]);
  return updated[0] ?? null;
}
