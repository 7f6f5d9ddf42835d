// Worker entry: HTTP, queue and cron handlers, and the Durable Object classes wrangler binds.
import { handleQueue } from '../queues';
import { app } from './app';
import { handleScheduled } from './cron';

export { CircuitBreaker } from '../durable-objects/circuit-breaker';
export { EngagementRoom } from '../durable-objects/engagement-room';
export { McpSessionStream } from '../durable-objects/mcp-session';
export { ReminderTimer } from '../durable-objects/reminder-timer';

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env>;
