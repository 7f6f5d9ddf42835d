// Transactional outbox: an event row is one more statement in the D1 batch that makes the change,
// so the change and its event commit together or not at all. The backbone relays rows to the events queue.

import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events } from '../db/schema';
import type { CatalogEvent, EventType } from '../events/catalog';
import { insertIf } from './guarded-insert';
import { newId } from './ids';
import { stampRequestId } from './request-context';

interface OutboxFields {
  /** Preset when other statements of the batch must refer to this event; otherwise generated. */
  id?: string;
  engagementId?: string | null;
  orgId?: string | null;
}

/** An event to record: its type from the catalog (events/catalog.ts) and the data that type declares. */
export type OutboxEvent<T extends EventType = EventType> = OutboxFields & CatalogEvent<T>;

/**
 * A batch statement recording `event`. With `onlyIf`, the row is written only when that condition holds
 * inside the same transaction, e.g. "the engagement now has the version this transition gave it", so a
 * transition that lost a race records no event.
 */
export function recordEvent<T extends EventType>(
  db: Db,
  event: OutboxEvent<T>,
  options: { onlyIf?: SQL } = {},
) {
  const row = {
    id: event.id ?? newId('event'),
    type: event.type,
    engagementId: event.engagementId ?? null,
    orgId: event.orgId ?? null,
    data: event.data,
    requestId: stampRequestId(),
    createdAt: new Date().toISOString(),
  };
  return options.onlyIf ? insertIf(db, events, row, options.onlyIf) : db.insert(events).values(row);
}
