import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  call,
  createAdmin,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
} from '../helpers';
import {
  activeEngagement,
  anotherCleanInvoice,
  CLEAN_INVOICE,
  eventTypes,
  INCONSISTENT_INVOICE,
  waitForStatus,
} from './fixtures';

const createTask = (token: string, engagementId: string, body: Record<string, unknown>) =>
  call(`/v1/engagements/${engagementId}/tasks`, {
    token,
    json: {
      title: 'Invoice',
      module: 'CTAX',
      type: 'process_invoice',
      input: { text: CLEAN_INVOICE },
      ...body,
    },
  });

afterEach(() => vi.restoreAllMocks());

describe('POST /v1/engagements/:id/tasks', () => {
  it('queues a task (202) that completes on its own when the result is confident', async () => {
    const parties = await activeEngagement();
    const response = await createTask(parties.company.token, parties.engagementId, {});
    expect(response.status).toBe(202);
    const task = await json(response);
    expect(task).toMatchObject({
      status: 'queued',
      module: 'CTAX',
      type: 'process_invoice',
      priority: 'normal',
      output: null,
    });
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.ai_handled).toBe('full');
    expect(Number(done.ai_confidence)).toBeGreaterThanOrEqual(80);
    expect(await eventTypes(task.id)).toEqual(['task.created', 'task.started', 'task.completed']);
  });

  it('refuses input nested beyond the limit before creating or charging anything (400 malformed-json)', async () => {
    const parties = await activeEngagement();
    const deep = `${'['.repeat(7000)}${']'.repeat(7000)}`;
    const body = `{"title":"x","module":"CTAX","type":"process_invoice","input":{"text":"Rechnung","x":${deep}}}`;
    const before = await json(await call('/v1/credits', { token: parties.company.token }));
    const response = await call(`/v1/engagements/${parties.engagementId}/tasks`, {
      token: parties.company.token,
      body,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'deep-once' },
    });
    const problem = await expectProblem(response, 400);
    expect(problem.type).toBe('https://engage.test/problems/malformed-json');
    expect(problem.detail).toContain('32 levels');
    const tasks = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks`, { token: parties.company.token }),
    );
    expect(tasks.data).toEqual([]);
    const after = await json(await call('/v1/credits', { token: parties.company.token }));
    expect(after.balance).toBe(before.balance);
    // A string that only looks nested is no nesting.
    const quoted = await createTask(parties.company.token, parties.engagementId, {
      input: { text: CLEAN_INVOICE, note: '['.repeat(100) },
    });
    expect(quoted.status).toBe(202);
  });

  it('puts an inconsistent invoice in front of the expert instead of completing it', async () => {
    const parties = await activeEngagement();
    const task = await json(
      await createTask(parties.company.token, parties.engagementId, {
        input: { text: INCONSISTENT_INVOICE },
      }),
    );
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review', 'failed']);
    expect(done.status).toBe('needs_review');
    expect(done.ai_handled).toBe('partial');
    expect(Number(done.ai_confidence)).toBeLessThan(80);
  });

  it('sends a high-priority task to its own queue, so it does not wait behind normal ones', async () => {
    const parties = await activeEngagement();
    const high = vi.spyOn(env.TASKS_HIGH_QUEUE, 'send');
    const normal = vi.spyOn(env.TASKS_QUEUE, 'send');
    const task = await json(
      await createTask(parties.company.token, parties.engagementId, { priority: 'high' }),
    );
    const body = { task_id: task.id, request_id: expect.any(String) };
    expect(high).toHaveBeenCalledWith(body, { contentType: 'json' });
    expect(normal).not.toHaveBeenCalledWith(body, expect.anything());
  });

  it('refuses tasks on an engagement that is not active, or for a module it does not have, with 409', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const pending = await requestEngagement(company, expert.expertId ?? '', { modules: ['CTAX'] });
    await expectProblem(await createTask(company.token, pending.id, {}), 409);
    const parties = await activeEngagement(['CTAX', 'NOPE']);
    await expectProblem(
      await createTask(parties.company.token, parties.engagementId, { module: 'TENDER', type: 'parse_rfp' }),
      409,
    );
    // NOPE is part of the engagement but failed to install.
    await expectProblem(
      await createTask(parties.company.token, parties.engagementId, { module: 'NOPE', type: 'x_y' }),
      409,
    );
  });

  it('answers an unknown task type, or input without a document, with 422', async () => {
    const parties = await activeEngagement();
    const unknown = await expectProblem(
      await createTask(parties.company.token, parties.engagementId, { type: 'dance' }),
      422,
    );
    expect(unknown.errors[0].path).toBe('type');
    await expectProblem(await createTask(parties.company.token, parties.engagementId, { input: {} }), 422);
    await expectProblem(
      await createTask(parties.company.token, parties.engagementId, {
        input: { text: 'a', file_id: 'fil_x' },
      }),
      422,
    );
    const missingFile = await expectProblem(
      await createTask(parties.company.token, parties.engagementId, {
        input: { file_id: 'fil_01JABCDEFGHJKMNPQRSTVWXYZ0' },
      }),
      422,
    );
    expect(missingFile.errors[0].path).toBe('input.file_id');
  });

  it('lets only the engagement’s company create tasks: expert 403, admin 403, other company 404, anonymous 401', async () => {
    const parties = await activeEngagement();
    await expectProblem(await createTask(parties.expert.token, parties.engagementId, {}), 403);
    await expectProblem(await createTask((await createAdmin()).token, parties.engagementId, {}), 403);
    await expectProblem(await createTask((await signupCompany()).token, parties.engagementId, {}), 404);
    await expectProblem(
      await call(`/v1/engagements/${parties.engagementId}/tasks`, { json: { title: 'x' } }),
      401,
    );
  });
});

describe('reading tasks', () => {
  it('shows a task to its company, its expert and admins, and 404 to everyone else', async () => {
    const parties = await activeEngagement();
    const task = await json(await createTask(parties.company.token, parties.engagementId, {}));
    for (const account of [parties.company, parties.expert, await createAdmin()]) {
      expect((await call(`/v1/tasks/${task.id}`, { token: account.token })).status).toBe(200);
    }
    for (const outsider of [await signupCompany(), await signupExpert()]) {
      await expectProblem(await call(`/v1/tasks/${task.id}`, { token: outsider.token }), 404);
      await expectProblem(
        await call(`/v1/engagements/${parties.engagementId}/tasks`, { token: outsider.token }),
        404,
      );
    }
  });

  it('lists an engagement’s tasks newest first, filtered by status, a page at a time', async () => {
    const parties = await activeEngagement();
    const first = await json(await createTask(parties.company.token, parties.engagementId, { title: 'one' }));
    const second = await json(
      await createTask(parties.company.token, parties.engagementId, {
        title: 'two',
        input: { text: INCONSISTENT_INVOICE },
      }),
    );
    await waitForStatus(parties.company.token, second.id, ['needs_review']);
    await waitForStatus(parties.company.token, first.id, ['completed']);
    const page = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks?limit=1`, { token: parties.expert.token }),
    );
    expect(page.data.map((t: { id: string }) => t.id)).toEqual([second.id]);
    const next = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks?limit=1&cursor=${page.next_cursor}`, {
        token: parties.expert.token,
      }),
    );
    expect(next.data.map((t: { id: string }) => t.id)).toEqual([first.id]);
    const review = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks?status=needs_review`, {
        token: parties.expert.token,
      }),
    );
    expect(review.data.map((t: { id: string }) => t.id)).toEqual([second.id]);
  });

  it('links the input file, which the engaged expert can download to review', async () => {
    const parties = await activeEngagement();
    const upload = await call('/v1/files?purpose=invoice&name=invoice.pdf', {
      token: parties.company.token,
      body: `%PDF-1.4\n${CLEAN_INVOICE}`,
      headers: { 'Content-Type': 'application/pdf' },
    });
    const file = await json(upload);
    const task = await json(
      await createTask(parties.company.token, parties.engagementId, { input: { file_id: file.id } }),
    );
    expect(task.input_file_url).toBe(`/v1/files/${file.id}`);
    expect((await call(task.input_file_url, { token: parties.expert.token })).status).toBe(200);
  });
});

