import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMBEDDED_MODEL } from '../../src/modules/ai/run';
import { deliver, withAi, workersAi } from './delivery';
import { activeEngagement, insertTask, taskRow } from './fixtures';

// Its own file: the `ai` breaker this opens lives in storage that is isolated per test file.
afterEach(() => vi.restoreAllMocks());

describe('a Workers AI outage', () => {
  it('retries with growing backoff while the model is down, then waits for the open breaker', async () => {
    const parties = await activeEngagement();
    const ai = workersAi(() => {
      throw new Error('503 Service Unavailable');
    });
    const testEnv = withAi(ai.binding);
    const task = await insertTask(parties);
    const first = await deliver(task.id, 1, testEnv);
    expect(first).toMatchObject({ retried: true, delay: 10 });
    const second = await deliver(task.id, 2, testEnv);
    expect(second).toMatchObject({ retried: true, delay: 20 });
    for (let attempt = 3; attempt <= 5; attempt++) await deliver(task.id, attempt, testEnv);
    // Five consecutive failures opened the `ai` breaker: the next delivery does not call the model at all.
    const callsBefore = ai.calls.length;
    const waiting = await deliver(task.id, 5, testEnv);
    expect(ai.calls.length).toBe(callsBefore);
    expect(waiting.retried).toBe(true);
    expect(waiting.delay).toBeGreaterThan(50);
    expect(waiting.delay).toBeLessThanOrEqual(60);
    expect((await taskRow(task.id)).status).toBe('in_progress');
    // The last attempt does without the model: the embedded engine finishes the task.
    expect(await deliver(task.id, 6, testEnv)).toMatchObject({ acked: true });
    expect(await taskRow(task.id)).toMatchObject({ status: 'completed', modelUsed: EMBEDDED_MODEL });
  });
});
