// Who reacts to which event — the one place to look. Each handler runs at most once per event id.

import { emailAlertChange } from '../modules/alerts/handlers';
import { prorateOnEnd } from '../modules/billing/proration';
import { startBillingOnAccept } from '../modules/billing/service';
import { refundFailedTask } from '../modules/credits/service';
import {
  invoiceOnPeriodBilled,
  reportOnEngagementCompleted,
  statementOnPayoutCompleted,
} from '../modules/documents/handlers';
import {
  emailEngagementAccepted,
  emailEngagementRequested,
  emailPaymentDisputed,
  emailPaymentOverdue,
  emailPayoutSent,
  emailTaskCompleted,
  emailTaskNeedsReview,
  emailWebhookEndpointDisabled,
} from '../modules/email/handlers';
import { syncBatchRows } from '../modules/extraction-batches/sync';
import { notifyConcerned, signalReviewQueue } from '../modules/notifications/handlers';
import { pushToRoom } from '../modules/rooms/publish';
import { reopenJobTask, settleJobTask } from '../modules/tasks/jobs';
import { fanOutToWebhooks } from '../modules/webhook-endpoints/deliver';
import type { HandlerRegistry } from './dispatch';

export const eventHandlers: HandlerRegistry = {
  // Every event of an engagement reaches its live room; every event, the endpoints subscribed to it. Events
  // that concern someone in particular notify them first (in-app, then by email).
  '*': [pushToRoom, fanOutToWebhooks],
  'engagement.requested': [notifyConcerned, emailEngagementRequested],
  'engagement.accepted': [notifyConcerned, emailEngagementAccepted, startBillingOnAccept],
  'engagement.completed': [prorateOnEnd, reportOnEngagementCompleted],
  'engagement.cancelled': [prorateOnEnd],
  'task.needs_review': [notifyConcerned, signalReviewQueue, emailTaskNeedsReview],
  'task.reviewed': [signalReviewQueue],
  'task.completed': [emailTaskCompleted],
  'task.failed': [refundFailedTask],
  'payout.completed': [notifyConcerned, emailPayoutSent, statementOnPayoutCompleted],
  'billing.period_billed': [invoiceOnPeriodBilled],
  'payment.disputed': [emailPaymentDisputed],
  'payment.failed': [notifyConcerned, emailPaymentOverdue],
  'webhook_endpoint.disabled': [emailWebhookEndpointDisabled],
  'alert.opened': [emailAlertChange],
  'alert.resolved': [emailAlertChange],
  // A LEADS task settles from its extraction's end; a redriven extraction reopens it. Batch rows follow
  // their site's extraction the same way.
  'extraction.completed': [settleJobTask, syncBatchRows],
  'extraction.failed': [settleJobTask, syncBatchRows],
  'extraction.progress': [reopenJobTask, syncBatchRows],
};
