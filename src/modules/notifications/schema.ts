// The notification centre's request and response shapes: the list and summary answers and the read request
// (a notification itself and the live room's messages: notification.ts).
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../lib/pagination';
import { notificationSchema } from './notification';

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
