// Queue entry: routes each batch to its consumer by queue name.
import { log } from '../src/lib/logger';
import { DEAD_LETTER_SUFFIX, QUEUES } from '../src/lib/queues';
import { recordDeadLetters } from './dead-letters';
import { processEventBatch } from './events';
import { processTaskBatch } from './tasks';

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue.endsWith(DEAD_LETTER_SUFFIX)) return recordDeadLetters(env, batch);
  if (batch.queue === QUEUES.events) return processEventBatch(env, batch);
  if (batch.queue === QUEUES.tasks || batch.queue === QUEUES.tasksHigh) return processTaskBatch(env, batch);
  // The extraction consumer arrives with their issues. Until then a message is retried, and
  // after max_retries it lands in the dead-letter view instead of being lost.
  log.warn('no consumer for queue yet; retrying', { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll({ delaySeconds: 60 });
}
