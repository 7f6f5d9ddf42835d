// GET /v1/engagements/:id/room: the WebSocket of an engagement's live room. Authentication (header or
// ?token=, since browsers cannot set headers on an upgrade) and visibility are checked here, before the
// upgrade reaches the Durable Object: an outsider gets 401/404 and no socket.
import { createRoute, z } from '@hono/zod-openapi';
import { ROOM_HEADERS } from '../../../durable-objects/room-protocol';
import { ApiError } from '../../lib/errors';
import { bearerSecurity, createRouter, errorResponses } from '../../lib/openapi';
import { authenticate } from '../auth/middleware';

const roomRoute = createRoute({
  method: 'get',
  path: '/{id}/room',
  tags: ['Realtime'],
  security: bearerSecurity,
  summary: "Join the engagement's live room (WebSocket)",
  description:
    'Upgrade with `Upgrade: websocket`; authenticate with the Authorization header or `?token=`. Every event of the engagement arrives as `{seq, event_seq, type, data, at}`: `seq` counts the room\'s messages (presence included), `event_seq` is the event\'s place in the one event sequence (the cursor of `GET /v1/events` and the SSE stream, the `seq` of a webhook body). Reconnect with `?since=<last seq>`, or `?cursor=<last event_seq>`, to receive what you missed first. Send `{"type":"ping"}` to keep the connection alive.',
  middleware: [authenticate({ allowQueryToken: true })],
  request: {
    params: z.object({
      id: z
        .string()
        .max(64)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    query: z.object({
      since: z.coerce.number().int().min(0).optional(),
      cursor: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .openapi({ description: 'The last event_seq seen: the same cursor as GET /v1/events?since=' }),
      token: z.string().max(4096).optional(),
    }),
  },
  responses: {
    101: { description: 'Switching to the WebSocket protocol' },
    426: { description: 'Not a WebSocket upgrade' },
    ...errorResponses(401, 404, 422),
  },
});

export const roomRoutes = createRouter({ scope: 'engagements' }).openapi(roomRoute, async (c) => {
  const engagement = await c.var.scope.engagement(c.req.valid('param').id);
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'This endpoint only accepts a WebSocket upgrade', {
      headers: { Upgrade: 'websocket' },
    });
  }
  const room = c.env.ENGAGEMENT_ROOM.get(c.env.ENGAGEMENT_ROOM.idFromName(engagement.id));
  const headers = new Headers(c.req.raw.headers);
  headers.set(ROOM_HEADERS.engagement, engagement.id);
  headers.set(ROOM_HEADERS.user, c.var.principal.userId);
  headers.set(ROOM_HEADERS.role, c.var.principal.role);
  // The room closes the socket when the session token runs out.
  const { expiresAt } = c.var.principal;
  if (expiresAt !== undefined) headers.set(ROOM_HEADERS.expires, String(expiresAt));
  return room.fetch(new Request(c.req.url, { headers }));
});
