// Queue entry: routes each batch to its consumer by the queue registry (./registry), which acks the messages
// its schema cannot read (./spec), then relays the events the batch wrote, so rooms and handlers hear of a
// task's progress at once rather than at the next request or sweep.
import { relayPending } from '../src/events/relay';
import { log } from '../src/lib/logger';
import { recordDeadLetters } from './dead-letters';
import { queueSpec, sourceOfDeadLetterQueue } from './registry';

async function consume(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const source = sourceOfDeadLetterQueue(batch.queue);
  if (source) return recordDeadLetters(env, batch, source);
  const spec = queueSpec(batch.queue);
  if (spec) return spec.dispatch(env, batch);
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
