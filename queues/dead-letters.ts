// Dead-letter consumers: a message that exhausted its queue's retries is recorded in D1 (once, by message
// id) so operators see it and can redrive it. Nothing is dropped silently.
import { createDb } from '../src/db/client';
import { deadLetters } from '../src/db/schema';
import { newId } from '../src/lib/ids';
import { log } from '../src/lib/logger';
import { DEAD_LETTER_SUFFIX, QUEUES } from '../src/lib/queues';
import { failExtraction } from '../src/modules/extractions/run';
import { failTask } from '../src/modules/tasks/process';

export async function recordDeadLetters(env: Env, batch: MessageBatch<unknown>) {
  const db = createDb(env.DB);
  const source = batch.queue.slice(0, -DEAD_LETTER_SUFFIX.length);
  for (const message of batch.messages) {
    await db
      .insert(deadLetters)
      .values({
        id: newId('deadLetter'),
        queue: source,
        messageId: message.id,
        body: message.body ?? null,
        attempts: message.attempts,
      })
      .onConflictDoNothing();
    // A task whose message died (even if its worker crashed before it could say so) must end `failed`.
    if (source === QUEUES.tasks || source === QUEUES.tasksHigh) {
      const taskId = (message.body as { task_id?: unknown } | null)?.task_id;
      if (typeof taskId === 'string') await failTask(env, taskId, 'Gave up after the queue’s retries');
    }
    if (source === QUEUES.extractions) {
      const id = (message.body as { extraction_id?: unknown } | null)?.extraction_id;
      if (typeof id === 'string') await failExtraction(env, id, 'Gave up after the queue’s retries');
    }
    log.warn('dead letter recorded', { queue: source, message_id: message.id });
    message.ack();
  }
}
