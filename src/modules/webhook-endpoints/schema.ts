// Request and response shapes of /v1/webhook-endpoints.
import { z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../../events/catalog';
import { listQuerySchema } from '../../lib/pagination';

const eventsField = z
  .array(z.enum(['*', ...EVENT_TYPES]))
  .min(1)
  .max(EVENT_TYPES.length + 1)
  .refine((events) => !events.includes('*') || events.length === 1, '"*" stands alone: every event')
  .openapi({ description: 'Event types from GET /v1/event-types, or ["*"] for every event' });

export const createEndpointSchema = z
  .object({
    url: z.string().trim().min(1).max(2048),
    events: eventsField,
    description: z.string().trim().max(500).optional(),
  })
  .openapi('CreateWebhookEndpoint');

export const updateEndpointSchema = z
  .object({
    url: z.string().trim().min(1).max(2048).optional(),
    events: eventsField.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change')
  .openapi('UpdateWebhookEndpoint');

export const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    platform: z.boolean().openapi({ description: 'An admin endpoint receiving every company’s events' }),
    failing_since: z.string().nullable(),
    success_rate: z
      .object({
        last_24h: z.number().nullable(),
        last_7d: z.number().nullable(),
        daily: z
          .array(z.object({ day: z.string(), attempts: z.number().int(), succeeded: z.number().int() }))
          .openapi({
            description: 'The last 7 UTC days, oldest first: attempts and successes (a sparkline)',
          }),
      })
      .openapi({ description: 'Share of attempts that succeeded (0–1); null: no attempts' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('WebhookEndpoint');

export const platformEndpointSchema = endpointSchema
  .extend({
    org_id: z.string().nullable().openapi({ description: 'The owning company; null: a platform endpoint' }),
    org_name: z.string().nullable(),
  })
  .openapi('PlatformWebhookEndpoint');

export const endpointWithSecretSchema = endpointSchema
  .extend({ secret: z.string().openapi({ description: 'whsec_…: shown once; verify signatures with it' }) })
  .openapi('WebhookEndpointWithSecret');

export const attemptSchema = z.object({
  attempt: z.number().int(),
  status_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  response: z.string().nullable().openapi({ description: 'The first 1 KB of the response body' }),
  error: z.string().nullable(),
  succeeded: z.boolean(),
  at: z.string(),
});

export const deliverySchema = z
  .object({
    id: z.string(),
    event_id: z.string().openapi({ description: 'The webhook-id header: the same on every attempt' }),
    event_type: z.string(),
    event_seq: z.number().int(),
    status: z.enum(['pending', 'waiting', 'succeeded', 'failed']),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    history: z.array(attemptSchema),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('WebhookDelivery');

export const listDeliveriesQuerySchema = listQuerySchema.extend({
  status: z.enum(['pending', 'waiting', 'succeeded', 'failed']).optional(),
  event_type: z.string().max(100).optional(),
});

export const replaySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).openapi({ description: 'Events at or after this time' }),
    until: z.iso.datetime({ offset: true }).optional(),
    only_failed: z.boolean().default(false),
  })
  .openapi('ReplayWebhooks');

export const testEventSchema = z
  .object({ event_type: z.enum(EVENT_TYPES as [string, ...string[]]).default('task.completed') })
  .openapi('TestWebhook');

export type CreateEndpoint = z.infer<typeof createEndpointSchema>;
export type UpdateEndpoint = z.infer<typeof updateEndpointSchema>;
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;
export type Replay = z.infer<typeof replaySchema>;
