// Events queue consumer: each outbox event goes to its registered handlers (src/events/registry.ts).
// A failing handler retries the message with exponential backoff (or, when a circuit is open, after the
// breaker's cool-down); after max_retries the queue moves it to the dead-letter queue.

import { dispatchEvent, type HandlerRegistry } from '../src/events/dispatch';
import { eventMessageSchema } from '../src/events/message';
import { eventHandlers } from '../src/events/registry';
import { BreakerOpenError } from '../src/lib/breaker';
import { log } from '../src/lib/logger';

/** 10 s, 20 s, 40 s … capped at 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(10 * 2 ** Math.max(attempts - 1, 0), 600);
}

export async function processEventBatch(
  env: Env,
  batch: MessageBatch<unknown>,
  registry: HandlerRegistry = eventHandlers,
): Promise<void> {
  for (const message of batch.messages) {
    const parsed = eventMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      // A poison message cannot succeed on retry: record it and move on.
      log.error('unreadable event message dropped', { message_id: message.id, issues: parsed.error.issues });
      message.ack();
      continue;
    }
    try {
      await dispatchEvent(env, parsed.data, registry);
      message.ack();
    } catch (error) {
      const delaySeconds =
        error instanceof BreakerOpenError ? error.retryAfterSeconds : backoffSeconds(message.attempts);
      log.warn('event handler failed; retrying', {
        event_id: parsed.data.id,
        type: parsed.data.type,
        attempts: message.attempts,
        delay_seconds: delaySeconds,
        error: error instanceof Error ? error.message : String(error),
      });
      message.retry({ delaySeconds });
    }
  }
}
