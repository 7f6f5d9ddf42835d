// A message its queue's schema cannot read is acked by the registry's dispatch, with one log line naming the
// queue and what is wrong, before any consumer sees it: never retried, never thrown, nothing written.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_SPECS } from '../../queues/registry';
import worker from '../../src/index';
import { QUEUES } from '../../src/lib/queues';

/** Bodies no queue reads, and for each queue one that nearly passes (the right fields, wrong in one). */
const ANY_QUEUE: unknown[] = [null, 'nope', 42, [], {}];
const NEAR_MISSES: Record<string, unknown[]> = {
  [QUEUES.tasks]: [{ task_id: 'ext_01JABCDEFGHJKMNPQRSTVWXYZ0' }, { task_id: 7 }],
  [QUEUES.tasksHigh]: [{ task_id: null, request_id: 'req-1' }],
  [QUEUES.extractions]: [{ extraction_id: 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ0' }],
  [QUEUES.events]: [
    { id: 'evt_01JABCDEFGHJKMNPQRSTVWXYZ0', type: 'task.created' },
    { id: 'not-an-event', type: 'task.created', engagement_id: null, org_id: null, data: {}, created_at: '' },
  ],
  [QUEUES.payouts]: [{ job: 'process' }, { job: 'pay_everyone' }],
  [QUEUES.webhooks]: [{ delivery_id: 42 }, { delivery_id: '' }],
  [QUEUES.emails]: [{ job_id: 'ejb_1', chunk: '1' }, { chunk: 0 }],
};

/** Every row of every table: what "nothing changed in D1" is compared on. */
async function everyRow() {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
  ).all<{ name: string }>();
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) rows[name] = (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results;
  return rows;
}

afterEach(() => vi.restoreAllMocks());

describe('an unreadable queue message', () => {
  it.each(QUEUE_SPECS.map((spec) => [spec.name]))(
    'is acked on %s, logged once, and changes nothing',
    async (queue) => {
      // Nothing seeded through the API: its events would reach the queues in the background, mid-comparison.
      const before = await everyRow();
      const errors = vi.spyOn(console, 'error');
      const bodies = [...ANY_QUEUE, ...(NEAR_MISSES[queue] ?? [])];
      const batch = createMessageBatch(
        queue,
        bodies.map((body, i) => ({ id: `bad-${i}`, timestamp: new Date(), attempts: 1, body })),
      );
      const ctx = createExecutionContext();
      await worker.queue(batch, env);
      const result = await getQueueResult(batch, ctx);

      expect(result.explicitAcks.sort()).toEqual(bodies.map((_, i) => `bad-${i}`).sort());
      expect(result.retryMessages).toEqual([]);
      expect(result.retryBatch.retry).toBe(false);
      expect(await everyRow()).toEqual(before);

      const lines = errors.mock.calls
        .map(([line]) => JSON.parse(String(line)) as Record<string, unknown>)
        .filter((line) => line.msg === 'unreadable queue message acked');
      expect(lines).toHaveLength(bodies.length);
      for (const line of lines) {
        expect(line).toMatchObject({ queue, message_id: expect.stringMatching(/^bad-/) });
        expect(line.issues).toEqual(expect.arrayContaining([expect.any(String)]));
      }
    },
  );

  it('names the field that is wrong', async () => {
    const errors = vi.spyOn(console, 'error');
    const batch = createMessageBatch(QUEUES.emails, [
      { id: 'bad-chunk', timestamp: new Date(), attempts: 1, body: { job_id: 'ejb_1', chunk: '1' } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    await getQueueResult(batch, ctx);
    const [line] = errors.mock.calls.map(([text]) => JSON.parse(String(text)) as { issues?: string[] });
    expect(line?.issues).toEqual([expect.stringMatching(/^chunk: /)]);
  });
});
