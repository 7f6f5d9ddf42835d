// Recovery after a crash: however many tasks lost their worker or their message, one sweep brings them all
// back, and /health and the admin queues page say how long the oldest has been stranded.
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import { tasks } from '../../src/db/schema';
import worker from '../../src/index';
import { call, createAdmin, json } from '../helpers';
import { activeEngagement, type Parties, taskValues } from './fixtures';

afterEach(() => vi.restoreAllMocks());

const db = createDb(env.DB);
const LONG_AGO = '2026-01-01T00:00:00.000Z';

/** Writes many task rows at once (D1 allows 100 bound parameters per statement: a few rows each). */
async function insertMany(parties: Parties, n: number, status: 'in_progress' | 'queued') {
  const rows = Array.from({ length: n }, () =>
    taskValues(parties, { status, input: { text: 'x' }, createdAt: LONG_AGO, updatedAt: LONG_AGO }),
  );
  const statements = [];
  for (let i = 0; i < rows.length; i += 5) statements.push(db.insert(tasks).values(rows.slice(i, i + 5)));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return rows.map((row) => row.id);
}

const count = async (status: string) =>
  (
    await env.DB.prepare('SELECT count(*) AS n FROM tasks WHERE status = ?')
      .bind(status)
      .first<{ n: number }>()
  )?.n ?? 0;

describe('recovery of stranded tasks', () => {
  it('brings back every stuck and unsent task in one sweep, not 200 per run', async () => {
    const parties = await activeEngagement();
    const stuck = await insertMany(parties, 450, 'in_progress');
    const unsent = await insertMany(parties, 250, 'queued');
    const sent: string[] = [];
    // The queue itself is not under test here: what the sweep sends is recorded, not processed.
    vi.spyOn(env.TASKS_QUEUE, 'sendBatch').mockImplementation(async (messages) => {
      for (const m of messages) sent.push((m.body as { task_id: string }).task_id);
      return { metadata: {} } as unknown as QueueSendBatchResponse;
    });
    vi.spyOn(env.TASKS_QUEUE, 'send').mockImplementation(async (body) => {
      sent.push((body as { task_id: string }).task_id);
      return { metadata: {} } as unknown as QueueSendResponse;
    });

    const before = await json(await call('/health'));
    expect(before.stranded.tasks_seconds).toBeGreaterThan(24 * 3600);
    const admin = await createAdmin();
    const queues = await json(await call('/v1/admin/queues', { token: admin.token }));
    expect(
      queues.data.find((q: { queue: string }) => q.queue === 'engage-tasks').oldest_stranded_seconds,
    ).toBeGreaterThan(24 * 3600);

    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: new Date() }),
      env,
    );

    expect(await count('in_progress')).toBe(0);
    expect(new Set(sent)).toEqual(new Set([...stuck, ...unsent]));
    const after = await json(await call('/health'));
    expect(after.stranded.tasks_seconds).toBeNull();
  });
});
