// Queue names as declared in wrangler.toml. Everything else about a queue (producer, consumer, retries,
// dead letters, redrive) is declared once in queues/registry.ts.
export const QUEUES = {
  tasks: 'engage-tasks',
  tasksHigh: 'engage-tasks-high',
  extractions: 'engage-extractions',
  events: 'engage-events',
  payouts: 'engage-payouts',
  webhooks: 'engage-webhooks',
  emails: 'engage-emails',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Deliveries after the first, as `max_retries` in wrangler.toml for the task queues. */
export const TASK_MAX_RETRIES = 5;
