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
import { emailDocumentGenerated } from '../modules/email/document-emails';
import {
  emailEngagementAccepted,
  emailEngagementDeclined,
  emailEngagementRequested,
  emailPaymentDisputed,
  emailPaymentOverdue,
  emailRequestReminder,
  emailReviewReminder,
  emailTaskCompleted,
  emailTaskNeedsReview,
  emailWebhookEndpointDisabled,
} from '../modules/email/handlers';
import { syncBatchRows } from '../modules/extraction-batches/sync';
import { notifyMcpSubscribers } from '../modules/mcp/notify';
import { notifyConcerned, signalReviewQueue } from '../modules/notifications/handlers';
import { cancelReminders, planReminders } from '../modules/reminders/handlers';
import { pushToRoom } from '../modules/rooms/publish';
import { reopenJobTask, settleJobTask } from '../modules/tasks/jobs';
import type { HandlerRegistry } from './dispatch';

export const eventHandlers: HandlerRegistry = {
  // Every event of an engagement reaches its live room, and a change to a task or an extraction the MCP
  // sessions subscribed to that resource (webhook endpoints get theirs from the relay: events/relay.ts).
  // Events that concern someone in particular notify them first (in-app, then by email).
  '*': [pushToRoom, notifyMcpSubscribers],
  // A request and a result in review wait with reminders (modules/reminders) until they are answered.
  'engagement.requested': [notifyConcerned, emailEngagementRequested, planReminders],
  'engagement.request_reminder': [notifyConcerned, emailRequestReminder],
  'engagement.accepted': [notifyConcerned, emailEngagementAccepted, startBillingOnAccept, cancelReminders],
  'engagement.declined': [notifyConcerned, emailEngagementDeclined, cancelReminders],
  'engagement.completed': [prorateOnEnd, reportOnEngagementCompleted],
  'engagement.cancelled': [prorateOnEnd, cancelReminders],
  'task.needs_review': [notifyConcerned, signalReviewQueue, emailTaskNeedsReview, planReminders],
  'task.review_reminder': [notifyConcerned, emailReviewReminder],
  'task.reviewed': [signalReviewQueue, cancelReminders],
  'task.requeued': [cancelReminders],
  'task.completed': [emailTaskCompleted],
  'task.failed': [refundFailedTask],
  // The payout's email goes with its statement: sent once the statement exists, linking it.
  'payout.completed': [notifyConcerned, statementOnPayoutCompleted],
  'billing.period_billed': [invoiceOnPeriodBilled],
  // Each invoice, statement and report is emailed to whom it is for, linking the PDF.
  'document.generated': [emailDocumentGenerated],
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
