// What happens to a message whose work failed, the same for every work queue: a permanent failure ends the
// work at once and is recorded as a dead letter (nothing to retry, but an operator sees it); the last
// allowed delivery ends the work and lets the queue move the message to its dead-letter queue; anything
// else retries with backoff, or after a cool-down the error names.
import { createDb } from '../src/db/client';
import { deadLetters } from '../src/db/schema';
import { newId } from '../src/lib/ids';
import { log } from '../src/lib/logger';

/** 10 s, 20 s, 40 s … at most 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(attempts - 1, 0), 600);
}

export interface Failure {
  error: unknown;
  /** Retrying cannot help (an unreadable document, an unsafe URL). */
  permanent: boolean;
  /** When to try again, if the error says (an open circuit breaker's cool-down). */
  retryAfterSeconds?: number;
}

export interface SettleContext {
  /** The queue the message came from, as recorded on a dead letter. */
  queue: string;
  maxRetries: number;
  /** Ends the work as failed, with the reason. */
  fail: (reason: string) => Promise<void>;
  /** What the logs say the message is about (`{task_id}`, `{extraction_id}`). */
  about: Record<string, string>;
}

export async function settleFailure(
  env: Env,
  message: Message<unknown>,
  failure: Failure,
  context: SettleContext,
): Promise<void> {
  const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
  if (failure.permanent) {
    await context.fail(reason);
    await recordDeadLetter(env, context.queue, message);
    log.warn('failed permanently', { queue: context.queue, ...context.about, error: reason });
    message.ack();
    return;
  }
  if (message.attempts > context.maxRetries) {
    await context.fail(reason);
    log.error('failed after the last retry; dead-lettering', {
      queue: context.queue,
      ...context.about,
      error: reason,
    });
    message.retry(); // past max_retries: the queue moves it to the dead-letter queue
    return;
  }
  const delaySeconds = failure.retryAfterSeconds ?? backoffSeconds(message.attempts);
  log.warn('failed; retrying', {
    queue: context.queue,
    ...context.about,
    attempts: message.attempts,
    delay_seconds: delaySeconds,
    error: reason,
  });
  message.retry({ delaySeconds });
}

/** A dead letter row, once per message id: for operators to see and redrive. */
export async function recordDeadLetter(env: Env, queue: string, message: Message<unknown>): Promise<void> {
  await createDb(env.DB)
    .insert(deadLetters)
    .values({
      id: newId('deadLetter'),
      queue,
      messageId: message.id,
      body: message.body ?? null,
      attempts: message.attempts,
    })
    .onConflictDoNothing();
}
