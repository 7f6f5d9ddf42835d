import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { QUEUE_SPECS } from '../../queues/registry';
import worker from '../../src/index';
import { QUEUES } from '../../src/lib/queues';
import wranglerToml from '../../wrangler.toml?raw';

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

describe('the queue registry', () => {
  /** The `[[queues.consumers]]` tables of wrangler.toml: queue → its settings. */
  function consumersInWrangler(toml: string) {
    const consumers = new Map<string, Record<string, string>>();
    for (const block of toml.split('[[queues.consumers]]').slice(1)) {
      const body = block.split(/\n\[/)[0] ?? '';
      const settings = Object.fromEntries(
        [...body.matchAll(/^(\w+)\s*=\s*"?([^"\n]+)"?\s*$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
      );
      if (settings.queue) consumers.set(settings.queue, settings);
    }
    return consumers;
  }

  it('declares exactly the queues wrangler.toml consumes, with the same retries and dead-letter queues', () => {
    const consumers = consumersInWrangler(wranglerToml);
    for (const spec of QUEUE_SPECS) {
      expect(consumers.get(spec.name), spec.name).toMatchObject({
        max_retries: String(spec.maxRetries),
        dead_letter_queue: spec.deadLetterQueue,
      });
      // Its dead-letter queue is consumed too, or its dead letters would never be recorded.
      expect(consumers.has(spec.deadLetterQueue), spec.deadLetterQueue).toBe(true);
      expect(spec.producer(env), `${spec.name} producer`).toBeDefined();
    }
    const declared = new Set(QUEUE_SPECS.flatMap((spec) => [spec.name, spec.deadLetterQueue]));
    expect([...consumers.keys()].filter((queue) => !declared.has(queue))).toEqual([]);
  });

  it('declares every queue of QUEUES once, each with the schema its messages are read with', () => {
    expect(QUEUE_SPECS.map((spec) => spec.name).sort()).toEqual(Object.values(QUEUES).sort());
    for (const spec of QUEUE_SPECS) {
      expect(spec.message.safeParse(null).success, `${spec.name} reads null`).toBe(false);
    }
  });

  it('records a dead payouts message under its queue, as every other queue’s', async () => {
    const body = { job: 'process', run_started: '2026-12-04T09:00:00.000Z' };
    const result = await deliver('engage-payouts-dlq', [{ id: 'payout-msg-1', body, attempts: 6 }]);
    expect(result.explicitAcks).toEqual(['payout-msg-1']);
    const row = await env.DB.prepare(
      "SELECT queue FROM dead_letters WHERE message_id = 'payout-msg-1'",
    ).first();
    expect(row).toEqual({ queue: 'engage-payouts' });
  });
});
