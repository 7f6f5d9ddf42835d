// Runs every handler registered for an event, each at most once per event: a handler that already
// succeeded for this event id is skipped on redelivery, one that failed runs again.
import { and, eq } from 'drizzle-orm';
import { createDb } from '../db/client';
import { eventDeliveries } from '../db/schema';
import type { EventMessage } from './message';

/** Handlers must be idempotent too: a crash between running and recording runs them again. */
export interface EventHandler {
  name: string;
  run(env: Env, event: EventMessage): Promise<void>;
}

/** Handlers by event type; `*` runs for every type. */
export type HandlerRegistry = Record<string, readonly EventHandler[]>;

export function handlersFor(registry: HandlerRegistry, type: string): EventHandler[] {
  return [...(registry['*'] ?? []), ...(registry[type] ?? [])];
}

export async function dispatchEvent(env: Env, event: EventMessage, registry: HandlerRegistry): Promise<void> {
  const db = createDb(env.DB);
  for (const handler of handlersFor(registry, event.type)) {
    const done = await db.query.eventDeliveries.findFirst({
      where: and(eq(eventDeliveries.eventId, event.id), eq(eventDeliveries.handler, handler.name)),
    });
    if (done) continue;
    await handler.run(env, event);
    await db
      .insert(eventDeliveries)
      .values({ eventId: event.id, handler: handler.name })
      .onConflictDoNothing();
  }
}
