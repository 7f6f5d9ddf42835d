// A notification in words, in the chosen language: the sentence, and what it concerns (the engagement, a
// confidence, the week) where that helps.
import type { Schemas } from '../api/client';
import type { Translation } from '../i18n/define';
import { formatDate, formatMoney, formatPercent } from '../ui/format';
import type { notificationMessages } from './notifications-messages';

export type NotificationItem = Schemas['Notification'];
type Texts = Translation<typeof notificationMessages.en>;

/** What a notification says, in the chosen language, and what it concerns where that helps. */
export function describe(
  m: Texts,
  item: NotificationItem,
): { text: string; detail?: string; extra?: string } {
  const d = item.data;
  const amount = d.amount !== undefined && d.currency ? formatMoney(d.amount, d.currency) : '';
  switch (item.type) {
    case 'task_needs_review':
      return {
        text: m.taskNeedsReview(d.task_title ?? ''),
        detail: d.engagement_title,
        extra: typeof d.confidence === 'number' ? m.confidence(formatPercent(d.confidence)) : undefined,
      };
    case 'engagement_requested':
      return { text: m.engagementRequested(d.company_name ?? m.aCompany, d.engagement_title ?? '') };
    case 'engagement_accepted':
      return { text: m.engagementAccepted(d.expert_name ?? m.theExpert, d.engagement_title ?? '') };
    case 'payout_sent': {
      const week = /^(\d{4})-W(\d{2})$/.exec(d.week ?? '');
      return {
        text: m.payoutSent(amount),
        detail: week ? m.week(Number(week[2]), Number(week[1])) : undefined,
      };
    }
    case 'payment_failed':
      return {
        text: m.paymentFailed(amount),
        detail: d.purpose === 'credits' ? m.creditsPurchase : d.engagement_title,
      };
    case 'review_reminder':
      return {
        text: m.reviewReminder(d.task_title ?? '', d.waiting_hours ?? 24),
        detail: d.engagement_title,
      };
    case 'review_overdue':
      return { text: m.reviewOverdue(d.task_title ?? '', d.waiting_hours ?? 72), detail: d.engagement_title };
    case 'request_reminder':
      return {
        text: m.requestReminder(d.company_name ?? m.aCompany, d.engagement_title ?? ''),
        extra: d.expires_at ? m.expiresOn(formatDate(d.expires_at)) : undefined,
      };
    case 'engagement_declined':
      return {
        text:
          d.reason === 'expired'
            ? m.engagementExpired(d.engagement_title ?? '')
            : m.engagementDeclined(d.expert_name ?? m.theExpert, d.engagement_title ?? ''),
      };
  }
}
