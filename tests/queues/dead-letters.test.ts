import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';

async function deliver(queue: string, messages: { id: string; body: unknown; attempts?: number }[]) {
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts ?? 1, body: m.body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

describe('dead-letter queues', () => {
  it('records each dead message once, with its source queue, body and attempts, and acks it', async () => {
    const body = { task_id: 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ0' };
    const first = await deliver('engage-tasks-dlq', [{ id: 'msg-1', body, attempts: 6 }]);
    expect(first.explicitAcks).toEqual(['msg-1']);
    // At-least-once delivery: the same dead letter delivered again is not recorded twice.
    await deliver('engage-tasks-dlq', [{ id: 'msg-1', body, attempts: 6 }]);
    const { results } = await env.DB.prepare(
      'SELECT queue, message_id, body, attempts FROM dead_letters',
    ).all();
    expect(results).toEqual([
      { queue: 'engage-tasks', message_id: 'msg-1', body: JSON.stringify(body), attempts: 6 },
    ]);
  });
});

describe('a queue without a consumer in the code', () => {
  it('retries messages instead of dropping them, so they end in the dead-letter queue', async () => {
    const result = await deliver('engage-not-routed', [{ id: 'stray-msg', body: { anything: true } }]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryBatch.retry).toBe(true);
  });
});
