// Every queue the Worker produces to and consumes, declared once: its name, producer binding, retry budget
// (as `max_retries` in wrangler.toml — a test compares the two), dead-letter queue, consumer, and what a
// dead or redriven message means for the work it carries. Routing, dead letters and redrive all read this
// list; nothing else names a queue.
import type { Db } from '../src/db/client';
import { createDb } from '../src/db/client';
import { QUEUES, type QueueName, TASK_MAX_RETRIES } from '../src/lib/queues';
import { processEmailBatch } from '../src/modules/email/jobs';
import { requeueFailedExtraction } from '../src/modules/extractions/recovery';
import { failExtraction } from '../src/modules/extractions/run';
import { processPayoutBatch } from '../src/modules/payouts/queue';
import { failTask } from '../src/modules/tasks/process';
import { requeueFailedTask } from '../src/modules/tasks/recovery';
import { enqueueTask } from '../src/modules/tasks/service';
import { processDeliveryBatch } from '../src/modules/webhook-endpoints/deliver';
import { processEventBatch } from './events';
import { processExtractionBatch } from './extractions';
import { processTaskBatch } from './tasks';

export interface QueueSpec {
  name: QueueName;
  producer: (env: Env) => Queue;
  /** Deliveries after the first, exactly as `max_retries` in wrangler.toml. */
  maxRetries: number;
  /** Where the queue moves a message that used up its retries. */
  deadLetterQueue: string;
  consume: (env: Env, batch: MessageBatch<unknown>) => Promise<void>;
  /** The message died: the work it carried ends failed (even if its worker crashed before saying so). */
  onDead?: (env: Env, body: unknown) => Promise<void>;
  /**
   * A dead letter goes back: reset the work it carries and send it. Returns false to have the body sent
   * to this queue's producer as it is.
   */
  onRedrive?: (env: Env, db: Db, body: unknown) => Promise<boolean>;
}

const field = (body: unknown, name: string) => {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : null;
};

const GAVE_UP = 'Gave up after the queue’s retries';

const taskQueue = (name: QueueName, producer: (env: Env) => Queue): QueueSpec => ({
  name,
  producer,
  maxRetries: TASK_MAX_RETRIES,
  // Both priorities share one dead-letter queue: a redriven task goes back through its own priority's queue.
  deadLetterQueue: `${QUEUES.tasks}-dlq`,
  consume: processTaskBatch,
  onDead: async (env, body) => {
    const taskId = field(body, 'task_id');
    if (taskId) await failTask(env, taskId, GAVE_UP);
  },
  onRedrive: async (env, db, body) => {
    const task = await requeueFailedTask(db, body);
    if (task) await enqueueTask(env, task);
    return task !== null;
  },
});

export const QUEUE_SPECS: readonly QueueSpec[] = [
  taskQueue(QUEUES.tasks, (env) => env.TASKS_QUEUE),
  taskQueue(QUEUES.tasksHigh, (env) => env.TASKS_HIGH_QUEUE),
  {
    name: QUEUES.extractions,
    producer: (env) => env.EXTRACTIONS_QUEUE,
    maxRetries: TASK_MAX_RETRIES,
    deadLetterQueue: `${QUEUES.extractions}-dlq`,
    consume: (env, batch) => processExtractionBatch(env, batch),
    onDead: async (env, body) => {
      const id = field(body, 'extraction_id');
      if (id) await failExtraction(env, id, GAVE_UP);
    },
    onRedrive: async (_env, db, body) => {
      await requeueFailedExtraction(db, body);
      return false; // the body itself goes back to the queue
    },
  },
  {
    name: QUEUES.events,
    producer: (env) => env.EVENTS_QUEUE,
    maxRetries: 8,
    deadLetterQueue: `${QUEUES.events}-dlq`,
    consume: (env, batch) => processEventBatch(env, batch),
  },
  {
    name: QUEUES.webhooks,
    producer: (env) => env.WEBHOOKS_QUEUE,
    maxRetries: 5,
    deadLetterQueue: `${QUEUES.webhooks}-dlq`,
    consume: (env, batch) => processDeliveryBatch(env, batch),
  },
  {
    name: QUEUES.payouts,
    producer: (env) => env.PAYOUTS_QUEUE,
    maxRetries: 5,
    deadLetterQueue: `${QUEUES.payouts}-dlq`,
    consume: processPayoutBatch,
  },
  {
    name: QUEUES.emails,
    producer: (env) => env.EMAILS_QUEUE,
    maxRetries: 5,
    deadLetterQueue: `${QUEUES.emails}-dlq`,
    // A dead chunk leaves its messages queued: the job shows them, and a redrive sends them.
    consume: (env, batch) => processEmailBatch(env, createDb(env.DB), batch),
  },
];

export const queueSpec = (name: string): QueueSpec | undefined =>
  QUEUE_SPECS.find((spec) => spec.name === name);

/** The queue whose dead letters a dead-letter queue holds (for a shared one, the first: tasks). */
export const sourceOfDeadLetterQueue = (name: string): QueueSpec | undefined =>
  QUEUE_SPECS.find((spec) => spec.deadLetterQueue === name);
