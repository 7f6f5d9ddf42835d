// The event catalog in the OpenAPI document: each event type is an OpenAPI 3.1 top-level webhook, so /docs
// shows the body every endpoint receives for it.
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { EVENT_CATALOG, EVENT_TYPES } from './catalog';

export function registerEventWebhooks(registry: OpenAPIHono['openAPIRegistry']) {
  for (const type of EVENT_TYPES) {
    const entry = EVENT_CATALOG[type];
    registry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['Events'],
      summary: entry.description,
      description:
        'Signed as Standard Webhooks: webhook-id (the event id, stable across retries), webhook-timestamp, webhook-signature.',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                type: z.literal(type),
                timestamp: z.string().describe('When the event happened (ISO 8601)'),
                id: z.string().describe('The event id (also the webhook-id header)'),
                seq: z.number().int().nullable().describe('The event’s place in GET /v1/events'),
                data: entry.data,
              }),
            },
          },
        },
      },
      responses: { 200: { description: 'Any 2xx within 15 s acknowledges the delivery' } },
    });
  }
}
