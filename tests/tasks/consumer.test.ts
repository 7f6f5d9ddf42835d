import { createMessageBatch, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { EMBEDDED_MODEL, WORKERS_AI_MODEL } from '../../src/modules/ai/run';
import { processTask } from '../../src/modules/tasks/process';
import { transitionTask } from '../../src/modules/tasks/transition';
import { call, createAdmin, json } from '../helpers';
import { deliver, deliverBatch, withAi, workersAi } from './delivery';
import {
  activeEngagement,
  anotherCleanInvoice,
  db,
  eventTypes,
  INCONSISTENT_INVOICE,
  insertTask,
  invoicePdf,
  taskRow,
  waitForStatus,
} from './fixtures';

afterEach(() => vi.restoreAllMocks());

describe('the tasks consumer', () => {
  it('runs a task once when its message is delivered twice', async () => {
    const parties = await activeEngagement();
    const task = await insertTask(parties);
    expect(await deliver(task.id, 1)).toMatchObject({ acked: true });
    expect(await deliver(task.id, 1)).toMatchObject({ acked: true });
    expect(await eventTypes(task.id)).toEqual(['task.started', 'task.completed']);
    expect((await taskRow(task.id)).attempts).toBe(1);
  });

  it('settles each message of a mixed batch by its own task: one bad document fails alone', async () => {
    const parties = await activeEngagement();
    const good = await insertTask(parties);
    const unreadable = await insertTask(parties, { input: { file_id: 'fil_01JABCDEFGHJKMNPQRSTVWXYZ1' } });
    const finished = await insertTask(parties);
    await processTask(env, finished.id);
    const review = await insertTask(parties, { input: { text: INCONSISTENT_INVOICE } });

    const settled = await deliverBatch([good.id, unreadable.id, finished.id, review.id, good.id]);
    expect(settled.every((m) => m.acked)).toBe(true);
    expect((await taskRow(good.id)).status).toBe('completed');
    expect((await taskRow(unreadable.id)).status).toBe('failed');
    expect((await taskRow(review.id)).status).toBe('needs_review');
    // The duplicate message and the finished task's redelivery ran nothing twice.
    expect(await eventTypes(good.id)).toEqual(['task.started', 'task.completed']);
    expect(await eventTypes(finished.id)).toEqual(['task.started', 'task.completed']);
  });

  it('records one result when several deliveries run at the same time', async () => {
    const parties = await activeEngagement();
    const task = await insertTask(parties);
    const outcomes = await Promise.all([
      processTask(env, task.id),
      processTask(env, task.id),
      processTask(env, task.id),
    ]);
    expect(outcomes.filter((o) => o === 'completed')).toHaveLength(1);
    expect((await eventTypes(task.id)).filter((t) => t === 'task.completed')).toHaveLength(1);
  });

  it('finishes a task whose worker crashed after starting it, when the message comes again', async () => {
    const parties = await activeEngagement();
    const task = await insertTask(parties);
    // The crash: the start was committed, nothing after it.
    await transitionTask(db, task, 'start', 'system', { changes: { attempts: 1 } });
    expect(await deliver(task.id, 2)).toMatchObject({ acked: true });
    const done = await taskRow(task.id);
    expect(done.status).toBe('completed');
    expect(await eventTypes(task.id)).toEqual(['task.started', 'task.completed']);
  });

  it('uses the Workers AI answer when it validates and agrees with the embedded reading', async () => {
    // The embedded reading of the same invoice, taken in another company (one company would hold the
    // second copy as a duplicate).
    const text = anotherCleanInvoice();
    const embeddedRun = await insertTask(await activeEngagement(), { input: { text } });
    await processTask(env, embeddedRun.id);
    const reference = (await taskRow(embeddedRun.id)).output;
    const ai = workersAi(() => ({ response: JSON.stringify(reference) }));
    const parties = await activeEngagement();
    const task = await insertTask(parties, { input: { text } });
    await processTask(withAi(ai.binding), task.id);
    const done = await taskRow(task.id);
    expect(done).toMatchObject({ status: 'completed', modelUsed: WORKERS_AI_MODEL });
    expect(ai.calls).toHaveLength(1);
    const request = ai.calls[0] as { input: { response_format: { type: string } } };
    expect(request.input.response_format.type).toBe('json_schema');
  });

  it('falls back to the embedded engine when the model answers nonsense', async () => {
    const parties = await activeEngagement();
    const ai = workersAi(() => ({ response: '{"not": "an invoice"' }));
    const task = await insertTask(parties);
    await processTask(withAi(ai.binding), task.id);
    const done = await taskRow(task.id);
    expect(done).toMatchObject({ status: 'completed', modelUsed: EMBEDDED_MODEL });
    expect(done.checks?.find((c) => c.name === 'ai_answer_valid')?.passed).toBe(false);
  });

  it('fails a task whose document cannot be read, at once, and lists it as a dead letter', async () => {
    const parties = await activeEngagement();
    const task = await insertTask(parties, { input: { file_id: 'fil_01JABCDEFGHJKMNPQRSTVWXYZ0' } });
    expect(await deliver(task.id, 1)).toMatchObject({ acked: true });
    const failed = await taskRow(task.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('does not exist');
    const admin = await createAdmin();
    const letters = await json(
      await call('/v1/admin/dead-letters?queue=engage-tasks', { token: admin.token }),
    );
    expect(letters.data.some((l: { body: { task_id: string } }) => l.body.task_id === task.id)).toBe(true);
  });

  it('marks a task failed after its last retry and lets the queue dead-letter it; redrive runs it again', async () => {
    const parties = await activeEngagement();
    const upload = await call('/v1/files?purpose=invoice&name=invoice.pdf', {
      token: parties.company.token,
      body: await invoicePdf(),
      headers: { 'Content-Type': 'application/pdf' },
    });
    const file = await json(upload);
    const task = await insertTask(parties, { input: { file_id: file.id } });
    // Storage trouble on every attempt: the input cannot be loaded.
    const get = vi.spyOn(env.FILES, 'get').mockRejectedValue(new Error('R2 unavailable'));
    expect(await deliver(task.id, 1)).toMatchObject({ retried: true, delay: 10 });
    const last = await deliver(task.id, 6);
    expect(last.retried).toBe(true); // past max_retries: the queue moves it to the dead-letter queue
    expect(await taskRow(task.id)).toMatchObject({ status: 'failed', error: 'R2 unavailable' });
    get.mockRestore();

    // The dead-letter queue delivers it to its consumer, which records it; an operator redrives it.
    await worker.queue(
      createMessageBatch('engage-tasks-dlq', [
        { id: 'dead-task', timestamp: new Date(), attempts: 6, body: { task_id: task.id } },
      ]),
      env,
    );
    const admin = await createAdmin();
    const letters = await json(
      await call('/v1/admin/dead-letters?queue=engage-tasks', { token: admin.token }),
    );
    const letter = letters.data.find((l: { message_id: string }) => l.message_id === 'dead-task');
    expect(
      (await call(`/v1/admin/dead-letters/${letter.id}/redrive`, { method: 'POST', token: admin.token }))
        .status,
    ).toBe(200);
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review'], 30_000);
    expect(done.status).toBe('completed');
    expect(await eventTypes(task.id)).toEqual(
      expect.arrayContaining(['task.failed', 'task.requeued', 'task.completed']),
    );
  });
});

describe('tasks that never finish', () => {
  it('fails a task whose message died in the dead-letter queue, even if its worker never said so', async () => {
    const parties = await activeEngagement();
    const task = await insertTask(parties, { status: 'in_progress', attempts: 6 });
    await worker.queue(
      createMessageBatch('engage-tasks-dlq', [
        { id: 'crashed', timestamp: new Date(), attempts: 6, body: { task_id: task.id } },
      ]),
      env,
    );
    expect(await taskRow(task.id)).toMatchObject({
      status: 'failed',
      error: 'Gave up after the queue’s retries',
    });
  });

  it('fails, rather than requeues, a stuck task that has used up its attempts', async () => {
    const parties = await activeEngagement();
    const old = '2026-01-01T00:00:00.000Z';
    const task = await insertTask(parties, {
      status: 'in_progress',
      attempts: 6,
      startedAt: old,
      updatedAt: old,
    });
    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: new Date() }),
      env,
    );
    expect((await taskRow(task.id)).status).toBe('failed');
  });
});

describe('the sweep', () => {
  it('requeues a task whose worker vanished and re-sends one whose message was lost', async () => {
    const parties = await activeEngagement();
    const old = '2026-01-01T00:00:00.000Z';
    const stuck = await insertTask(parties, { status: 'in_progress', startedAt: old, updatedAt: old });
    const unsent = await insertTask(parties, { updatedAt: old });
    const send = vi.spyOn(env.TASKS_QUEUE, 'send');
    const sendBatch = vi.spyOn(env.TASKS_QUEUE, 'sendBatch');
    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: new Date() }),
      env,
    );
    const sent = [
      ...send.mock.calls.map(([body]) => body),
      ...sendBatch.mock.calls.flatMap(([messages]) => [...messages].map((m) => m.body)),
    ].map((body) => (body as { task_id: string }).task_id);
    expect(sent).toEqual(expect.arrayContaining([stuck.id, unsent.id]));
    expect((await taskRow(stuck.id)).status).not.toBe('in_progress');
    expect(await eventTypes(stuck.id)).toContain('task.requeued');
  });
});
