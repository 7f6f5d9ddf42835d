import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { taskReviews, tasks } from '../../src/db/schema';
import { processTask } from '../../src/modules/tasks/process';
import { type Account, call, createAdmin, expectProblem, json } from '../helpers';
import { activeEngagement, db, INCONSISTENT_INVOICE, insertTask, type Parties, taskRow } from './fixtures';

const DAY_MS = 86_400_000;

/** A clean invoice, trusted at the threshold: completed without anyone looking. */
async function autoCompleted(parties: Parties) {
  const task = await insertTask(parties);
  expect(await processTask(env, task.id)).toBe('completed');
  return task;
}

/** A task in front of the expert, then decided: approved as read, approved with `changes`, or rejected. */
async function reviewed(parties: Parties, decision: 'approve' | 'reject' | Record<string, unknown>) {
  const task = await insertTask(parties, { input: { text: INCONSISTENT_INVOICE } });
  expect(await processTask(env, task.id)).toBe('needs_review');
  const output = (await taskRow(task.id)).output as Record<string, unknown>;
  const body =
    decision === 'reject'
      ? { approve: false, notes: 'wrong' }
      : decision === 'approve'
        ? { approve: true }
        : { approve: true, output: { ...output, ...decision } };
  const response = await call(`/v1/tasks/${task.id}/review`, { token: parties.expert.token, json: body });
  expect(response.status).toBe(200);
  return task;
}

/** Moves a task's finish and its reviews `days` into the past. */
async function backdate(taskId: string, days: number) {
  const at = new Date(Date.now() - days * DAY_MS).toISOString();
  await db.update(tasks).set({ completedAt: at }).where(eq(tasks.id, taskId));
  await db.update(taskReviews).set({ createdAt: at }).where(eq(taskReviews.taskId, taskId));
}

const calibration = async (parties: Parties, query = '') =>
  json(
    await call(`/v1/engagements/${parties.engagementId}/calibration${query}`, {
      token: parties.company.token,
    }),
  );

const automation = (account: Account, query = '') => call(`/v1/automation${query}`, { token: account.token });

type Field = { field: string; reviews: number; corrected: number; correction_rate: number };
const fieldNames = (report: { fields: Field[] }) => report.fields.map((f) => f.field);

describe('automation figures in GET /v1/engagements/:id/calibration', () => {
  it('counts finished tasks, those completed unseen, and the rate; unfinished ones not at all', async () => {
    const parties = await activeEngagement();
    await autoCompleted(parties);
    await autoCompleted(parties);
    await reviewed(parties, 'approve');
    await reviewed(parties, { invoice_number: 'RE-1' });
    await reviewed(parties, 'reject'); // back in the queue: not finished
    await insertTask(parties); // never run
    const report = await calibration(parties);
    expect(report.automation).toEqual({ finished: 4, completed_unseen: 2, reviewed: 2, rate: 0.5 });
    // The calibration it extends is all there still.
    expect(report).toMatchObject({ engagement_id: parties.engagementId, threshold: 80, reviews: 3 });
  });

  it('rates each corrected field per approved review of its task type, most corrected first', async () => {
    const parties = await activeEngagement();
    await reviewed(parties, { invoice_number: 'RE-1', iban: null });
    await reviewed(parties, { invoice_number: 'RE-2' });
    await reviewed(parties, 'approve');
    await reviewed(parties, 'reject'); // a rejection is no approved review
    const { fields } = await calibration(parties);
    expect(fields).toEqual([
      {
        module: 'CTAX',
        type: 'process_invoice',
        field: 'invoice_number',
        reviews: 3,
        corrected: 2,
        correction_rate: 0.667,
      },
      {
        module: 'CTAX',
        type: 'process_invoice',
        field: 'iban',
        reviews: 3,
        corrected: 1,
        correction_rate: 0.333,
      },
    ]);
  });

  it('buckets tasks by ISO week of finishing and reviews by week of review, oldest first, for 26 weeks', async () => {
    const parties = await activeEngagement();
    await autoCompleted(parties);
    await backdate((await autoCompleted(parties)).id, 14);
    const corrected = await reviewed(parties, { invoice_number: 'RE-1' });
    await backdate(corrected.id, 14);
    await backdate((await autoCompleted(parties)).id, 7 * 30); // older than the report's weeks
    const { automation: totals, weeks } = await calibration(parties);

    expect(totals.finished).toBe(4);
    expect(weeks.map((w: { week: string }) => w.week)).toEqual(
      [...weeks.map((w: { week: string }) => w.week)].sort(),
    );
    expect(weeks.every((w: { week: string }) => /^\d{4}-W\d{2}$/.test(w.week))).toBe(true);
    // Two weeks ago, an empty week in between (a chart's axis has no holes), this week.
    expect(weeks).toHaveLength(3);
    const [then, between, now] = weeks;
    expect(then).toMatchObject({ finished: 2, completed_unseen: 1, automation_rate: 0.5 });
    expect(between).toMatchObject({ finished: 0, completed_unseen: 0, automation_rate: null });
    expect(now).toMatchObject({ finished: 1, completed_unseen: 1, automation_rate: 1 });

    const confidence = (await taskRow(corrected.id)).aiConfidence ?? 0;
    type Band = { from: number; to: number; approved: number; corrected: number; rejected: number };
    const band = then.bands.find((b: Band) => confidence >= b.from && confidence < b.to);
    expect(band).toMatchObject({ approved: 0, corrected: 1, rejected: 0 });
    const reviewsNow = now.bands.reduce((n: number, b: Band) => n + b.approved + b.corrected + b.rejected, 0);
    expect(reviewsNow).toBe(0);
  });

  it('narrows to a module and type; a code nothing uses counts nothing', async () => {
    const parties = await activeEngagement();
    await autoCompleted(parties);
    await reviewed(parties, { invoice_number: 'RE-1' });
    const all = await calibration(parties);
    expect(await calibration(parties, '?module=CTAX&type=process_invoice')).toEqual(all);
    const tender = await calibration(parties, '?module=TENDER');
    expect(tender).toMatchObject({
      reviews: 0,
      automation: { finished: 0, rate: null },
      fields: [],
      weeks: [],
    });
    expect((await calibration(parties, '?type=parse_rfp')).automation.finished).toBe(0);
  });
});

