// Every queue the Worker produces to and consumes, declared once: its name, producer binding, retry budget
// (as `max_retries` in wrangler.toml — a test compares the two), dead-letter queue, message schema
// (./messages), consumer, what a dead or redriven message means for the work it carries, and what the admin
// view and /health show for it (backlog, oldest stranded item). Routing, dead letters, redrive and those
// views all read this list; nothing else names a queue.
import { createDb, type Db } from '../src/db/client';
import { unrelayedCount } from '../src/events/relay';
import { QUEUES, type QueueName, TASK_MAX_RETRIES } from '../src/lib/queues';
import { emailJobBacklog, processEmailBatch } from '../src/modules/email/jobs';
import { oldestStrandedExtraction, requeueFailedExtraction } from '../src/modules/extractions/recovery';
import { failExtraction } from '../src/modules/extractions/run';
import { processPayoutBatch } from '../src/modules/payouts/queue';
import { failTask } from '../src/modules/tasks/process';
import { oldestStrandedTask, queuedTaskCount, requeueFailedTask } from '../src/modules/tasks/recovery';
import { enqueueTask } from '../src/modules/tasks/service';
import { processDeliveryBatch } from '../src/modules/webhook-endpoints/deliver';
import { deliveryBacklog, oldestStrandedDelivery } from '../src/modules/webhook-endpoints/sweep';
import { processEventBatch } from './events';
import { processExtractionBatch } from './extractions';
import {
  deliveryMessageSchema,
  emailChunkMessageSchema,
  eventMessageSchema,
  extractionMessageSchema,
  payoutMessageSchema,
  taskMessageSchema,
} from './messages';
import { defineQueue, type QueueSpec } from './spec';
import { processTaskBatch } from './tasks';

export type { QueueSpec } from './spec';

const GAVE_UP = 'Gave up after the queue’s retries';

const taskQueue = (name: QueueName, producer: (env: Env) => Queue, priority: 'normal' | 'high') =>
  defineQueue({
    name,
    producer,
    maxRetries: TASK_MAX_RETRIES,
    // Both priorities share one dead-letter queue: a redriven task goes back through its own priority's queue.
    deadLetterQueue: `${QUEUES.tasks}-dlq`,
    message: taskMessageSchema,
    consume: processTaskBatch,
    onDead: (env, body) => failTask(env, body.task_id, GAVE_UP),
    onRedrive: async (env, db, body) => {
      const task = await requeueFailedTask(db, body);
      if (task) await enqueueTask(env, task);
      return task !== null;
    },
    backlog: (_env, db) => queuedTaskCount(db, priority),
    oldestStranded: (db) => oldestStrandedTask(db, priority),
  });

export const QUEUE_SPECS: readonly QueueSpec[] = [
  taskQueue(QUEUES.tasks, (env) => env.TASKS_QUEUE, 'normal'),
  taskQueue(QUEUES.tasksHigh, (env) => env.TASKS_HIGH_QUEUE, 'high'),
  defineQueue({
    name: QUEUES.extractions,
    producer: (env) => env.EXTRACTIONS_QUEUE,
    maxRetries: TASK_MAX_RETRIES,
    deadLetterQueue: `${QUEUES.extractions}-dlq`,
    message: extractionMessageSchema,
    consume: (env, batch) => processExtractionBatch(env, batch),
    onDead: (env, body) => failExtraction(env, body.extraction_id, GAVE_UP),
    onRedrive: async (_env, db, body) => {
      await requeueFailedExtraction(db, body);
      return false; // the body itself goes back to the queue
    },
    // No backlog figure yet: a queued extraction may be waiting on its batch's pacing, not on the queue.
    oldestStranded: (db) => oldestStrandedExtraction(db),
  }),
  defineQueue({
    name: QUEUES.events,
    producer: (env) => env.EVENTS_QUEUE,
    maxRetries: 8,
    deadLetterQueue: `${QUEUES.events}-dlq`,
    message: eventMessageSchema,
    consume: (env, batch) => processEventBatch(env, batch),
    backlog: (env) => unrelayedCount(env),
  }),
  defineQueue({
    name: QUEUES.payouts,
    producer: (env) => env.PAYOUTS_QUEUE,
    maxRetries: 5,
    deadLetterQueue: `${QUEUES.payouts}-dlq`,
    message: payoutMessageSchema,
    consume: processPayoutBatch,
  }),
  defineQueue({
    name: QUEUES.webhooks,
    producer: (env) => env.WEBHOOKS_QUEUE,
    maxRetries: 5,
    deadLetterQueue: `${QUEUES.webhooks}-dlq`,
    message: deliveryMessageSchema,
    consume: (env, batch) => processDeliveryBatch(env, batch),
    backlog: (_env, db) => deliveryBacklog(db),
    oldestStranded: (db) => oldestStrandedDelivery(db),
  }),
  defineQueue({
    name: QUEUES.emails,
    producer: (env) => env.EMAILS_QUEUE,
    maxRetries: 5,
    deadLetterQueue: `${QUEUES.emails}-dlq`,
    message: emailChunkMessageSchema,
    // A dead chunk leaves its messages queued: the job shows them, and a redrive sends them.
    consume: (env, batch) => processEmailBatch(env, createDb(env.DB), batch),
    backlog: (_env, db) => emailJobBacklog(db),
  }),
];

export const queueSpec = (name: string): QueueSpec | undefined =>
  QUEUE_SPECS.find((spec) => spec.name === name);

/** The queue whose dead letters a dead-letter queue holds (for a shared one, the first: tasks). */
export const sourceOfDeadLetterQueue = (name: string): QueueSpec | undefined =>
  QUEUE_SPECS.find((spec) => spec.deadLetterQueue === name);

/** The longest-stranded item's time among these queues (ISO; null: none, or none of them says). */
export async function oldestStrandedOf(db: Db, names: readonly QueueName[]): Promise<string | null> {
  const times = await Promise.all(
    QUEUE_SPECS.filter((spec) => names.includes(spec.name)).map((spec) => spec.oldestStranded?.(db) ?? null),
  );
  return times.reduce<string | null>(
    (oldest, at) => (at !== null && (oldest === null || at < oldest) ? at : oldest),
    null,
  );
}
