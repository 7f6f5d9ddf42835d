// The shape of an outbox event on the events queue, and its conversion from the `events` row.
import { z } from '@hono/zod-openapi';
import type { EventRow } from '../db/schema';

export const eventMessageSchema = z.object({
  id: z.string().startsWith('evt_'),
  type: z.string().min(1),
  /** The event's place in the one sequence (null only for rows written before it existed). */
  seq: z.number().int().nullable().default(null),
  engagement_id: z.string().nullable(),
  org_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  /** The API request that caused it; handlers run on its behalf. Absent in messages sent before it existed. */
  request_id: z.string().nullish(),
});

export type EventMessage = z.infer<typeof eventMessageSchema>;

/**
 * Queues take at most 128 KB per message. Producers keep their data small, but one oversized event must never
 * block the relay (it claims the oldest rows first, so it would fail on the same row forever): its data is
 * replaced by a note saying so, and handlers read the rest from the API.
 */
export const MAX_EVENT_DATA_CHARS = 40_000; // × 3 bytes per char at worst in UTF-8: under 128 KB

export function toEventMessage(row: EventRow): EventMessage {
  const size = JSON.stringify(row.data).length;
  return {
    id: row.id,
    type: row.type,
    seq: row.seq,
    engagement_id: row.engagementId,
    org_id: row.orgId,
    data: size <= MAX_EVENT_DATA_CHARS ? row.data : { truncated: true, original_size: size },
    created_at: row.createdAt,
    request_id: row.requestId,
  };
}
