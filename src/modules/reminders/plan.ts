// Reminders that wait: what may wait too long, for how long, and who is told. A task in review reminds its
// expert after a day and tells the company after three; an engagement request reminds the expert after two
// days and expires (declined, with the reason) after fourteen. Each is planned when the wait begins (the
// event that starts it), sleeps in a ReminderTimer Durable Object, and fires at most once per wait.
const HOUR = 3_600_000;

export const REMINDERS = {
  /** A result in review untouched for a day: the expert is reminded. */
  review_expert: { after: 24 * HOUR, subject: 'task' },
  /** Still untouched after three days: the company is told it waits. */
  review_company: { after: 72 * HOUR, subject: 'task' },
  /** A request unanswered for two days: the expert is reminded. */
  request_expert: { after: 48 * HOUR, subject: 'engagement' },
  /** Unanswered for fourteen days: the request expires (declined, with the reason). */
  request_expiry: { after: 14 * 24 * HOUR, subject: 'engagement' },
} as const;

/** The `reason` of an engagement.declined event when nobody answered the request in time. */
export const REQUEST_EXPIRED = 'expired';

export type ReminderKind = keyof typeof REMINDERS;

/**
 * What waits. `since` is the id of the event that began the wait: a reminder fires only while the thing is
 * still in the state that event put it in (for a task: its last change is still that event), so a reminder
 * of an earlier wait can never fire for a later one.
 */
export interface ReminderSubject {
  type: 'task' | 'engagement';
  id: string;
  since: string;
}

export interface ReminderStep {
  kind: ReminderKind;
  /** Epoch milliseconds. */
  dueAt: number;
}

export function isReminderKind(kind: string): kind is ReminderKind {
  return Object.hasOwn(REMINDERS, kind);
}

/** The steps of every reminder of `type`, timed from when the wait began. */
export function stepsFor(type: ReminderSubject['type'], startedAt: string): ReminderStep[] {
  const start = Date.parse(startedAt);
  return (Object.keys(REMINDERS) as ReminderKind[])
    .filter((kind) => REMINDERS[kind].subject === type)
    .map((kind) => ({ kind, dueAt: start + REMINDERS[kind].after }));
}

/** Hours a reminder's wait lasted, as told to people ("waiting for 24 hours"). */
export const waitingHours = (kind: ReminderKind) => REMINDERS[kind].after / HOUR;

/** The Durable Object that keeps the reminders of one subject. */
export function reminderTimer(env: Env, subject: Pick<ReminderSubject, 'type' | 'id'>) {
  return env.REMINDER_TIMER.get(env.REMINDER_TIMER.idFromName(`${subject.type}:${subject.id}`));
}
