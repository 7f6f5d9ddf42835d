// Event handlers that email people: the expert when requested, the company's members when accepted.
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config';
import { createDb, type Db } from '../../db/client';
import { billingPeriods, engagements, experts, orgs } from '../../db/schema';
import type { EventHandler } from '../../events/dispatch';
import type { EventMessage } from '../../events/message';
import { REQUEST_EXPIRED } from '../reminders/plan';
import { expertPeople, orgPeople, type Person } from '../users/people';
import { sendEmail } from './service';
import { formatDay, formatMoney, type RenderedEmail, type TemplateName, templatesFor } from './templates';

async function engagementContext(env: Env, event: EventMessage) {
  const db = createDb(env.DB);
  const engagementId = event.engagement_id;
  if (!engagementId) return null;
  const engagement = await db.query.engagements.findFirst({ where: eq(engagements.id, engagementId) });
  if (!engagement) return null;
  const [expert, org] = await Promise.all([
    db.query.experts.findFirst({ where: eq(experts.id, engagement.expertId) }),
    db.query.orgs.findFirst({ where: eq(orgs.id, engagement.orgId) }),
  ]);
  if (!expert || !org) return null;
  const url = `${loadConfig(env).APP_URL}/engagements/${engagement.id}`;
  return { db, engagement, expert, org, url };
}

type Templates = ReturnType<typeof templatesFor>;
type Recipient = Pick<Person, 'id' | 'email' | 'name' | 'locale'>;

/**
 * One email of `template` to each recipient, written in their language from `params`. The cause (event,
 * template, person) makes each message once, however often the event is handled.
 */
export async function emailEach<T extends TemplateName>(
  env: Env,
  db: Db,
  event: EventMessage,
  recipients: readonly Recipient[],
  template: T,
  params: (recipient: Recipient) => Parameters<Templates[T]>[0],
) {
  for (const recipient of recipients) {
    const render = templatesFor(recipient.locale)[template] as (
      p: Parameters<Templates[T]>[0],
    ) => RenderedEmail;
    await sendEmail(env, db, {
      template,
      to: recipient.email,
      cause: `${event.id}:${template}:${recipient.id}`,
      content: render(params(recipient)),
    });
  }
}

export const emailEngagementRequested: EventHandler = {
  name: 'email.engagement_requested',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, engagement, expert, org, url } = context;
    await emailEach(env, db, event, await expertPeople(db, expert.id), 'engagementRequested', (user) => ({
      expertName: expert.name,
      companyName: org.name,
      title: engagement.title,
      rate: formatMoney(engagement.rateAmount, engagement.rateCurrency, user.locale),
      interval: engagement.rateInterval,
      url,
    }));
  },
};

export const emailEngagementAccepted: EventHandler = {
  name: 'email.engagement_accepted',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, engagement, expert, org, url } = context;
    await emailEach(env, db, event, await orgPeople(db, org.id), 'engagementAccepted', (member) => ({
      memberName: member.name,
      expertName: expert.name,
      title: engagement.title,
      modules: engagement.modules,
      url,
    }));
  },
};

export const emailTaskNeedsReview: EventHandler = {
  name: 'email.task_needs_review',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, expert } = context;
    const taskId = String(event.data.task_id ?? '');
    await emailEach(env, db, event, await expertPeople(db, expert.id), 'taskNeedsReview', () => ({
      expertName: expert.name,
      taskTitle: String(event.data.title ?? taskId),
      confidence: Number(event.data.confidence ?? 0),
      url: `${loadConfig(env).APP_URL}/tasks/${taskId}`,
    }));
  },
};

/**
 * Members hear by email when a task they were waiting on was completed by the expert's review; tasks that
 * complete on their own show up live in the room and the dashboard, and an email each would be noise.
 */
export const emailTaskCompleted: EventHandler = {
  name: 'email.task_completed',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    if (event.data.reviewed !== true) return;
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, org } = context;
    const taskId = String(event.data.task_id ?? '');
    await emailEach(env, db, event, await orgPeople(db, org.id), 'taskCompleted', (member) => ({
      memberName: member.name,
      taskTitle: String(event.data.title ?? taskId),
      url: `${loadConfig(env).APP_URL}/tasks/${taskId}`,
    }));
  },
};

