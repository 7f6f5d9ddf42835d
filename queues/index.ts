// Queue entry: routes each batch to its consumer by queue name, then relays the events the batch wrote, so
// rooms and handlers hear of a task's progress at once rather than at the next request or sweep.
import { relayPending } from '../src/events/relay';
import { log } from '../src/lib/logger';
import { DEAD_LETTER_SUFFIX, QUEUES } from '../src/lib/queues';
import { recordDeadLetters } from './dead-letters';
import { processEventBatch } from './events';
import { processTaskBatch } from './tasks';

async function consume(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue.endsWith(DEAD_LETTER_SUFFIX)) return recordDeadLetters(env, batch);
  if (batch.queue === QUEUES.events) return processEventBatch(env, batch);
  if (batch.queue === QUEUES.tasks || batch.queue === QUEUES.tasksHigh) return processTaskBatch(env, batch);
  // The extraction consumer arrives with its issue. Until then a message is retried, and after
  // max_retries it lands in the dead-letter view instead of being lost.
  log.warn('no consumer for queue yet; retrying', { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll({ delaySeconds: 60 });
}

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await consume(batch, env);
  try {
    await relayPending(env);
  } catch (error) {
    // Not lost: the five-minute sweep relays whatever this missed.
    log.error('relay after queue batch failed', { queue: batch.queue, error: String(error) });
  }
}
