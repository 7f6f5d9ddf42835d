// Which events concern whom, and what their notification holds: one recipe per event type. A recipe reads
// what the event leaves out (titles, names), so a client can word the notification without asking again.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { engagements, experts, orgs } from '../../db/schema';
import type { EventType } from '../../events/catalog';
import type { EventMessage } from '../../events/message';
import { expertPeople, orgPeople } from '../users/people';
import type { NotificationData, NotificationType } from './notification';

/** Who a notification is for (a `Person` from users/people, or anyone with these three). */
export interface Recipient {
  id: string;
  orgId: string | null;
  expertId: string | null;
}

export interface Draft {
  type: NotificationType;
  link: string;
  data: NotificationData;
  recipients: Recipient[];
}

type Recipe = (db: Db, event: EventMessage) => Promise<Draft | null>;

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const int = (value: unknown) =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;

async function engagementOf(db: Db, event: EventMessage) {
  if (!event.engagement_id) return undefined;
  return db.query.engagements.findFirst({ where: eq(engagements.id, event.engagement_id) });
}

export const RECIPES: Partial<Record<EventType, Recipe>> = {
  'task.needs_review': async (db, event) => {
    const engagement = await engagementOf(db, event);
    const taskId = str(event.data.task_id);
    if (!engagement || !taskId) return null;
    const confidence = event.data.confidence;
    return {
      type: 'task_needs_review',
      link: `/reviews/${taskId}`,
      data: {
        task_id: taskId,
        task_title: str(event.data.title) ?? taskId,
        engagement_id: engagement.id,
        engagement_title: engagement.title,
        confidence: typeof confidence === 'number' ? confidence : null,
      },
      recipients: await expertPeople(db, engagement.expertId),
    };
  },

  'engagement.requested': async (db, event) => {
    const engagement = await engagementOf(db, event);
    if (!engagement) return null;
    const org = await db.query.orgs.findFirst({ where: eq(orgs.id, engagement.orgId) });
    return {
      type: 'engagement_requested',
      link: `/engagements/${engagement.id}`,
      data: {
        engagement_id: engagement.id,
        engagement_title: engagement.title,
        company_name: org?.name,
      },
      recipients: await expertPeople(db, engagement.expertId),
    };
  },

  'task.review_reminder': async (db, event) => {
    const engagement = await engagementOf(db, event);
    const taskId = str(event.data.task_id);
    if (!engagement || !taskId) return null;
    const toCompany = event.data.audience === 'company';
    return {
      type: toCompany ? 'review_overdue' : 'review_reminder',
      link: toCompany ? `/tasks/${taskId}` : `/reviews/${taskId}`,
      data: {
        task_id: taskId,
        task_title: str(event.data.title) ?? taskId,
        engagement_id: engagement.id,
        engagement_title: engagement.title,
        waiting_hours: int(event.data.waiting_hours),
      },
      recipients: toCompany
        ? await orgPeople(db, engagement.orgId)
        : await expertPeople(db, engagement.expertId),
    };
  },

  'engagement.request_reminder': async (db, event) => {
    const engagement = await engagementOf(db, event);
    if (!engagement) return null;
    const org = await db.query.orgs.findFirst({ where: eq(orgs.id, engagement.orgId) });
    return {
      type: 'request_reminder',
      link: `/engagements/${engagement.id}`,
      data: {
        engagement_id: engagement.id,
        engagement_title: engagement.title,
        company_name: org?.name,
        waiting_hours: int(event.data.waiting_hours),
        expires_at: str(event.data.expires_at),
      },
      recipients: await expertPeople(db, engagement.expertId),
    };
  },

  'engagement.declined': async (db, event) => {
    const engagement = await engagementOf(db, event);
    if (!engagement) return null;
    const expert = await db.query.experts.findFirst({ where: eq(experts.id, engagement.expertId) });
    return {
      type: 'engagement_declined',
      link: `/engagements/${engagement.id}`,
      data: {
        engagement_id: engagement.id,
        engagement_title: engagement.title,
        expert_name: expert?.name,
        reason: str(event.data.reason),
      },
      recipients: await orgPeople(db, engagement.orgId),
    };
  },

  'engagement.accepted': async (db, event) => {
    const engagement = await engagementOf(db, event);
    if (!engagement) return null;
    const expert = await db.query.experts.findFirst({ where: eq(experts.id, engagement.expertId) });
    return {
      type: 'engagement_accepted',
      link: `/engagements/${engagement.id}`,
      data: {
        engagement_id: engagement.id,
        engagement_title: engagement.title,
        expert_name: expert?.name,
      },
      recipients: await orgPeople(db, engagement.orgId),
    };
  },

  'payout.completed': async (db, event) => {
    const payoutId = str(event.data.payout_id);
    const expertId = str(event.data.expert_id);
    if (!payoutId || !expertId) return null;
    return {
      type: 'payout_sent',
      link: `/payouts/${payoutId}`,
      data: {
        payout_id: payoutId,
        week: str(event.data.week),
        amount: int(event.data.amount),
        currency: str(event.data.currency),
      },
      recipients: await expertPeople(db, expertId),
    };
  },

  'payment.failed': async (db, event) => {
    const paymentId = str(event.data.payment_id);
    if (!paymentId || !event.org_id) return null;
    const credits = event.data.purpose === 'credits';
    const engagement = await engagementOf(db, event);
    return {
      type: 'payment_failed',
      link: credits ? '/credits' : '/payments',
      data: {
        payment_id: paymentId,
        purpose: credits ? 'credits' : 'engagement',
        amount: int(event.data.amount),
        currency: str(event.data.currency),
        reason: str(event.data.reason),
        engagement_id: engagement?.id,
        engagement_title: engagement?.title,
      },
      recipients: await orgPeople(db, event.org_id),
    };
  },
};