describe('GET /v1/automation', () => {
  it("shows a company its own engagements' figures only, an admin everyone's, an expert nothing", async () => {
    const a = await activeEngagement();
    const b = await activeEngagement();
    await autoCompleted(a);
    await reviewed(a, { invoice_number: 'RE-1' });
    await autoCompleted(b);
    await autoCompleted(b);
    await reviewed(b, { iban: null });

    const ofA = await json(await automation(a.company));
    expect(ofA.automation).toEqual({ finished: 2, completed_unseen: 1, reviewed: 1, rate: 0.5 });
    expect(fieldNames(ofA)).toEqual(['invoice_number']);
    const ofB = await json(await automation(b.company));
    expect(ofB.automation).toEqual({ finished: 3, completed_unseen: 2, reviewed: 1, rate: 0.667 });
    expect(fieldNames(ofB)).toEqual(['iban']);

    const all = await json(await automation(await createAdmin()));
    expect(all.automation.finished).toBeGreaterThanOrEqual(5);
    expect(fieldNames(all)).toEqual(expect.arrayContaining(['invoice_number', 'iban']));

    const refused = await expectProblem(await automation(a.expert), 403);
    expect(refused.detail).toContain('company');
    await expectProblem(await call('/v1/automation'), 401);
  });

  it('takes the same module and type filter', async () => {
    const parties = await activeEngagement();
    await autoCompleted(parties);
    const ctax = await json(await automation(parties.company, '?module=CTAX&type=process_invoice'));
    expect(ctax.automation).toMatchObject({ finished: 1, completed_unseen: 1 });
    expect(ctax.weeks.at(-1)).toMatchObject({ finished: 1, automation_rate: 1 });
    const none = await json(await automation(parties.company, '?module=LEADS'));
    expect(none).toEqual({
      automation: { finished: 0, completed_unseen: 0, reviewed: 0, rate: null },
      fields: [],
      weeks: [],
    });
  });

  it('answers a malformed filter with 422 problem+json, here and on the calibration', async () => {
    const parties = await activeEngagement();
    for (const query of ['?module=ctax', '?type=Process-Invoice', `?module=${'X'.repeat(40)}`]) {
      const problem = await expectProblem(await automation(parties.company, query), 422);
      expect(problem.errors.length).toBeGreaterThan(0);
      await expectProblem(
        await call(`/v1/engagements/${parties.engagementId}/calibration${query}`, {
          token: parties.company.token,
        }),
        422,
      );
    }
  });
});
