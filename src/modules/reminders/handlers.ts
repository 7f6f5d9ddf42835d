// Event handlers that start and end waits: a task entering review and a new engagement request plan their
// reminders in the subject's ReminderTimer; the end of the wait cancels them. Both are idempotent (planning
// the same wait twice keeps its times; cancelling twice is a no-op).
import type { EventHandler } from '../../events/dispatch';
import type { EventMessage } from '../../events/message';
import { type ReminderSubject, reminderTimer, stepsFor } from './plan';

function subjectOf(event: EventMessage): ReminderSubject | null {
  const taskId = event.data.task_id;
  if (typeof taskId === 'string') return { type: 'task', id: taskId, since: event.id };
  const engagementId = event.data.engagement_id;
  if (typeof engagementId === 'string') return { type: 'engagement', id: engagementId, since: event.id };
  return null;
}

/** task.needs_review, engagement.requested: the wait begins now. */
export const planReminders: EventHandler = {
  name: 'reminders.plan',
  deduplicatesByEventId: true, // the timer keeps one step per kind and wait
  async run(env, event) {
    const subject = subjectOf(event);
    if (!subject) return;
    await reminderTimer(env, subject).schedule(subject, stepsFor(subject.type, event.created_at));
  },
};

/** task.reviewed, task.requeued; engagement.accepted, declined, cancelled: the wait is over. */
export const cancelReminders: EventHandler = {
  name: 'reminders.cancel',
  deduplicatesByEventId: true, // cancelling twice is cancelling once
  async run(env, event) {
    const subject = subjectOf(event);
    if (subject) await reminderTimer(env, subject).cancel(event.id);
  },
};
