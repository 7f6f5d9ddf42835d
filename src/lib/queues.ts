// Queue names as declared in wrangler.toml, and the producer binding for each (used by redrive).
export const QUEUES = {
  tasks: 'engage-tasks',
  tasksHigh: 'engage-tasks-high',
  extractions: 'engage-extractions',
  events: 'engage-events',
  payouts: 'engage-payouts',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const DEAD_LETTER_SUFFIX = '-dlq';

/** Deliveries after the first, as `max_retries` in wrangler.toml for the task queues. */
export const TASK_MAX_RETRIES = 5;

export function producerFor(env: Env, queue: string): Queue | null {
  switch (queue) {
    case QUEUES.tasks:
      return env.TASKS_QUEUE;
    case QUEUES.tasksHigh:
      return env.TASKS_HIGH_QUEUE;
    case QUEUES.extractions:
      return env.EXTRACTIONS_QUEUE;
    case QUEUES.events:
      return env.EVENTS_QUEUE;
    case QUEUES.payouts:
      return env.PAYOUTS_QUEUE;
    default:
      return null;
  }
}
