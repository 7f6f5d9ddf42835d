// The shape of an outbox event on the events queue, and its conversion from the `events` row.
import { z } from '@hono/zod-openapi';
import type { EventRow } from '../db/schema';

export const eventMessageSchema = z.object({
  id: z.string().startsWith('evt_'),
  type: z.string().min(1),
  engagement_id: z.string().nullable(),
  org_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});

export type EventMessage = z.infer<typeof eventMessageSchema>;

export function toEventMessage(row: EventRow): EventMessage {
  return {
    id: row.id,
    type: row.type,
    engagement_id: row.engagementId,
    org_id: row.orgId,
    data: row.data,
    created_at: row.createdAt,
  };
}
