// Events queue consumer: each outbox event goes to its registered handlers (src/events/registry.ts).
// A failing handler retries the message with exponential backoff (or, when a circuit is open, after the
// breaker's cool-down); after max_retries the queue moves it to the dead-letter queue. Bodies were read with
// the queue's schema (src/events/message.ts) by the registry's dispatch.

import { dispatchEvent, type EventHandler, type HandlerRegistry, handlersFor } from '../src/events/dispatch';
import type { EventMessage } from '../src/events/message';
import { eventHandlers } from '../src/events/registry';
import { BreakerOpenError } from '../src/lib/breaker';
import { log } from '../src/lib/logger';
import { inRequest } from '../src/lib/request-context';
import { backoffSeconds } from './settle';

export async function processEventBatch(
  env: Env,
  batch: MessageBatch<EventMessage>,
  registry: HandlerRegistry = eventHandlers,
): Promise<void> {
  // One engagement's events stay in order (its room numbers them as they arrive); different engagements'
  // events are independent, so their groups run side by side.
  const groups = new Map<string, Message<EventMessage>[]>();
  for (const message of batch.messages) {
    const key = message.body.engagement_id ?? `message:${message.id}`;
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  await Promise.all([...groups.values()].map((messages) => processGroup(env, messages, registry)));
}

/** One engagement's events, in order: batch-capable handlers once for all, then each event's other handlers. */
async function processGroup(env: Env, messages: Message<EventMessage>[], registry: HandlerRegistry) {
  const readable = messages.map((message) => ({ message, event: message.body }));
  const batched = new Set(
    readable.flatMap(({ event }) => handlersFor(registry, event.type).filter((handler) => handler.runMany)),
  );
  try {
    for (const handler of batched) {
      const events = readable
        .map((r) => r.event)
        .filter((e) => handlersFor(registry, e.type).includes(handler));
      await handler.runMany?.(env, events);
    }
  } catch (error) {
    for (const { message, event } of readable) retryLater(message, event, error);
    return;
  }
  for (const [i, { message, event }] of readable.entries()) {
    const delaySeconds = await handleEvent(env, message, event, registry, batched);
    if (delaySeconds === null) continue;
    // Keep the engagement's order: what came after a failed event waits with it.
    for (const later of readable.slice(i + 1)) later.message.retry({ delaySeconds });
    return;
  }
}

function retryLater(message: Message<EventMessage>, event: EventMessage, error: unknown): number {
  const delaySeconds =
    error instanceof BreakerOpenError ? error.retryAfterSeconds : backoffSeconds(message.attempts);
  log.warn('event handler failed; retrying', {
    event_id: event.id,
    type: event.type,
    attempts: message.attempts,
    delay_seconds: delaySeconds,
    // Capped: a failed query's message carries its SQL and every parameter.
    error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
  });
  message.retry({ delaySeconds });
  return delaySeconds;
}

/** Handles one event; returns null when done, or the delay it was retried with. */
async function handleEvent(
  env: Env,
  message: Message<EventMessage>,
  event: EventMessage,
  registry: HandlerRegistry,
  alreadyRun: ReadonlySet<EventHandler>,
): Promise<number | null> {
  try {
    // On behalf of the request that caused the event: what the handlers record and send carries its id.
    await inRequest(event.request_id, () => dispatchEvent(env, event, registry, alreadyRun));
    message.ack();
    return null;
  } catch (error) {
    return retryLater(message, event, error);
  }
}
