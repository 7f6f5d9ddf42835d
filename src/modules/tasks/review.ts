// The engaged expert's review of a task below the confidence threshold: approve (perhaps correcting the
// output, with the changed fields recorded for the reports in calibration.ts) or reject back to the queue.
import { eq, type sql } from 'drizzle-orm';
import { files, type Task, taskReviews } from '../../db/schema';
import { conflict, validationError } from '../../lib/errors';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import type { TenantScope } from '../../lib/tenancy';
import { taskTypeOf } from '../ai/registry';
import { correctedFields } from './corrections';
import { rememberFingerprint, rememberHints } from './memory';
import { loadDocument } from './process';
import type { ReviewInput } from './schema';
import { enqueueTask } from './service';
import { transitionTask } from './transition';
import { toTaskView } from './view';

/**
 * What an approved review leaves in the company's memory: the booked invoice's fingerprint, and where the
 * corrected fields are printed on this issuer's documents.
 */
async function rememberReview(env: Env, scope: TenantScope, task: Task, fields: string[]) {
  const definition = taskTypeOf(task.module, task.type);
  if (!definition || 'kind' in definition || !definition.learning) return;
  const output = definition.output.safeParse(task.output);
  if (!output.success) return;
  const { db } = scope;
  const learning = definition.learning;
  const learnable = fields.length > 0 && typeof task.input.file_id === 'string';
  const { doc, fileSha256 } = learnable
    ? await loadDocument(env, db, task, false)
    : { doc: null, fileSha256: await inputFileSha(db, task) };
  const taught = doc ? learning.learn(doc, output.data, fields) : { issuerKeys: [], hints: [] };
  await db.batch([
    rememberFingerprint(db, task, learning.fingerprint(output.data), fileSha256),
    ...rememberHints(db, task, taught.issuerKeys, taught.hints),
  ]);
}

async function inputFileSha(db: TenantScope['db'], task: Task): Promise<string | null> {
  const fileId = task.input.file_id;
  if (typeof fileId !== 'string') return null;
  const row = await db.query.files.findFirst({ where: eq(files.id, fileId), columns: { sha256: true } });
  return row?.sha256 ?? null;
}

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
  if (input.approve) {
    // Learning is a bonus of the review, never a reason for it to fail.
    await rememberReview(env, scope, updated, fields ?? []).catch((error: unknown) =>
      log.error('learning from a review failed', { task_id: updated.id, error: String(error) }),
    );
  }
  if (!input.approve) {
    // Not lost if this fails: the sweep re-sends tasks that stay queued.
    await enqueueTask(env, updated).catch((error: unknown) =>
      log.error('requeue after rejection failed', { task_id: updated.id, error: String(error) }),
    );
  }
  return toTaskView(updated);
}
