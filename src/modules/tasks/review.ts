// The engaged expert's review of a task below the confidence threshold, and the calibration report built
// from all reviews (how often each confidence band was approved), to tune thresholds from evidence.
import { eq, sql } from 'drizzle-orm';
import { taskReviews } from '../../db/schema';
import { conflict, validationError } from '../../lib/errors';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import type { TenantScope } from '../../lib/tenancy';
import { taskTypeOf } from '../ai/registry';
import type { ReviewInput } from './schema';
import { enqueueTask } from './service';
import { transitionTask } from './transition';
import { toTaskView } from './view';

export async function reviewTask(env: Env, scope: TenantScope, taskId: string, input: ReviewInput) {
  const { db, principal } = scope;
  const task = await scope.task(taskId);
  const corrected = input.approve && input.output !== undefined;
  let output = task.output;
  if (corrected) {
    const parsed = taskTypeOf(task.module, task.type)?.output.safeParse(input.output);
    if (parsed && !parsed.success) {
      const error = validationError(parsed.error);
      for (const e of error.options.errors ?? []) e.path = `output.${e.path}`;
      throw error;
    }
    output = parsed?.data ?? input.output;
  }
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

const BANDS = [0, 50, 60, 70, 80, 90];

export async function calibration(scope: TenantScope, engagementId: string) {
  const engagement = await scope.engagement(engagementId);
  const rows = await scope.db
    .select({
      confidence: taskReviews.confidence,
      approved: sql<number>`sum(${taskReviews.approved})`,
      corrected: sql<number>`sum(${taskReviews.corrected})`,
      total: sql<number>`count(*)`,
    })
    .from(taskReviews)
    .where(eq(taskReviews.engagementId, engagement.id))
    .groupBy(taskReviews.confidence);
  const bands = BANDS.map((from, i) => ({
    from,
    to: BANDS[i + 1] ?? 100,
    reviewed: 0,
    approved: 0,
    rejected: 0,
    corrected: 0,
  }));
  for (const row of rows) {
    const confidence = row.confidence ?? 0;
    const band = [...bands].reverse().find((b) => confidence >= b.from) ?? bands[0];
    if (!band) continue;
    band.reviewed += row.total;
    band.approved += row.approved;
    band.corrected += row.corrected;
    band.rejected += row.total - row.approved;
  }
  return {
    engagement_id: engagement.id,
    threshold: engagement.reviewThreshold,
    reviews: bands.reduce((n, b) => n + b.reviewed, 0),
    bands: bands.map((b) => ({
      ...b,
      approval_rate: b.reviewed ? Math.round((b.approved / b.reviewed) * 1000) / 1000 : null,
    })),
  };
}
