// Request tracing: the request that created a task is followed end to end — the request itself, its
// task.created, the queue's run of the task and the events it recorded, the handlers, the email and the
// webhook delivery they made — every step under the request's id, timed from its start, in time order.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskMessage } from '../../queues/messages';
import { processTaskBatch } from '../../queues/tasks';
import { emailLogs, webhookDeliveries } from '../../src/db/schema';
import { recordEvent } from '../../src/lib/outbox';
import { inRequest } from '../../src/lib/request-context';
import type { TraceStep } from '../../src/modules/trace/schema';
import { installNetwork } from '../extractions/network';
import { call, createAdmin, expectProblem, json, waitFor } from '../helpers';
import { activeEngagement, db, INCONSISTENT_INVOICE, insertTask } from '../tasks/fixtures';

afterEach(() => vi.restoreAllMocks());

const traceOf = async (requestId: string, token: string) =>
  json(await call(`/v1/admin/trace/${requestId}`, { token }));

const find = (steps: TraceStep[], kind: string, name?: string) =>
  steps.findIndex((s) => s.kind === kind && (name === undefined || s.name === name));

describe('GET /v1/admin/trace/:request_id', () => {
  it('follows a task end to end: its run, the consumer’s events, the email and the webhook delivery', async () => {
    const network = installNetwork([]);
    const received: Headers[] = [];
    network.routes.set('https://acme.hooks.example.com/trace', async (request) => {
      received.push(request.headers);
      return new Response('ok');
    });
    const parties = await activeEngagement();
    const endpoint = await json(
      await call('/v1/webhook-endpoints', {
        token: parties.company.token,
        json: { url: 'https://acme.hooks.example.com/trace', events: ['task.needs_review'] },
      }),
    );
    const requestId = `trace-${crypto.randomUUID()}`;
    const response = await call(`/v1/engagements/${parties.engagementId}/tasks`, {
      token: parties.company.token,
      headers: { 'X-Request-Id': requestId },
      json: {
        title: 'Traced',
        module: 'CTAX',
        type: 'process_invoice',
        input: { text: INCONSISTENT_INVOICE },
      },
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('X-Request-Id')).toBe(requestId);
    const task = await json(response);
    const admin = await createAdmin();

    const trace = await waitFor(async () => {
      const body = await traceOf(requestId, admin.token);
      const steps: TraceStep[] = body.steps ?? [];
      const delivered = steps.some((s) => s.kind === 'webhook_delivery' && s.status === 'succeeded');
      return delivered && steps.some((s) => s.kind === 'email') && body.request && body;
    });
    const steps: TraceStep[] = trace.steps;

    expect(trace.request).toMatchObject({
      method: 'POST',
      path: `/v1/engagements/${parties.engagementId}/tasks`,
      status: 202,
      user_id: parties.company.userId,
    });
    expect(steps[0]).toMatchObject({ kind: 'request', offset_ms: 0, status: '202' });
    expect(trace.started_at).toBe(trace.request.started_at);
    expect(trace.followed.task_id).toEqual([task.id]);
    // Everything — the consumer's events, the handlers, the email, the delivery — is on the request's behalf.
    expect(steps.filter((s) => s.request_id !== requestId)).toEqual([]);
    // In time order, and what each step came after comes before it.
    const offsets = steps.map((s) => s.offset_ms);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    const order = [
      find(steps, 'request'),
      find(steps, 'event', 'task.created'),
      find(steps, 'run', 'task'),
      find(steps, 'event', 'task.needs_review'),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The handlers of task.needs_review made the delivery and the email.
    expect(find(steps, 'email', 'taskNeedsReview')).toBeGreaterThan(
      find(steps, 'event', 'task.needs_review'),
    );
    expect(find(steps, 'webhook_delivery')).toBeGreaterThan(find(steps, 'event', 'task.needs_review'));

    const run = steps[find(steps, 'run', 'task')];
    expect(run).toMatchObject({ id: task.id, status: 'needs_review' });
    expect(run?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(steps.find((s) => s.kind === 'event' && s.name === 'task.started')).toBeDefined();
    const email = steps[find(steps, 'email', 'taskNeedsReview')];
    expect(email).toMatchObject({ about: parties.expert.email });
    expect(steps.find((s) => s.kind === 'event' && s.name === 'email.sent')).toBeDefined();
    const handler = steps.find((s) => s.kind === 'handler' && s.name === 'webhooks');
    expect(handler?.duration_ms).toBeGreaterThanOrEqual(0);
    const delivery = steps[find(steps, 'webhook_delivery', 'task.needs_review')];
    expect(delivery).toMatchObject({ about: endpoint.id, status: 'succeeded' });
    expect(delivery?.attempts).toMatchObject([{ attempt: 1, status_code: 200, succeeded: true }]);
    expect(delivery?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(trace.duration_ms).toBeGreaterThanOrEqual(delivery?.offset_ms ?? Infinity);

    // Stored with the rows; not sent to the endpoint (Standard Webhooks prescribes its headers).
    const [row] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(row?.requestId).toBe(requestId);
    const [mail] = await db
      .select()
      .from(emailLogs)
      .where(eq(emailLogs.id, email?.id ?? ''));
    expect(mail?.requestId).toBe(requestId);
    expect(received[0]?.get('x-request-id')).toBeNull();
  });

  it('follows a task whose message carried no request id by the task it touched', async () => {
    const parties = await activeEngagement();
    const task = await insertTask(parties);
    const requestId = `trace-old-${crypto.randomUUID()}`;
    await inRequest(requestId, () =>
      recordEvent(db, {
        type: 'task.created',
        engagementId: parties.engagementId,
        orgId: task.orgId,
        data: { task_id: task.id, module: task.module, type: task.type, title: task.title, to: 'queued' },
      }),
    );
    const batch = createMessageBatch<TaskMessage>('engage-tasks', [
      { id: 'old-message', timestamp: new Date(), attempts: 1, body: { task_id: task.id } },
    ]);
    const ctx = createExecutionContext();
    await processTaskBatch(env, batch);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1);

    const admin = await createAdmin();
    const trace = await traceOf(requestId, admin.token);
    expect(trace.request).toBeNull();
    const steps: TraceStep[] = trace.steps;
    expect(steps.map((s) => [s.kind, s.name, s.request_id])).toEqual([
      ['event', 'task.created', requestId],
      ['event', 'task.started', null],
      ['run', 'task', null],
      ['event', 'task.completed', null],
    ]);
    expect(steps[0]?.offset_ms).toBe(0);
  });

  it('is 404 when nothing carries the id (a read records nothing), and refused to anyone but admins', async () => {
    const admin = await createAdmin();
    await expectProblem(await call('/v1/admin/trace/no-such-request', { token: admin.token }), 404);
    const read = `trace-read-${crypto.randomUUID()}`;
    const me = await call('/v1/me', { token: admin.token, headers: { 'X-Request-Id': read } });
    expect(me.status).toBe(200);
    await me.arrayBuffer();
    await expectProblem(await call(`/v1/admin/trace/${read}`, { token: admin.token }), 404);
    const parties = await activeEngagement();
    await expectProblem(await call('/v1/admin/trace/anything', { token: parties.company.token }), 403);
  });
});
