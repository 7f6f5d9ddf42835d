// Event handlers of the notification centre: the events that concern someone become their notifications
// (compose.ts says which and to whom), pushed live to each one's room; a task entering or leaving review
// tells the people who count it to read their review-queue badge again.
import { eq } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { engagements } from '../../db/schema';
import { isEventType } from '../../events/catalog';
import type { EventHandler } from '../../events/dispatch';
import { expertPeople, orgPeople } from '../users/people';
import { RECIPES } from './compose';
import { pushToUser } from './live';
import { USER_ROOM_MESSAGES } from './notification';
import { createNotifications, toNotificationView } from './service';

export const notifyConcerned: EventHandler = {
  name: 'notifications',
  // One row per user and event (unique index); the room stores each notification id once.
  deduplicatesByEventId: true,
  async run(env, event) {
    const recipe = isEventType(event.type) ? RECIPES[event.type] : undefined;
    if (!recipe) return;
    const db = createDb(env.DB);
    const draft = await recipe(db, event);
    if (!draft || draft.recipients.length === 0) return;
    const rows = await createNotifications(db, event.id, draft);
    await Promise.all(
      rows.map((row) =>
        pushToUser(env, row.userId, {
          id: row.id,
          type: USER_ROOM_MESSAGES.created,
          data: toNotificationView(row),
          at: row.createdAt,
        }),
      ),
    );
  },
};

/** task.needs_review and task.reviewed: the expert's and the company's review-queue counts changed. */
export const signalReviewQueue: EventHandler = {
  name: 'notifications.review_queue',
  deduplicatesByEventId: true, // keyed by the event in each room
  async run(env, event) {
    if (!event.engagement_id) return;
    const db = createDb(env.DB);
    const engagement = await db.query.engagements.findFirst({
      where: eq(engagements.id, event.engagement_id),
    });
    if (!engagement) return;
    const taskId = event.data.task_id;
    const people = [
      ...(await expertPeople(db, engagement.expertId)),
      ...(await orgPeople(db, engagement.orgId)),
    ];
    await Promise.all(
      people.map((person) =>
        pushToUser(env, person.id, {
          id: `${event.id}:review_queue`,
          type: USER_ROOM_MESSAGES.reviewQueue,
          data: { task_id: typeof taskId === 'string' ? taskId : null, event: event.type },
          at: event.created_at,
        }),
      ),
    );
  },
};
