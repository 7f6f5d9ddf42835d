// A notification as clients receive it (the API and the user's live room) and the room's messages. Apart from
// zod it imports nothing, so the dashboard can import these types without the server's code.
import { z } from '@hono/zod-openapi';

export const NOTIFICATION_TYPES = [
  'task_needs_review',
  'engagement_requested',
  'engagement_accepted',
  'payout_sent',
  'payment_failed',
  'review_reminder',
  'review_overdue',
  'request_reminder',
  'engagement_declined',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What a client needs to word a notification in its own language: ids, names, titles, amounts. */
export const notificationDataSchema = z
  .object({
    engagement_id: z.string().optional(),
    engagement_title: z.string().optional(),
    task_id: z.string().optional(),
    task_title: z.string().optional(),
    confidence: z.number().nullable().optional().openapi({ description: 'AI confidence 0–100' }),
    company_name: z.string().optional(),
    expert_name: z.string().optional(),
    payout_id: z.string().optional(),
    week: z.string().optional().openapi({ example: '2026-W47' }),
    payment_id: z.string().optional(),
    purpose: z.enum(['engagement', 'credits']).optional(),
    amount: z.number().int().optional().openapi({ description: 'Minor units' }),
    currency: z.string().optional(),
    reason: z.string().optional().openapi({
      description: 'Why a payment failed; for a declined request, `expired` when nobody answered in time',
    }),
    waiting_hours: z.number().int().optional().openapi({ description: 'How long it has waited' }),
    expires_at: z.string().optional().openapi({ description: 'When an unanswered request expires' }),
  })
  .openapi('NotificationData');

export type NotificationData = z.infer<typeof notificationDataSchema>;

export const notificationSchema = z
  .object({
    id: z.string().openapi({ example: 'ntf_01JABCDEFGHJKMNPQRSTVWXYZ0' }),
    type: z.enum(NOTIFICATION_TYPES).openapi({
      description:
        'task_needs_review (to the engaged expert), engagement_requested (expert), engagement_accepted (company members), payout_sent (expert), payment_failed (company members), review_reminder (expert: a result waits a day), review_overdue (company members: it waits three days), request_reminder (expert: a request waits two days), engagement_declined (company members: declined, or expired unanswered)',
    }),
    data: notificationDataSchema,
    link: z
      .string()
      .openapi({ description: 'The dashboard page it concerns (a path)', example: '/reviews/tsk_…' }),
    event_id: z.string().openapi({ description: 'The event it tells of (GET /v1/events)' }),
    created_at: z.string(),
    read_at: z.string().nullable(),
  })
  .openapi('Notification');

export type NotificationView = z.infer<typeof notificationSchema>;

/**
 * What the user's room (GET /v1/notifications/room) pushes, as `{seq, type, data, at}` like an engagement
 * room: `notification.created` with the notification as `data`; `notifications.read` with `{unread}` when
 * another tab or client marked some read; `review_queue.changed` when a task entered or left review (read
 * the summary again). Presence messages also arrive (one per tab) and can be ignored.
 */
export const USER_ROOM_MESSAGES = {
  created: 'notification.created',
  read: 'notifications.read',
  reviewQueue: 'review_queue.changed',
} as const;

/** The `data` of each message the user's room pushes, by its type. */
export interface UserRoomData {
  [USER_ROOM_MESSAGES.created]: NotificationView;
  [USER_ROOM_MESSAGES.read]: { unread: number };
  /** The task that entered or left review, and the event that moved it. */
  [USER_ROOM_MESSAGES.reviewQueue]: { task_id: string | null; event: string };
}

/** `{type, data}` of every user-room message, one union: checking `type` narrows `data`. */
export type UserRoomEvent = {
  [K in keyof UserRoomData]: { type: K; data: UserRoomData[K] };
}[keyof UserRoomData];
