// What a reminder does when it is due, decided from D1 at that moment: nothing when the wait is over (the
// task was reviewed or touched, the request answered); otherwise one event, told by notifications, emails,
// webhooks and the room like any other; for an expired request, the engagement declined with the reason.
// Every write is guarded inside its batch, so a timer that fires twice, or races the person acting, changes
// nothing twice.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { engagements, remindersSent, tasks } from '../../db/schema';
import { relayPending } from '../../events/relay';
import { insertIf } from '../../lib/guarded-insert';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { stampedUpdate } from '../../lib/transition';
import { engagementMachine } from '../engagements/machine';
import { REMINDERS, REQUEST_EXPIRED, type ReminderKind, type ReminderSubject, waitingHours } from './plan';

/** Sends the reminder if its wait is still on; true when it did something. */
export async function fireReminder(env: Env, subject: ReminderSubject, kind: ReminderKind): Promise<boolean> {
  const db = createDb(env.DB);
  const fired =
    kind === 'request_expiry'
      ? await expireRequest(db, subject)
      : kind === 'request_expert'
        ? await remindOfRequest(db, subject)
        : await remindOfReview(db, subject, kind);
  if (fired) {
    // Its event goes out now rather than at the next five-minute sweep (which would still relay it).
    await relayPending(env).catch((error: unknown) =>
      log.error('relay after a reminder failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }
  return fired;
}

/**
 * The reminder's row and its event, both only while `stillWaiting` holds in the same transaction, and only
 * once per subject, kind and wait (the row's primary key): the event is guarded by the row written now.
 */
async function recordOnce(
  db: Db,
  subject: ReminderSubject,
  kind: ReminderKind,
  stillWaiting: SQL,
  event: (eventId: string, guard: SQL) => ReturnType<typeof recordEvent>,
) {
  const eventId = newId('event');
  const rowWritten = sql`EXISTS (SELECT 1 FROM reminders_sent WHERE event_id = ${eventId})`;
  const [inserted] = await db.batch([
    insertIf(db, remindersSent, { subjectId: subject.id, kind, since: subject.since, eventId }, stillWaiting)
      .onConflictDoNothing()
      .returning({ eventId: remindersSent.eventId }),
    event(eventId, rowWritten),
  ]);
  return inserted.length > 0;
}

/** A task still in review, untouched since the wait began (its last change is the event that began it). */
async function remindOfReview(db: Db, subject: ReminderSubject, kind: ReminderKind) {
  const task = await db.query.tasks.findFirst({ where: eq(tasks.id, subject.id) });
  if (task?.status !== 'needs_review' || task.lastEventId !== subject.since) return false;
  const stillWaiting = sql`EXISTS (SELECT 1 FROM tasks WHERE id = ${task.id} AND status = 'needs_review' AND last_event_id = ${subject.since})`;
  return recordOnce(db, subject, kind, stillWaiting, (eventId, guard) =>
    recordEvent(
      db,
      {
        id: eventId,
        type: 'task.review_reminder',
        engagementId: task.engagementId,
        orgId: task.orgId,
        data: {
          task_id: task.id,
          title: task.title,
          module: task.module,
          type: task.type,
          confidence: task.aiConfidence,
          audience: kind === 'review_company' ? 'company' : 'expert',
          waiting_hours: waitingHours(kind),
        },
      },
      { onlyIf: guard },
    ),
  );
}

async function pendingEngagement(db: Db, subject: ReminderSubject) {
  return db.query.engagements.findFirst({
    where: and(eq(engagements.id, subject.id), eq(engagements.status, 'pending')),
  });
}

async function remindOfRequest(db: Db, subject: ReminderSubject) {
  const engagement = await pendingEngagement(db, subject);
  if (!engagement) return false;
  const stillWaiting = sql`EXISTS (SELECT 1 FROM engagements WHERE id = ${engagement.id} AND status = 'pending')`;
  const expiresAt = new Date(Date.parse(engagement.createdAt) + REMINDERS.request_expiry.after).toISOString();
  return recordOnce(db, subject, 'request_expert', stillWaiting, (eventId, guard) =>
    recordEvent(
      db,
      {
        id: eventId,
        type: 'engagement.request_reminder',
        engagementId: engagement.id,
        orgId: engagement.orgId,
        data: {
          engagement_id: engagement.id,
          expert_id: engagement.expertId,
          title: engagement.title,
          waiting_hours: waitingHours('request_expert'),
          expires_at: expiresAt,
        },
      },
      { onlyIf: guard },
    ),
  );
}

/** Nobody answered: the platform declines the request (a guarded transition: once, and never after an answer). */
async function expireRequest(db: Db, subject: ReminderSubject) {
  const engagement = await pendingEngagement(db, subject);
  if (!engagement) return false;
  const step = engagementMachine.plan('expire', engagement.status, 'system');
  const { eventId, won, update } = stampedUpdate(db, engagements, engagement, { status: step.to });
  const [updated] = await db.batch([
    update,
    recordEvent(
      db,
      {
        id: eventId,
        type: step.event,
        engagementId: engagement.id,
        orgId: engagement.orgId,
        data: {
          engagement_id: engagement.id,
          from: step.from,
          to: step.to,
          actor_id: 'system',
          reason: REQUEST_EXPIRED,
        },
      },
      { onlyIf: won },
    ),
  ]);
  return updated.length > 0;
}
