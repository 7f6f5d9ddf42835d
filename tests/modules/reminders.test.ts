// Reminders that wait: a result in review reminds its expert after a day and tells the company after three;
// an unanswered request reminds the expert after two days and expires (declined, reason `expired`) after
// fourteen. Each waits in a ReminderTimer Durable Object (its alarm, in durable storage), fires once, and is
// cancelled by the answer. Time is moved by handing the timer the moment to run at.
import { abortAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ReminderTimer } from '../../durable-objects/reminder-timer';
import { createDb } from '../../src/db/client';
import { events } from '../../src/db/schema';
import { relayPending } from '../../src/events/relay';
import { fireReminder } from '../../src/modules/reminders/fire';
import { reminderTimer } from '../../src/modules/reminders/plan';
import { processTask } from '../../src/modules/tasks/process';
import {
  type Account,
  call,
  createAdmin,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';
import { activeEngagement, INCONSISTENT_INVOICE, insertTask, type Parties } from '../tasks/fixtures';

const db = createDb(env.DB);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function taskNeedingReview(parties: Parties) {
  const task = await insertTask(parties, { title: 'Odd invoice', input: { text: INCONSISTENT_INVOICE } });
  expect(await processTask(env, task.id)).toBe('needs_review');
  await relayPending(env);
  return task;
}

function timerOf(type: 'task' | 'engagement', id: string) {
  return reminderTimer(env, { type, id });
}

/** The timer's plan once the event that began the wait has been handled (the events queue runs it). */
async function plannedSteps(type: 'task' | 'engagement', id: string, count: number) {
  return waitFor(async () => {
    const plan = await timerOf(type, id).pending();
    return plan.steps.length === count ? plan : undefined;
  });
}

/** Runs the subject's timer as if it were `at`: everything due by then fires. */
async function runTimerAt(type: 'task' | 'engagement', id: string, at: number) {
  await runInDurableObject(timerOf(type, id), (instance: ReminderTimer) => instance.runDue(at));
}

async function eventRows(type: string, engagementId: string) {
  return db.query.events.findMany({
    where: and(eq(events.type, type), eq(events.engagementId, engagementId)),
  });
}

async function startOf(type: string, engagementId: string) {
  const [row] = await eventRows(type, engagementId);
  if (!row) throw new Error(`no ${type} event`);
  return Date.parse(row.createdAt);
}

async function notificationTypes(account: Account) {
  const { data } = await json(await call('/v1/notifications?limit=100', { token: account.token }));
  return (data as { type: string; data: Record<string, unknown> }[]).map((n) => n.type);
}

function notified(account: Account, type: string) {
  return waitFor(async () => {
    const { data } = await json(await call('/v1/notifications?limit=100', { token: account.token }));
    return (data as { type: string; data: Record<string, unknown> }[]).find((n) => n.type === type);
  });
}

async function emailed(adminToken: string, to: string, template: string) {
  return waitFor(async () => {
    const { data } = await json(
      await call(`/v1/admin/emails?to=${encodeURIComponent(to)}`, { token: adminToken }),
    );
    const found = (data as { id: string; template: string }[]).find((row) => row.template === template);
    return found ? json(await call(`/v1/admin/emails/${found.id}`, { token: adminToken })) : undefined;
  });
}

describe('a result waiting in review', () => {
  it('reminds the expert after a day and tells the company after three, each once', async () => {
    const parties = await activeEngagement(['CTAX']);
    const admin = await createAdmin();
    const task = await taskNeedingReview(parties);
    const start = await startOf('task.needs_review', parties.engagementId);

    const plan = await plannedSteps('task', task.id, 2);
    expect(plan.steps).toEqual([
      { kind: 'review_expert', due_at: start + DAY },
      { kind: 'review_company', due_at: start + 3 * DAY },
    ]);
    expect(plan.alarm).toBe(start + DAY);

    // Not yet due: nothing happens.
    await runTimerAt('task', task.id, start + DAY - 60_000);
    expect(await eventRows('task.review_reminder', parties.engagementId)).toHaveLength(0);

    await runTimerAt('task', task.id, start + DAY + 60_000);
    const reminder = await notified(parties.expert, 'review_reminder');
    expect(reminder.data).toMatchObject({ task_id: task.id, task_title: 'Odd invoice', waiting_hours: 24 });
    const email = await emailed(admin.token, parties.expert.email, 'reviewReminder');
    expect(email.subject).toBe('Still waiting for your review: Odd invoice');
    expect(await notificationTypes(parties.company)).not.toContain('review_overdue');
    expect((await timerOf('task', task.id).pending()).alarm).toBe(start + 3 * DAY);

    // The same moment again (a retried alarm) sends nothing twice.
    await runTimerAt('task', task.id, start + DAY + 120_000);
    expect(await eventRows('task.review_reminder', parties.engagementId)).toHaveLength(1);

    await runTimerAt('task', task.id, start + 3 * DAY + 60_000);
    const overdue = await notified(parties.company, 'review_overdue');
    expect(overdue.data).toMatchObject({ task_id: task.id, waiting_hours: 72 });
    const audiences = (await eventRows('task.review_reminder', parties.engagementId)).map(
      (e) => e.data.audience,
    );
    expect(audiences.sort()).toEqual(['company', 'expert']);
    expect(await timerOf('task', task.id).pending()).toEqual({ steps: [], alarm: null });
  });

  it('is cancelled by the review, and a reminder of a finished wait does nothing', async () => {
    const parties = await activeEngagement(['CTAX']);
    const task = await taskNeedingReview(parties);
    const start = await startOf('task.needs_review', parties.engagementId);
    await plannedSteps('task', task.id, 2);

    const reviewed = await call(`/v1/tasks/${task.id}/review`, {
      token: parties.expert.token,
      json: { approve: true },
    });
    expect(reviewed.status).toBe(200);
    await relayPending(env);
    expect(await plannedSteps('task', task.id, 0)).toEqual({ steps: [], alarm: null });

    // Even a timer that was never told (a lost cancel) finds the wait over in D1 and stays silent.
    const since = (await eventRows('task.needs_review', parties.engagementId))[0]?.id ?? '';
    expect(await fireReminder(env, { type: 'task', id: task.id, since }, 'review_expert')).toBe(false);
    await runTimerAt('task', task.id, start + 4 * DAY);
    expect(await eventRows('task.review_reminder', parties.engagementId)).toHaveLength(0);
  });

  it('keeps a newer wait planned when the end of an older one is handled after it', async () => {
    const id = 'tsk_out_of_order';
    const timer = timerOf('task', id);
    const older = 'evt_01A00000000000000000000000';
    const ended = 'evt_01B00000000000000000000000';
    const newer = 'evt_01C00000000000000000000000';
    const later = Date.now() + DAY;
    await timer.schedule({ type: 'task', id, since: newer }, [{ kind: 'review_expert', dueAt: later }]);
    await timer.cancel(ended); // ended the older wait (since `older`), delivered late
    expect((await timer.pending()).steps).toEqual([{ kind: 'review_expert', due_at: later }]);
    await timer.schedule({ type: 'task', id, since: older }, [{ kind: 'review_company', dueAt: later }]);
    await timer.cancel(ended);
    expect((await timer.pending()).steps.map((s) => s.kind)).toEqual(['review_expert']);
  });

  it('sends one reminder when two timers fire at the same moment', async () => {
    const parties = await activeEngagement(['CTAX']);
    const task = await taskNeedingReview(parties);
    const since = (await eventRows('task.needs_review', parties.engagementId))[0]?.id ?? '';
    const subject = { type: 'task' as const, id: task.id, since };
    const fired = await Promise.all([
      fireReminder(env, subject, 'review_expert'),
      fireReminder(env, subject, 'review_expert'),
      fireReminder(env, subject, 'review_expert'),
    ]);
    expect(fired.filter(Boolean)).toHaveLength(1);
    expect(await eventRows('task.review_reminder', parties.engagementId)).toHaveLength(1);
  });
});

describe('an engagement request nobody answers', () => {
  it('reminds the expert after two days and expires after fourteen, declined with the reason', async () => {
    const company = await signupCompany('Hafenwerk AG');
    const expert = await signupExpert();
    const admin = await createAdmin();
    const engagement = await requestEngagement(company, expert.expertId ?? '', { title: 'Port tender' });
    await relayPending(env);
    const start = await startOf('engagement.requested', engagement.id);
    const plan = await plannedSteps('engagement', engagement.id, 2);
    expect(plan.steps).toEqual([
      { kind: 'request_expert', due_at: start + 2 * DAY },
      { kind: 'request_expiry', due_at: start + 14 * DAY },
    ]);

    await runTimerAt('engagement', engagement.id, start + 2 * DAY + 60_000);
    const reminder = await notified(expert, 'request_reminder');
    expect(reminder.data).toMatchObject({ engagement_id: engagement.id, company_name: 'Hafenwerk AG' });
    expect(Date.parse(String(reminder.data.expires_at))).toBe(Date.parse(engagement.created_at) + 14 * DAY);
    const email = await emailed(admin.token, expert.email, 'requestReminder');
    expect(email.subject).toBe('Hafenwerk AG is waiting for your answer');

    await runTimerAt('engagement', engagement.id, start + 14 * DAY + 60_000);
    const after = await json(await call(`/v1/engagements/${engagement.id}`, { token: company.token }));
    expect(after.status).toBe('declined');
    const [declined] = await eventRows('engagement.declined', engagement.id);
    expect(declined?.data).toMatchObject({
      from: 'pending',
      to: 'declined',
      actor_id: 'system',
      reason: 'expired',
    });
    const told = await notified(company, 'engagement_declined');
    expect(told.data).toMatchObject({ engagement_id: engagement.id, reason: 'expired' });
    const expiredEmail = await emailed(admin.token, company.email, 'engagementDeclined');
    expect(expiredEmail.subject).toBe('Your request expired: Port tender');

    // The timeline says it in facts a client can word: the platform declined it, because it expired.
    const { data: activity } = await json(
      await call(`/v1/engagements/${engagement.id}/activity`, { token: company.token }),
    );
    expect(activity.find((a: { type: string }) => a.type === 'engagement.declined')).toMatchObject({
      actor: null,
      details: { reason: 'expired' },
      summary: 'The request expired unanswered',
    });
    expect(activity.find((a: { type: string }) => a.type === 'engagement.request_reminder')).toBeDefined();

    // Too late to accept; and the expiry, fired again, changes nothing.
    const accept = await call(`/v1/engagements/${engagement.id}/accept`, {
      method: 'POST',
      token: expert.token,
    });
    expect(accept.status).toBe(409);
    const subject = { type: 'engagement' as const, id: engagement.id, since: '' };
    expect(await fireReminder(env, subject, 'request_expiry')).toBe(false);
    expect(await eventRows('engagement.declined', engagement.id)).toHaveLength(1);
  });

  it('stops waiting once the expert answers', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    await relayPending(env);
    await plannedSteps('engagement', engagement.id, 2);
    const accepted = await call(`/v1/engagements/${engagement.id}/accept`, {
      method: 'POST',
      token: expert.token,
    });
    expect(accepted.status).toBe(200);
    await relayPending(env);
    expect(await plannedSteps('engagement', engagement.id, 0)).toEqual({ steps: [], alarm: null });
    const subject = { type: 'engagement' as const, id: engagement.id, since: '' };
    expect(await fireReminder(env, subject, 'request_expiry')).toBe(false);
    expect(await fireReminder(env, subject, 'request_expert')).toBe(false);
    const now = await json(await call(`/v1/engagements/${engagement.id}`, { token: company.token }));
    expect(now.status).toBe('active');
  });

  it('keeps its plan and alarm across a restart of the timer', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    await relayPending(env);
    const before = await plannedSteps('engagement', engagement.id, 2);
    await abortAllDurableObjects();
    expect(await timerOf('engagement', engagement.id).pending()).toEqual(before);
  });
});
