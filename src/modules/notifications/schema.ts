// The notification centre's shapes: a notification, the list and summary answers, the read request, and the
// messages the user's live room pushes.
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../lib/pagination';

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

export const notificationListQuerySchema = listQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .openapi({ description: 'true: only the unread ones' }),
});

export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationPageSchema = z
  .object({
    data: z.array(notificationSchema),
    next_cursor: z.string().nullable(),
    unread_count: z.number().int().openapi({ description: 'All unread notifications of the user' }),
  })
  .openapi('NotificationPage');

const idList = z.array(z.string().min(1).max(64)).min(1).max(100);

export const readBodySchema = z
  .union([z.object({ ids: idList }).strict(), z.object({ all: z.literal(true) }).strict()])
  .openapi('NotificationRead', {
    description:
      '`{ids: [...]}` marks those read (ids that are not yours are ignored); `{all: true}` marks every one',
  });

export type ReadBody = z.infer<typeof readBodySchema>;

export const readResultSchema = z
  .object({
    marked: z.number().int().openapi({ description: 'How many were unread and are read now' }),
    unread_count: z.number().int(),
  })
  .openapi('NotificationReadResult');

export const summarySchema = z
  .object({
    unread: z.number().int().openapi({ description: 'Unread notifications' }),
    review_queue: z.number().int().openapi({
      description:
        "Tasks waiting in needs_review that concern you: an expert's engagements, a company's own, all for admins",
    }),
  })
  .openapi('NotificationSummary');

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