export const emailWebhookEndpointDisabled: EventHandler = {
  name: 'email.webhook_endpoint_disabled',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const db = createDb(env.DB);
    // A platform endpoint (no company) is the admins' to watch in the dashboard.
    if (!event.org_id) return;
    const { url, reason } = event.data as { url: string; reason: string };
    await emailEach(
      env,
      db,
      event,
      await orgPeople(db, event.org_id),
      'webhookEndpointDisabled',
      (member) => ({
        memberName: member.name,
        url,
        reason,
        settingsUrl: `${loadConfig(env).APP_URL}/webhooks`,
      }),
    );
  },
};

/** Both sides hear of a chargeback: the company (its bank disputed) and the expert (their share is held). */
export const emailPaymentDisputed: EventHandler = {
  name: 'email.payment_disputed',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, engagement, org, expert } = context;
    const { amount, currency } = event.data as { amount: number; currency: string };
    const url = `${loadConfig(env).APP_URL}/payments`;
    const expertSide = new Set((await expertPeople(db, expert.id)).map((person) => person.id));
    const people = [...(await orgPeople(db, org.id)), ...(await expertPeople(db, expert.id))];
    await emailEach(env, db, event, people, 'paymentDisputed', (person) => ({
      name: person.name,
      amount: formatMoney(amount, currency, person.locale),
      title: engagement.title,
      expertSide: expertSide.has(person.id),
      url,
    }));
  },
};

/** A period's collection failed for good: the company's members hear that the engagement's payment is overdue. */
export const emailPaymentOverdue: EventHandler = {
  name: 'email.payment_overdue',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const paymentId = String(event.data.payment_id ?? '');
    // Stripe retries the invoice (smart retries): not overdue yet; the last failure says so.
    if (event.data.next_attempt_at) return;
    const context = await engagementContext(env, event);
    if (!context || !paymentId) return;
    const { db, engagement, org, url } = context;
    const period = await db.query.billingPeriods.findFirst({
      where: eq(billingPeriods.paymentId, paymentId),
    });
    if (!period) return; // a payment made by hand: the company saw it fail as it paid
    const { amount, currency, reason } = event.data as { amount: number; currency: string; reason?: string };
    await emailEach(env, db, event, await orgPeople(db, org.id), 'paymentOverdue', (member) => ({
      name: member.name,
      amount: formatMoney(amount, currency, member.locale),
      title: engagement.title,
      periodStart: period.periodStart,
      reason: reason ?? null,
      url,
    }));
  },
};

/** A result waiting in review: a day on, its expert is reminded; three days on, the company's members are told. */
export const emailReviewReminder: EventHandler = {
  name: 'email.review_reminder',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, expert, org } = context;
    const taskId = String(event.data.task_id ?? '');
    const taskTitle = String(event.data.title ?? taskId);
    const hours = Number(event.data.waiting_hours ?? 0);
    const appUrl = loadConfig(env).APP_URL;
    if (event.data.audience === 'company') {
      await emailEach(env, db, event, await orgPeople(db, org.id), 'reviewOverdue', (member) => ({
        memberName: member.name,
        taskTitle,
        expertName: expert.name,
        hours,
        url: `${appUrl}/tasks/${taskId}`,
      }));
      return;
    }
    await emailEach(env, db, event, await expertPeople(db, expert.id), 'reviewReminder', () => ({
      expertName: expert.name,
      taskTitle,
      hours,
      url: `${appUrl}/reviews/${taskId}`,
    }));
  },
};

/** A request unanswered for two days: the expert is reminded, with the day it expires. */
export const emailRequestReminder: EventHandler = {
  name: 'email.request_reminder',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, engagement, expert, org, url } = context;
    const expiresAt = String(event.data.expires_at ?? '');
    await emailEach(env, db, event, await expertPeople(db, expert.id), 'requestReminder', (user) => ({
      expertName: expert.name,
      companyName: org.name,
      title: engagement.title,
      expires: expiresAt ? formatDay(expiresAt, user.locale ?? 'en') : '',
      url,
    }));
  },
};

/** The company hears when its request was declined, by the expert or because it expired unanswered. */
export const emailEngagementDeclined: EventHandler = {
  name: 'email.engagement_declined',
  deduplicatesByEventId: true, // sendEmail keys each message by event id, template and recipient
  async run(env, event) {
    const context = await engagementContext(env, event);
    if (!context) return;
    const { db, engagement, expert, org, url } = context;
    await emailEach(env, db, event, await orgPeople(db, org.id), 'engagementDeclined', (member) => ({
      memberName: member.name,
      expertName: expert.name,
      title: engagement.title,
      expired: event.data.reason === REQUEST_EXPIRED,
      url,
    }));
  },
};
