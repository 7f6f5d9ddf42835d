// Queue names as declared in wrangler.toml, and the producer binding for each (used by redrive).
export const QUEUES = {
  tasks: 'engage-tasks',
  extractions: 'engage-extractions',
  events: 'engage-events',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const DEAD_LETTER_SUFFIX = '-dlq';

export function producerFor(env: Env, queue: string): Queue | null {
  switch (queue) {
    case QUEUES.tasks:
      return env.TASKS_QUEUE;
    case QUEUES.extractions:
      return env.EXTRACTIONS_QUEUE;
    case QUEUES.events:
      return env.EVENTS_QUEUE;
    default:
      return null;
  }
}