describe('live progress', () => {
  it('pushes a task’s progress to the engagement room as the consumer works, with no further request', async () => {
    const parties = await activeEngagement();
    const upgrade = await call(`/v1/engagements/${parties.engagementId}/room`, {
      token: parties.company.token,
      headers: { Upgrade: 'websocket' },
    });
    const ws = upgrade.webSocket;
    if (!ws) throw new Error('no socket');
    ws.accept();
    const types: string[] = [];
    ws.addEventListener('message', (event) => types.push(JSON.parse(String(event.data)).type));
    await createTask(parties.company.token, parties.engagementId, {});
    const deadline = Date.now() + 8000;
    while (!types.includes('task.completed') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(types.filter((t) => t.startsWith('task.'))).toEqual([
      'task.created',
      'task.started',
      'task.completed',
    ]);
    ws.close();
  }, 15_000); // the wait above allows 8 s for the consumer; the test must not give up first
});

describe('POST /v1/engagements/:id/tasks/batch', () => {
  it('creates many tasks at once, all processed', async () => {
    const parties = await activeEngagement();
    const tasks = Array.from({ length: 30 }, (_, n) => ({
      title: `Invoice ${n}`,
      module: 'CTAX',
      type: 'process_invoice',
      input: { text: anotherCleanInvoice() },
      priority: n % 10 === 0 ? 'high' : 'normal',
    }));
    const response = await call(`/v1/engagements/${parties.engagementId}/tasks/batch`, {
      token: parties.company.token,
      json: { tasks },
    });
    expect(response.status).toBe(202);
    const { data } = await json(response);
    expect(data).toHaveLength(30);
    expect(new Set(data.map((t: { id: string }) => t.id)).size).toBe(30);
    for (const task of data) await waitForStatus(parties.company.token, task.id, ['completed'], 20_000);
  });

  it('creates none when one task is invalid, and says which', async () => {
    const parties = await activeEngagement();
    const tasks = [
      { title: 'ok', module: 'CTAX', type: 'process_invoice', input: { text: CLEAN_INVOICE } },
      { title: 'bad', module: 'CTAX', type: 'dance', input: { text: CLEAN_INVOICE } },
    ];
    const problem = await expectProblem(
      await call(`/v1/engagements/${parties.engagementId}/tasks/batch`, {
        token: parties.company.token,
        json: { tasks },
      }),
      422,
    );
    expect(problem.errors[0].path).toBe('tasks.1.type');
    const list = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks`, { token: parties.company.token }),
    );
    expect(list.data).toEqual([]);
    await expectProblem(
      await call(`/v1/engagements/${parties.engagementId}/tasks/batch`, {
        token: parties.company.token,
        json: { tasks: Array.from({ length: 101 }, () => tasks[0]) },
      }),
      422,
    );
  });
});
