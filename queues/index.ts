// Queue entry: routes each batch to its consumer by queue name, then relays the events the batch wrote, so
// rooms and handlers hear of a task's progress at once rather than at the next request or sweep.
import { relayPending } from '../src/events/relay';
import { log } from '../src/lib/logger';
import { DEAD_LETTER_SUFFIX, QUEUES } from '../src/lib/queues';
import { processPayoutBatch } from '../src/modules/payouts/queue';
import { recordDeadLetters } from './dead-letters';
import { processEventBatch } from './events';
import { processExtractionBatch } from './extractions';
import { processTaskBatch } from './tasks';

async function consume(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue.endsWith(DEAD_LETTER_SUFFIX)) return recordDeadLetters(env, batch);
  if (batch.queue === QUEUES.events) return processEventBatch(env, batch);
  if (batch.queue === QUEUES.tasks || batch.queue === QUEUES.tasksHigh) return processTaskBatch(env, batch);
  if (batch.queue === QUEUES.extractions) return processExtractionBatch(env, batch);
  if (batch.queue === QUEUES.payouts) return processPayoutBatch(env, batch);
  // A queue bound in wrangler.toml without a consumer here: retried, then dead-lettered, never lost.
  log.warn('no consumer for queue; retrying', { queue: batch.queue, messages: batch.messages.length });
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
