import { env } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { taskReviews } from '../../src/db/schema';
import { processTask } from '../../src/modules/tasks/process';
import { call, createAdmin, expectProblem, json, signupExpert } from '../helpers';
import {
  activeEngagement,
  db,
  eventTypes,
  INCONSISTENT_INVOICE,
  insertTask,
  type Parties,
  taskRow,
} from './fixtures';

afterEach(() => vi.restoreAllMocks());

/** A task processed to needs_review (the inconsistent invoice never passes the threshold). */
async function taskNeedingReview(parties: Parties) {
  const task = await insertTask(parties, { input: { text: INCONSISTENT_INVOICE } });
  expect(await processTask(env, task.id)).toBe('needs_review');
  return task;
}

const review = (token: string, taskId: string, body: Record<string, unknown>) =>
  call(`/v1/tasks/${taskId}/review`, { token, json: body });

describe('POST /v1/tasks/:id/review', () => {
  it('lets the engaged expert approve: completed, review stored, events recorded', async () => {
    const parties = await activeEngagement();
    const task = await taskNeedingReview(parties);
    const response = await review(parties.expert.token, task.id, {
      approve: true,
      notes: 'Checked against the PDF',
    });
    expect(response.status).toBe(200);
    const reviewed = await json(response);
    expect(reviewed).toMatchObject({
      status: 'completed',
      review: { approved: true, notes: 'Checked against the PDF', reviewer_id: parties.expert.userId },
    });
    expect((await eventTypes(task.id)).slice(-2)).toEqual(['task.reviewed', 'task.completed']);
  });

  it('stores a corrected output with the approval, after checking it against the task type', async () => {
    const parties = await activeEngagement();
    const task = await taskNeedingReview(parties);
    const original = (await taskRow(task.id)).output as Record<string, unknown>;
    const corrected = { ...original, gross: 119000 };
    const bad = await review(parties.expert.token, task.id, { approve: true, output: { gross: 'lots' } });
    const problem = await expectProblem(bad, 422);
    expect(problem.errors.every((e: { path: string }) => e.path.startsWith('output'))).toBe(true);
    const ok = await review(parties.expert.token, task.id, { approve: true, output: corrected });
    expect(ok.status).toBe(200);
    expect((await taskRow(task.id)).output).toEqual(corrected);
  });

  it('records which fields a corrected approval changed, ignoring where values were found', async () => {
    const parties = await activeEngagement();
    const task = await taskNeedingReview(parties);
    const original = (await taskRow(task.id)).output as Record<string, unknown>;
    const supplier = original.supplier as Record<string, unknown>;
    const corrected = {
      ...original,
      invoice_number: 'RE-2026-0043',
      supplier: { ...supplier, vat_id: 'DE987654321' },
      line_items: [],
      source: {},
    };
    expect((await review(parties.expert.token, task.id, { approve: true, output: corrected })).status).toBe(
      200,
    );
    const expected = ['invoice_number', 'line_items', 'supplier.vat_id'];
    const row = await db.query.taskReviews.findFirst({ where: eq(taskReviews.taskId, task.id) });
    expect(row).toMatchObject({ approved: true, corrected: true, correctedFields: expected });
    const event = await env.DB.prepare(
      "SELECT data FROM events WHERE type = 'task.reviewed' AND json_extract(data, '$.task_id') = ?",
    )
      .bind(task.id)
      .first<{ data: string }>();
    expect(JSON.parse(event?.data ?? '{}')).toMatchObject({ corrected: true, corrected_fields: expected });
  });

  it('records no correction for a plain approval, or an output sent back unchanged', async () => {
    const parties = await activeEngagement();
    const plain = await taskNeedingReview(parties);
    const unchanged = await taskNeedingReview(parties);
    await review(parties.expert.token, plain.id, { approve: true });
    await review(parties.expert.token, unchanged.id, {
      approve: true,
      output: (await taskRow(unchanged.id)).output,
    });
    const rows = await db.query.taskReviews.findMany({
      where: inArray(taskReviews.taskId, [plain.id, unchanged.id]),
    });
    expect(rows.map((r) => [r.taskId, r.corrected, r.correctedFields])).toEqual(
      expect.arrayContaining([
        [plain.id, false, null],
        [unchanged.id, false, []],
      ]),
    );
  });

  it('sends a rejected task back to the queue with the notes, to be processed again', async () => {
    const parties = await activeEngagement();
    const task = await taskNeedingReview(parties);
    const send = vi.spyOn(env.TASKS_QUEUE, 'send');
    const response = await review(parties.expert.token, task.id, {
      approve: false,
      notes: 'Gross is 1.190,00',
    });
    expect(await json(response)).toMatchObject({
      status: 'queued',
      review: { approved: false, notes: 'Gross is 1.190,00' },
    });
    // On behalf of the review request: the rerun's events carry its id.
    expect(send).toHaveBeenCalledWith(
      { task_id: task.id, request_id: response.headers.get('X-Request-Id') },
      { contentType: 'json' },
    );
    expect((await taskRow(task.id)).input.review_notes).toBe('Gross is 1.190,00');
    // Processed again (deterministically the same reading): back in front of the expert.
    expect(await processTask(env, task.id)).toBe('needs_review');
  });

  it('lets nobody else review: company 403, admin 403, another expert 404, anonymous 401', async () => {
    const parties = await activeEngagement();
    const task = await taskNeedingReview(parties);
    await expectProblem(await review(parties.company.token, task.id, { approve: true }), 403);
    await expectProblem(await review((await createAdmin()).token, task.id, { approve: true }), 403);
    await expectProblem(await review((await signupExpert()).token, task.id, { approve: true }), 404);
    await expectProblem(await call(`/v1/tasks/${task.id}/review`, { json: { approve: true } }), 401);
    expect((await taskRow(task.id)).status).toBe('needs_review');
  });

  it('refuses to review a task that does not need it with 409', async () => {
    const parties = await activeEngagement();
    const task = await insertTask(parties);
    await expectProblem(await review(parties.expert.token, task.id, { approve: true }), 409);
    await processTask(env, task.id);
    await expectProblem(await review(parties.expert.token, task.id, { approve: true }), 409);
  });

  it('refuses a corrected output with a rejection, and a body without a decision, with 422', async () => {
    const parties = await activeEngagement();
    const task = await taskNeedingReview(parties);
    await expectProblem(await review(parties.expert.token, task.id, { approve: false, output: {} }), 422);
    await expectProblem(await review(parties.expert.token, task.id, { notes: 'hm' }), 422);
  });
});

describe('GET /v1/engagements/:id/calibration', () => {
  it('reports review outcomes per confidence band', async () => {
    const parties = await activeEngagement();
    const approved = await taskNeedingReview(parties);
    const rejected = await taskNeedingReview(parties);
    await review(parties.expert.token, approved.id, { approve: true });
    await review(parties.expert.token, rejected.id, { approve: false, notes: 'wrong' });
    const confidence = (await taskRow(approved.id)).aiConfidence ?? 0;
    const report = await json(
      await call(`/v1/engagements/${parties.engagementId}/calibration`, { token: parties.company.token }),
    );
    expect(report).toMatchObject({ engagement_id: parties.engagementId, threshold: 80, reviews: 2 });
    const band = report.bands.find(
      (b: { from: number; to: number }) => confidence >= b.from && confidence < b.to,
    );
    expect(band).toMatchObject({ reviewed: 2, approved: 1, rejected: 1, approval_rate: 0.5 });
  });
});
