// Dead-letter consumers: a message that exhausted its queue's retries is recorded in D1 (once, by message
// id) so operators see it and can redrive it, and the work it carried ends failed. Nothing is dropped.
import { log } from '../src/lib/logger';
import type { QueueSpec } from './registry';
import { recordDeadLetter } from './settle';

export async function recordDeadLetters(env: Env, batch: MessageBatch<unknown>, source: QueueSpec) {
  for (const message of batch.messages) {
    await recordDeadLetter(env, source.name, message);
    await source.onDead?.(env, message.body);
    log.warn('dead letter recorded', { queue: source.name, message_id: message.id });
    message.ack();
  }
}
