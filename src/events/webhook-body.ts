// The body of a webhook delivery, typed by the catalog: Standard Webhooks' `{type, timestamp, data}` plus the
// event's id and its place in the one sequence. webhookBody (modules/webhook-endpoints/deliver.ts) writes it;
// receivers and the dashboard read it through this type.
import type { CatalogEvent, EventType } from './catalog';

export type WebhookBody<T extends EventType = EventType> = CatalogEvent<T> & {
  /** When the event happened (ISO 8601). */
  timestamp: string;
  /** The event id, also the `webhook-id` header: the same on every attempt and replay, to deduplicate by. */
  id: string;
  /** Its place in the one event sequence (null only for events written before the sequence existed). */
  seq: number | null;
};
