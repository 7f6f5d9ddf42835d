// Runs every handler registered for an event, each at most once per event: a handler that already
// succeeded for this event id is skipped on redelivery, one that failed runs again. Handlers that already
// deduplicate by event id themselves (the room, emails) skip the bookkeeping: two D1 round trips per event
// that would buy nothing.
import { eq } from 'drizzle-orm';
import { createDb } from '../db/client';
import { eventDeliveries } from '../db/schema';
import type { EventMessage } from './message';

/** Handlers must be idempotent too: a crash between running and recording runs them again. */
export interface EventHandler {
  name: string;
  run(env: Env, event: EventMessage): Promise<void>;
  /** True when running twice for one event id has the effect of once (the handler dedupes by event id). */
  deduplicatesByEventId?: boolean;
  /**
   * A faster path for several events of one engagement, in order, with the effect of `run` on each (one
   * round trip instead of one per event). Only for handlers that dedupe by event id: a failure retries all.
   */
  runMany?(env: Env, events: EventMessage[]): Promise<void>;
}

/** Handlers by event type; `*` runs for every type. */
export type HandlerRegistry = Record<string, readonly EventHandler[]>;

export function handlersFor(registry: HandlerRegistry, type: string): EventHandler[] {
  return [...(registry['*'] ?? []), ...(registry[type] ?? [])];
}

/** `alreadyRun`: handlers the caller ran for this event already (through `runMany`). */
export async function dispatchEvent(
  env: Env,
  event: EventMessage,
  registry: HandlerRegistry,
  alreadyRun: ReadonlySet<EventHandler> = new Set(),
): Promise<void> {
  const handlers = handlersFor(registry, event.type).filter((handler) => !alreadyRun.has(handler));
  const tracked = handlers.filter((handler) => !handler.deduplicatesByEventId);
  const db = createDb(env.DB);
  // One read for what earlier deliveries already did, one write per tracked handler that succeeds now.
  const done =
    tracked.length === 0
      ? new Set<string>()
      : new Set(
          (
            await db
              .select({ handler: eventDeliveries.handler })
              .from(eventDeliveries)
              .where(eq(eventDeliveries.eventId, event.id))
          ).map((row) => row.handler),
        );
  for (const handler of handlers) {
    if (done.has(handler.name)) continue;
    const started = Date.now();
    await handler.run(env, event);
    if (handler.deduplicatesByEventId) continue;
    await db
      .insert(eventDeliveries)
      .values({ eventId: event.id, handler: handler.name, durationMs: Date.now() - started })
      .onConflictDoNothing();
  }
}
