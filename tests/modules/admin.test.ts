import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { events, tasks, users } from '../../src/db/schema';
import worker from '../../src/index';
import { hashPassword } from '../../src/lib/crypto';
import { newId } from '../../src/lib/ids';
import {
  type Account,
  call,
  createAdmin,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
} from '../helpers';

let admin: Account;
beforeAll(async () => {
  admin = await createAdmin();
});

const asAdmin = (path: string, method = 'GET') => call(path, { method, token: admin.token });

let counter = 0;

/** A message that exhausted its retries, delivered to the dead-letter queue's consumer as the runtime would. */
async function deadLetter(queue: string, body: unknown) {
  const id = `dead-${Date.now()}-${++counter}`;
  const batch = createMessageBatch(`${queue}-dlq`, [{ id, timestamp: new Date(), attempts: 6, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual([id]);
  const { data } = await json(await asAdmin(`/v1/admin/dead-letters?queue=${queue}`));
  const letter = data.find((row: { message_id: string }) => row.message_id === id);
  expect(letter).toBeDefined();
  return letter;
}

async function queueStatus(queue: string) {
  const { data } = await json(await asAdmin('/v1/admin/queues'));
  return data.find((row: { queue: string }) => row.queue === queue);
}

interface EmailView {
  id: string;
  template: string;
  to: string;
  to_name: string | null;
  subject: string;
}

/** The relay → events queue → handler chain runs after the response: poll for the email it sends. */
async function waitForEmail(to: string, template: string, timeoutMs = 5_000): Promise<EmailView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await json(await asAdmin(`/v1/admin/emails?to=${encodeURIComponent(to)}`));
    const email = (data as EmailView[]).find((row) => row.template === template);
    if (email) return email;
    if (Date.now() > deadline) throw new Error(`no ${template} email to ${to} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('admin routes', () => {
  const routes: [string, string][] = [
    ['GET', '/v1/admin/queues'],
    ['GET', '/v1/admin/dead-letters'],
    ['POST', '/v1/admin/dead-letters/dlq_01JABCDEFGHJKMNPQRSTVWXYZ0/redrive'],
    ['GET', '/v1/admin/breakers'],
    ['GET', '/v1/admin/emails'],
    ['GET', '/v1/admin/emails/eml_01JABCDEFGHJKMNPQRSTVWXYZ0'],
  ];

  it('refuse company and expert tokens with 403, and anonymous callers with 401', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    for (const [method, path] of routes) {
      await expectProblem(await call(path, { method, token: company.token }), 403);
      await expectProblem(await call(path, { method, token: expert.token }), 403);
      await expectProblem(await call(path, { method }), 401);
    }
  });
});

describe('GET /v1/admin/queues', () => {
  it('lists every queue with its backlog and dead letters', async () => {
    const before = await queueStatus('engage-tasks');
    await deadLetter('engage-tasks', { task_id: 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ1' });
    // An event whose relay claimed it and died: written, not yet on the queue.
    await createDb(env.DB)
      .insert(events)
      .values({
        id: newId('event'),
        type: 'file.uploaded',
        data: {
          file_id: 'fil_01JABCDEFGHJKMNPQRSTVWXYZ1',
          name: 'a.pdf',
          size: 1,
          mime_type: 'application/pdf',
          purpose: 'attachment',
        },
        relayLeaseUntil: '2999-01-01T00:00:00.000Z',
      });

    const response = await asAdmin('/v1/admin/queues');
    expect(response.status).toBe(200);
    const { data } = await json(response);
    expect(data.map((row: { queue: string }) => row.queue).sort()).toEqual([
      'engage-emails',
      'engage-events',
      'engage-extractions',
      'engage-payouts',
      'engage-tasks',
      'engage-tasks-high',
      'engage-webhooks',
    ]);
    const tasks = data.find((row: { queue: string }) => row.queue === 'engage-tasks');
    expect(tasks.dead_letters).toBe(before.dead_letters + 1);
    const eventsQueue = data.find((row: { queue: string }) => row.queue === 'engage-events');
    expect(eventsQueue.backlog).toBeGreaterThanOrEqual(1);
    expect(data.find((row: { queue: string }) => row.queue === 'engage-extractions').dead_letters).toBe(0);
  });
});

describe('dead letters', () => {
  it('lists a dead letter with its source queue, body and attempts', async () => {
    const body = { task_id: 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ2', kind: 'ocr' };
    const letter = await deadLetter('engage-tasks', body);
    expect(letter).toMatchObject({ queue: 'engage-tasks', body, attempts: 6, redriven_at: null });
    expect(letter.id).toMatch(/^dlq_/);
    const { data } = await json(await asAdmin('/v1/admin/dead-letters?queue=engage-events'));
    expect(data.map((row: { id: string }) => row.id)).not.toContain(letter.id);
  });

  it('redrives a dead letter once: 200 with redriven_at, then 409', async () => {
    const letter = await deadLetter('engage-tasks', { task_id: 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ3' });
    const before = await queueStatus('engage-tasks');

    const response = await asAdmin(`/v1/admin/dead-letters/${letter.id}/redrive`, 'POST');
    expect(response.status).toBe(200);
    const redriven = await json(response);
    expect(redriven).toMatchObject({ id: letter.id, redriven_at: expect.any(String) });
    expect(Date.parse(redriven.redriven_at)).not.toBeNaN();
    // Back on its queue, it no longer counts as dead.
    expect((await queueStatus('engage-tasks')).dead_letters).toBe(before.dead_letters - 1);

    await expectProblem(await asAdmin(`/v1/admin/dead-letters/${letter.id}/redrive`, 'POST'), 409);
  });

  it('names what each letter was about — a task by its title, an event by its type — with the company', async () => {
    const company = await signupCompany('Kranich Logistik GmbH');
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    const taskId = newId('task');
    await createDb(env.DB)
      .insert(tasks)
      .values({
        id: taskId,
        engagementId: engagement.id,
        orgId: company.orgId ?? '',
        expertId: expert.expertId ?? '',
        title: 'Freight invoice 4711',
        module: 'CTAX',
        type: 'process_invoice',
        priority: 'normal',
        status: 'in_progress',
        input: { text: 'Invoice' },
        createdBy: company.userId,
      });
    const task = await deadLetter('engage-tasks', { task_id: taskId });
    expect(task.about).toEqual({
      kind: 'task',
      name: 'Freight invoice 4711',
      company_name: 'Kranich Logistik GmbH',
    });
    const event = await deadLetter('engage-events', {
      id: newId('event'),
      type: 'engagement.accepted',
      seq: 1,
      engagement_id: engagement.id,
      org_id: company.orgId,
      data: {},
      created_at: new Date().toISOString(),
    });
    expect(event.about).toEqual({
      kind: 'event',
      name: 'engagement.accepted',
      company_name: 'Kranich Logistik GmbH',
    });
    // A task that is gone keeps its kind; a body of no known shape has nothing to name.
    const gone = await deadLetter('engage-tasks', { task_id: 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ7' });
    expect(gone.about).toEqual({ kind: 'task', name: null, company_name: null });
    expect((await deadLetter('engage-payouts', { unknown: true })).about).toBeNull();

    // The redrive answers with the same names.
    const redriven = await json(await asAdmin(`/v1/admin/dead-letters/${task.id}/redrive`, 'POST'));
    expect(redriven.about).toEqual(task.about);
  });

  it('answers 404 when redriving a dead letter that does not exist', async () => {
    await expectProblem(
      await asAdmin('/v1/admin/dead-letters/dlq_01JABCDEFGHJKMNPQRSTVWXYZ9/redrive', 'POST'),
      404,
    );
  });
});

describe('GET /v1/admin/emails', () => {
  it('shows the expert the "engagement requested" email, filterable by recipient, with HTML and text', async () => {
    const company = await signupCompany('Hafenwerk AG');
    const expert = await signupExpert();
    const title = `Port tender desk ${++counter}`;
    await requestEngagement(company, expert.expertId ?? '', { title });

    const listed = await waitForEmail(expert.email, 'engagementRequested');
    expect(listed).toMatchObject({
      to: expert.email,
      to_name: 'Anna Berger',
      subject: 'Hafenwerk AG would like to engage you',
    });
    const { data } = await json(await asAdmin(`/v1/admin/emails?to=${encodeURIComponent(expert.email)}`));
    expect(data.map((row: EmailView) => row.to)).toEqual([expert.email]);

    const response = await asAdmin(`/v1/admin/emails/${listed.id}`);
    expect(response.status).toBe(200);
    const email = await json(response);
    expect(email.to_name).toBe('Anna Berger');
    expect(email.status).toBe('sent');
    expect(email.provider).toBe('embedded');
    expect(email.html).toContain(title);
    expect(email.html).toMatch(/^<!doctype html>/);
    expect(email.text).toContain(`"${title}"`);
    expect(email.text).toContain('€4,500.00 per month');
  });

  it('sends every company member an "accepted" email once the expert accepts', async () => {
    const company = await signupCompany('Nordlicht GmbH');
    const colleague = `colleague-${Date.now()}-${++counter}@example.test`;
    await createDb(env.DB)
      .insert(users)
      .values({
        id: newId('user'),
        email: colleague,
        name: 'Carl Colleague',
        role: 'company',
        orgId: company.orgId,
        passwordHash: await hashPassword('colleague-password-123'),
      });
    const expert = await signupExpert({ name: 'Berta Expert' });
    const title = `Customs desk ${++counter}`;
    const engagement = await requestEngagement(company, expert.expertId ?? '', { title });
    const accepted = await call(`/v1/engagements/${engagement.id}/accept`, {
      method: 'POST',
      token: expert.token,
    });
    expect(accepted.status).toBe(200);

    for (const to of [company.email, colleague]) {
      const listed = await waitForEmail(to, 'engagementAccepted');
      expect(listed.subject).toBe(`Berta Expert accepted "${title}"`);
    }
    const { text } = await json(
      await asAdmin(`/v1/admin/emails/${(await waitForEmail(colleague, 'engagementAccepted')).id}`),
    );
    expect(text).toContain('Hello Carl Colleague,');
  });

  it('answers 404 for an email that does not exist', async () => {
    await expectProblem(await asAdmin('/v1/admin/emails/eml_01JABCDEFGHJKMNPQRSTVWXYZ0'), 404);
  });
});
