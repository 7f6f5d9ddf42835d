// The engaged expert's review of a task below the confidence threshold: approve (perhaps correcting the
// output, with the changed fields recorded for the reports in calibration.ts) or reject back to the queue.
import type { sql } from 'drizzle-orm';
import { taskReviews } from '../../db/schema';
import { conflict, validationError } from '../../lib/errors';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import type { TenantScope } from '../../lib/tenancy';
import { taskTypeOf } from '../ai/registry';
import { correctedFields } from './corrections';
import type { ReviewInput } from './schema';
import { enqueueTask } from './service';
import { transitionTask } from './transition';
import { toTaskView } from './view';

export async function reviewTask(env: Env, scope: TenantScope, taskId: string, input: ReviewInput) {
  const { db, principal } = scope;
  const task = await scope.task(taskId);
  let output = task.output;
  if (input.approve && input.output !== undefined) {
    const parsed = taskTypeOf(task.module, task.type)?.output.safeParse(input.output);
    if (parsed && !parsed.success) {
      const error = validationError(parsed.error);
      for (const e of error.options.errors ?? []) e.path = `output.${e.path}`;
      throw error;
    }
    output = parsed?.data ?? input.output;
  }
  // Null unless an output came with the approval; a "correction" that changes no field is none.
  const fields = input.approve && input.output !== undefined ? correctedFields(task.output, output) : null;
  const corrected = (fields?.length ?? 0) > 0;
  const now = new Date().toISOString();
  const review = {
    approved: input.approve,
    notes: input.notes ?? null,
    reviewer_id: principal.userId,
    at: now,
  };
  const record = (won: ReturnType<typeof sql>) => [
    insertIf(
      db,
      taskReviews,
      {
        id: newId('review'),
        taskId: task.id,
        engagementId: task.engagementId,
        confidence: task.aiConfidence,
        approved: input.approve,
        corrected,
        correctedFields: fields,
        notes: input.notes ?? null,
        reviewerId: principal.userId,
        createdAt: now,
      },
      won,
    ),
  ];
  const data = {
    approved: input.approve,
    corrected,
    corrected_fields: fields,
    notes: input.notes ?? null,
    reviewer_id: principal.userId,
  };

  const updated = input.approve
    ? await transitionTask(db, task, 'approve', principal.role, {
        changes: { review, output, completedAt: now },
        data,
        extraEvents: [{ type: 'task.completed', data: { confidence: task.aiConfidence, reviewed: true } }],
        extraStatements: record,
      })
    : await transitionTask(db, task, 'reject', principal.role, {
        // Back to the queue with the notes: the next run sees them (an LLM provider gets them in its prompt).
        changes: { review, input: { ...task.input, review_notes: input.notes ?? null }, startedAt: null },
        data,
        extraStatements: record,
      });
  if (!updated) throw conflict('The task changed while you were reviewing it; reload and try again');
  if (!input.approve) {
    // Not lost if this fails: the sweep re-sends tasks that stay queued.
    await enqueueTask(env, updated).catch((error: unknown) =>
      log.error('requeue after rejection failed', { task_id: updated.id, error: String(error) }),
    );
  }
  return toTaskView(updated);
}
