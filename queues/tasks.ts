// Tasks queue consumer (both priorities): runs each task through src/modules/tasks/process.ts. Transient
// failures retry with backoff (or after the `ai` breaker's cool-down); the last attempt runs without the
// model (embedded engine) and, if it still fails, marks the task failed and lets the queue dead-letter the
// message. Permanent failures (unreadable document) fail at once and are recorded as dead letters directly.
import { z } from '@hono/zod-openapi';
import { createDb } from '../src/db/client';
import { deadLetters } from '../src/db/schema';
import { BreakerOpenError } from '../src/lib/breaker';
import { newId } from '../src/lib/ids';
import { log } from '../src/lib/logger';
import { QUEUES, TASK_MAX_RETRIES } from '../src/lib/queues';
import { failTask, PermanentTaskError, processTask } from '../src/modules/tasks/process';
import { backoffSeconds } from './events';

const taskMessageSchema = z.object({ task_id: z.string().startsWith('tsk_') });

/**
 * Tasks of a batch run side by side, but only a few at once: each holds its document in memory (an RFP may
 * be 50 MB), and the isolate has 128 MB. One task failing never takes the others with it.
 */
const CONCURRENT_TASKS = 3;

export async function processTaskBatch(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  const waiting = [...batch.messages];
  const worker = async () => {
    for (let message = waiting.shift(); message; message = waiting.shift()) {
      await handle(env, message).catch((error: unknown) => {
        log.error('task handling failed unexpectedly; retrying', {
          message_id: message.id,
          error: String(error),
        });
        message.retry({ delaySeconds: backoffSeconds(message.attempts) });
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_TASKS }, worker));
}

async function handle(env: Env, message: Message<unknown>) {
  const parsed = taskMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log.error('unreadable task message dropped', { message_id: message.id });
    message.ack();
    return;
  }
  const taskId = parsed.data.task_id;
  const lastAttempt = message.attempts > TASK_MAX_RETRIES;
  try {
    const outcome = await processTask(env, taskId, { allowAi: !lastAttempt });
    log.info('task processed', { task_id: taskId, outcome, attempts: message.attempts });
    message.ack();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof PermanentTaskError) {
      await failTask(env, taskId, reason);
      await createDb(env.DB)
        .insert(deadLetters)
        .values({
          id: newId('deadLetter'),
          queue: QUEUES.tasks,
          messageId: message.id,
          body: message.body,
          attempts: message.attempts,
        })
        .onConflictDoNothing();
      log.warn('task failed permanently', { task_id: taskId, error: reason });
      message.ack();
      return;
    }
    if (lastAttempt) {
      await failTask(env, taskId, reason);
      log.error('task failed after its last retry; dead-lettering', { task_id: taskId, error: reason });
      message.retry(); // past max_retries: the queue moves it to the dead-letter queue
      return;
    }
    const delaySeconds =
      error instanceof BreakerOpenError ? error.retryAfterSeconds : backoffSeconds(message.attempts);
    log.warn('task failed; retrying', {
      task_id: taskId,
      attempts: message.attempts,
      delay_seconds: delaySeconds,
      error: reason,
    });
    message.retry({ delaySeconds });
  }
}
