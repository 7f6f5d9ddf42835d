// Request tracing: a task's creation request can be followed end to end — the task.created it recorded,
// then what the queue consumer and the handlers did for that task — with handlers and emails, timed.
import { describe, expect, it } from 'vitest';
import { call, createAdmin, expectProblem, json, waitFor } from '../helpers';
import { activeEngagement, anotherCleanInvoice } from '../tasks/fixtures';

describe('GET /v1/admin/trace/:request_id', () => {
  it('follows a task from the request that created it to its completion', async () => {
    const parties = await activeEngagement();
    const requestId = `trace-${Date.now()}`;
    const response = await call(`/v1/engagements/${parties.engagementId}/tasks`, {
      token: parties.company.token,
      headers: { 'X-Request-Id': requestId },
      json: {
        title: 'Traced',
        module: 'CTAX',
        type: 'process_invoice',
        input: { text: anotherCleanInvoice() },
      },
    });
    expect(response.headers.get('X-Request-Id')).toBe(requestId);
    const task = await json(response);
    const admin = await createAdmin();
    const trace = await waitFor(async () => {
      const body = await json(await call(`/v1/admin/trace/${requestId}`, { token: admin.token }));
      return body.steps?.some((s: { type: string }) => s.type === 'task.completed') && body;
    });
    expect(trace.followed.task_id).toEqual([task.id]);
    const types = trace.steps.map((s: { type: string }) => s.type);
    expect(types.slice(0, 3)).toEqual(['task.created', 'task.started', 'task.completed']);
    expect(trace.steps[0]).toMatchObject({ request_id: requestId, offset_ms: 0 });
    // The consumer's events belong to no request of their own.
    expect(trace.steps[1].request_id).toBeNull();
    expect(trace.steps[1].offset_ms).toBeGreaterThanOrEqual(0);
    expect(trace.duration_ms).toBeGreaterThanOrEqual(trace.steps[1].offset_ms);
  });

  it('is 404 for an unknown request id and refused to anyone but admins', async () => {
    const admin = await createAdmin();
    await expectProblem(await call('/v1/admin/trace/no-such-request', { token: admin.token }), 404);
    const parties = await activeEngagement();
    await expectProblem(await call('/v1/admin/trace/anything', { token: parties.company.token }), 403);
  });
});
