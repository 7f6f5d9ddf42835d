// /v1/notifications: the signed-in user's notifications (list, mark read, the badges' summary) and their
// live room. Personal to each user, so people only: API keys, which act for a company, get 403.
import { createRoute, z } from '@hono/zod-openapi';
import { ROOM_HEADERS } from '../../../durable-objects/room-protocol';
import { ApiError } from '../../lib/errors';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi';
import { authenticate } from '../auth/middleware';
import { pushToUserQuietly, userRoom, userRoomName } from './live';
import { USER_ROOM_MESSAGES } from './notification';
import {
  notificationListQuerySchema,
  notificationPageSchema,
  readBodySchema,
  readResultSchema,
  summarySchema,
} from './schema';
import { listNotifications, markRead, notificationSummary } from './service';

const tags = ['Notifications'];

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearerSecurity,
  summary: 'Your notifications, newest first (?unread=true for the unread ones), with the unread count',
  request: { query: notificationListQuerySchema },
  responses: {
    200: jsonResponse('A page of notifications', notificationPageSchema),
    ...errorResponses(401, 403, 422),
  },
});

const summaryRoute = createRoute({
  method: 'get',
  path: '/summary',
  tags,
  security: bearerSecurity,
  summary: 'The badges: unread notifications, and tasks waiting for review that concern you',
  responses: { 200: jsonResponse('Counts', summarySchema), ...errorResponses(401, 403) },
});

const readRoute = createRoute({
  method: 'post',
  path: '/read',
  tags,
  security: bearerSecurity,
  summary: 'Mark notifications read: some by id, or all; answers the unread count left',
  request: { body: jsonBody(readBodySchema) },
  responses: {
    200: jsonResponse('Marked', readResultSchema),
    ...errorResponses(400, 401, 403, 413, 422),
  },
});

const roomRoute = createRoute({
  method: 'get',
  path: '/room',
  tags,
  security: bearerSecurity,
  summary: 'Your live room (WebSocket): notifications as they are made',
  description:
    'Upgrade with `Upgrade: websocket`; authenticate with the Authorization header or `?token=`. Messages arrive as `{seq, type, data, at}` like an engagement room\'s: `notification.created` (data: the Notification), `notifications.read` (data: `{unread}`, after a read elsewhere) and `review_queue.changed` (read GET /v1/notifications/summary again); presence messages count your open tabs. Reconnect with `?since=<last seq>` to receive what you missed first. Send `{"type":"ping"}` to keep the connection alive.',
  middleware: [authenticate({ allowQueryToken: true })],
  request: {
    query: z.object({
      since: z.coerce.number().int().min(0).optional(),
      token: z.string().max(4096).optional(),
    }),
  },
  responses: {
    101: { description: 'Switching to the WebSocket protocol' },
    426: { description: 'Not a WebSocket upgrade' },
    ...errorResponses(401, 403, 422),
  },
});

export const notificationRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    c.json(await listNotifications(c.var.db, c.var.principal.userId, c.req.valid('query')), 200),
  )
  .openapi(summaryRoute, async (c) => c.json(await notificationSummary(c.var.scope), 200))
  .openapi(readRoute, async (c) => {
    const { userId } = c.var.principal;
    const result = await markRead(c.var.db, userId, c.req.valid('json'));
    // The user's other tabs and devices count down too.
    if (result.marked > 0)
      await pushToUserQuietly(c.env, userId, {
        id: `read:${crypto.randomUUID()}`,
        type: USER_ROOM_MESSAGES.read,
        data: { unread: result.unread_count },
        at: new Date().toISOString(),
      });
    return c.json(result, 200);
  })
  .openapi(roomRoute, async (c) => {
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'This endpoint only accepts a WebSocket upgrade', {
        headers: { Upgrade: 'websocket' },
      });
    }
    const { userId, role, expiresAt } = c.var.principal;
    const headers = new Headers(c.req.raw.headers);
    headers.set(ROOM_HEADERS.engagement, userRoomName(userId));
    headers.set(ROOM_HEADERS.user, userId);
    headers.set(ROOM_HEADERS.role, role);
    // The room closes the socket when the session token runs out.
    if (expiresAt !== undefined) headers.set(ROOM_HEADERS.expires, String(expiresAt));
    return userRoom(c.env, userId).fetch(new Request(c.req.url, { headers }));
  });
