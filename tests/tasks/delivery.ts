// Delivering task messages to the consumer by hand, and a stand-in for the Workers AI binding.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import type { TaskMessage } from '../../queues/messages';
import { processTaskBatch } from '../../queues/tasks';

/** Delivers task messages to the consumer with the given env; returns acks and retries with their delays. */
export async function deliver(taskId: string, attempts: number, testEnv: Env = env) {
  const batch = createMessageBatch<TaskMessage>('engage-tasks', [
    { id: `m-${taskId}-${attempts}`, timestamp: new Date(), attempts, body: { task_id: taskId } },
  ]);
  const delays: (number | undefined)[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    vi.spyOn(message, 'retry').mockImplementation((options) => {
      delays.push(options?.delaySeconds);
      retry(options);
    });
  }
  const ctx = createExecutionContext();
  await processTaskBatch(testEnv, batch);
  const result = await getQueueResult(batch, ctx);
  return {
    acked: result.explicitAcks.length === 1,
    retried: result.retryMessages.length === 1,
    delay: delays[0],
  };
}

/** Delivers one batch of messages (first attempts) and reports, per task id, whether its message was acked. */
export async function deliverBatch(taskIds: string[], testEnv: Env = env) {
  const batch = createMessageBatch<TaskMessage>(
    'engage-tasks',
    taskIds.map((id, i) => ({
      id: `b-${i}-${id}`,
      timestamp: new Date(),
      attempts: 1,
      body: { task_id: id },
    })),
  );
  const ctx = createExecutionContext();
  await processTaskBatch(testEnv, batch);
  const result = await getQueueResult(batch, ctx);
  const acked = new Set(result.explicitAcks);
  return batch.messages.map((m) => ({
    taskId: (m.body as { task_id: string }).task_id,
    acked: acked.has(m.id),
  }));
}

/** A Workers AI binding stand-in: answers like `env.AI.run` (`{ response }`), or fails like an outage. */
export function workersAi(answer: () => unknown) {
  const calls: unknown[] = [];
  return {
    calls,
    binding: {
      async run(model: string, input: Record<string, unknown>) {
        calls.push({ model, input });
        return answer();
      },
    },
  };
}

export const withAi = (binding: unknown, extra: Record<string, unknown> = {}) =>
  ({ ...env, AI_PROVIDER: 'workers-ai', AI: binding, ...extra }) as unknown as Env;
