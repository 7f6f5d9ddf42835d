// Event handlers that generate documents: the invoice when a period is billed, the self-billing statement
// when a payout completes, the report when an engagement completes. Idempotent by (kind, source): a
// redelivered event finds the document it made (or finishes the one it claimed) and changes nothing.
import { createDb } from '../../db/client';
import type { EventHandler } from '../../events/dispatch';
import { generateDocument } from './service';
import { invoiceDraft, reportDraft, statementDraft } from './sources';

export const invoiceOnPeriodBilled: EventHandler = {
  name: 'documents.invoice',
  deduplicatesByEventId: true,
  async run(env, event) {
    const periodId = String(event.data.period_id ?? '');
    const db = createDb(env.DB);
    const draft = await invoiceDraft(env, db, periodId, event.created_at);
    if (draft) await generateDocument(env, db, draft, event.created_at);
  },
};

export const statementOnPayoutCompleted: EventHandler = {
  name: 'documents.payout_statement',
  deduplicatesByEventId: true,
  async run(env, event) {
    const db = createDb(env.DB);
    const draft = await statementDraft(env, db, String(event.data.payout_id ?? ''));
    if (draft) await generateDocument(env, db, draft, event.created_at);
  },
};

export const reportOnEngagementCompleted: EventHandler = {
  name: 'documents.engagement_report',
  deduplicatesByEventId: true,
  async run(env, event) {
    if (!event.engagement_id) return;
    const db = createDb(env.DB);
    const draft = await reportDraft(db, event.engagement_id, event.created_at);
    if (draft) await generateDocument(env, db, draft, event.created_at);
  },
};
