// Tasks queue consumer (both priorities): runs each task through src/modules/tasks/process.ts. Transient
// failures retry with backoff (or after the `ai` breaker's cool-down); the last attempt runs without the
// model (embedded engine) and, if it still fails, marks the task failed and lets the queue dead-letter the
// message. Permanent failures (unreadable document) fail at once and are recorded as dead letters directly.
import { BreakerOpenError } from '../src/lib/breaker';
import { log } from '../src/lib/logger';
import { QUEUES, TASK_MAX_RETRIES } from '../src/lib/queues';
import { inRequest } from '../src/lib/request-context';
import { OcrUnavailableError } from '../src/modules/ai/ocr';
import {
  failTask,
  PermanentTaskError,
  processTasks,
  type RunResult,
  type TaskRun,
} from '../src/modules/tasks/process';
import type { TaskMessage } from './messages';
import { backoffSeconds, settleFailure } from './settle';

/**
 * Runs the batch's tasks together (see processTasks), then settles each message from its task's result. The
 * bodies were read with the queue's schema (./messages) by the registry's dispatch.
 */
export async function processTaskBatch(env: Env, batch: MessageBatch<TaskMessage>): Promise<void> {
  const runs: (TaskRun & { message: Message<TaskMessage> })[] = [];
  for (const message of batch.messages) {
    const { task_id: taskId, request_id: requestId } = message.body;
    runs.push({ taskId, allowAi: !isLastAttempt(message), requestId, message });
  }
  let results: Map<string, RunResult>;
  try {
    results = await processTasks(env, runs);
  } catch (error) {
    // The shared reads or writes failed (D1 unavailable): nothing was recorded, so every message retries.
    log.error('task batch failed; retrying it', { messages: runs.length, error: String(error) });
    for (const { message } of runs) message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    return;
  }
  for (const { taskId, requestId, message } of runs) {
    const result = results.get(taskId) ?? { ok: true, outcome: 'skipped' };
    await inRequest(requestId, () => settle(env, message, taskId, result)).catch((error: unknown) => {
      log.error('task handling failed unexpectedly; retrying', {
        message_id: message.id,
        error: String(error),
      });
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    });
  }
}

const isLastAttempt = (message: Message<TaskMessage>) => message.attempts > TASK_MAX_RETRIES;

async function settle(env: Env, message: Message<TaskMessage>, taskId: string, result: RunResult) {
  if (result.ok) {
    log.info('task processed', { task_id: taskId, outcome: result.outcome, attempts: message.attempts });
    message.ack();
    return;
  }
  const { error } = result;
  const cause = error instanceof OcrUnavailableError ? error.cause : error;
  await settleFailure(
    env,
    message,
    {
      error,
      permanent: error instanceof PermanentTaskError,
      ...(cause instanceof BreakerOpenError ? { retryAfterSeconds: cause.retryAfterSeconds } : {}),
    },
    {
      queue: QUEUES.tasks,
      maxRetries: TASK_MAX_RETRIES,
      fail: (reason) =>
        failTask(env, taskId, reason, error instanceof PermanentTaskError ? error.fault : 'platform'),
      about: { task_id: taskId },
    },
  );
}
