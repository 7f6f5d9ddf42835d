// The event catalog: every event Engage records, once, as a name and the zod schema of its `data`. Recording
// an event is typed by its name (lib/outbox), the room, webhook bodies and `GET /v1/events` carry these
// shapes, the OpenAPI document lists each under `webhooks`, and `GET /v1/event-types` serves them as JSON
// Schema. Schemas are loose (unknown keys pass): a consumer must tolerate fields added later, and so do we.
import { z } from '@hono/zod-openapi';

const id = (prefix: string) => z.string().startsWith(`${prefix}_`);
const money = { amount: z.number().int().describe('Minor units'), currency: z.string().length(3) };

const engagementChange = z.object({
  engagement_id: id('eng'),
  from: z.string(),
  to: z.string(),
  actor_id: z.string().describe('The user who took the step, or `system` for the platform'),
  reason: z
    .string()
    .optional()
    .describe('Why the platform took the step: `expired` for a request unanswered for 14 days'),
});

const moduleChange = z.object({
  engagement_id: id('eng'),
  module: z.string(),
  error: z.string().optional(),
});

/** Every task event: the task and, for a transition, its step. Extras depend on the step. */
const taskChange = z.object({
  task_id: id('tsk'),
  title: z.string(),
  module: z.string(),
  type: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  priority: z.enum(['low', 'normal', 'high']).optional(),
  confidence: z.number().nullable().optional().describe('AI confidence 0–100'),
  threshold: z.number().optional().describe('The engagement’s review threshold'),
  reviewed: z.boolean().optional().describe('Completed by an expert’s approval'),
  actor_id: z.string().optional().describe('The user who created the task'),
  reviewer_id: z.string().optional().describe('The expert who reviewed it'),
  error: z.string().optional(),
  fault: z
    .enum(['input', 'platform'])
    .optional()
    .describe(
      'Why a task failed: its own document or input (it keeps its credits), or the platform (refunded)',
    ),
  reason: z.string().optional(),
  extraction_id: z.string().optional(),
});

const extractionChange = z.object({
  extraction_id: id('ext'),
  task_id: z.string().nullable(),
  url: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  progress: z.number().optional(),
  page: z
    .object({ url: z.string(), page_type: z.string().nullable(), status_code: z.number().nullable() })
    .optional(),
  confidence: z.number().optional(),
  entities: z.number().int().optional(),
  pages: z.number().int().optional(),
  error: z.string().optional(),
  reason: z.string().optional(),
});

const batchCounts = z
  .object({
    total: z.number().int(),
    queued: z.number().int(),
    running: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    cancelled: z.number().int(),
  })
  .describe('Rows per status');

const batchChange = z.object({
  batch_id: id('exb'),
  status: z.enum(['running', 'completed', 'cancelled']),
  counts: batchCounts,
  cancel_requested: z.boolean().optional(),
});

const paymentChange = z.object({
  payment_id: id('pay'),
  purpose: z.enum(['engagement', 'credits']).optional().describe('credits: a pack of AI credits'),
  expert_id: z.string().nullable().describe('Null for a credits purchase'),
  credits: z.number().int().optional().describe('Credits a pack adds once paid'),
  ...money,
  reason: z.string().optional().describe('Why it failed'),
  code: z.string().nullable().optional(),
  fee: z.number().int().optional().describe('Platform fee kept, minor units'),
  credited: z.number().int().optional().describe('Credited to the expert’s balance, minor units'),
  amount_refunded: z.number().int().optional(),
  debit: z.number().int().optional().describe('Taken back from the expert’s balance, minor units'),
  next_attempt_at: z
    .string()
    .nullable()
    .optional()
    .describe('A failed invoice Stripe retries: its next attempt; null when Stripe gave up (overdue)'),
});

const payoutChange = z.object({
  payout_id: id('po'),
  expert_id: z.string(),
  week: z.string(),
  currency: z.string().length(3),
  amount: z.number().int().optional(),
  attempt: z.number().int().optional(),
  transfer_id: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
});

const emailChange = z.object({
  email_id: id('eml'),
  template: z.string(),
  to: z.string(),
  provider: z.string().optional(),
  /** The bulk send or weekly summary the email belongs to. */
  job_id: id('ejb').optional(),
});

// Generic over the shape, not the schema: `.loose()` on a `T extends ZodObject` would type every entry's data
// as the constraint's shape (any key, unknown values), and recording would not be typed at all.
const entry = <S extends z.ZodRawShape>(description: string, data: z.ZodObject<S>) => ({
  description,
  data: data.loose(),
});

export const EVENT_CATALOG = {
  'engagement.requested': entry(
    'A company asked an expert to take an engagement',
    z.object({ engagement_id: id('eng'), expert_id: z.string(), title: z.string(), actor_id: z.string() }),
  ),
  'engagement.accepted': entry('The expert accepted: the engagement is active', engagementChange),
  'engagement.declined': entry('The expert declined the request', engagementChange),
  'engagement.request_reminder': entry(
    'A request waited two days unanswered: the expert is reminded (it expires after fourteen)',
    z.object({
      engagement_id: id('eng'),
      expert_id: z.string(),
      title: z.string(),
      waiting_hours: z.number().int().describe('How long it has waited'),
      expires_at: z.string().describe('When it expires unanswered'),
    }),
  ),
  'engagement.completed': entry('The engagement ended as agreed', engagementChange),
  'engagement.cancelled': entry('The company cancelled the engagement', engagementChange),
  'module.installed': entry('An AI module of the engagement is ready', moduleChange),
  'module.failed': entry('An AI module could not be installed', moduleChange),
  'module.uninstalled': entry('An AI module was removed with the engagement’s end', moduleChange),
  'task.created': entry('A task was created and queued', taskChange),
  'task.started': entry('A worker started the task', taskChange),
  'task.completed': entry('The task completed (confident, or approved by the expert)', taskChange),
  'task.needs_review': entry('The result is uncertain: the expert reviews it', taskChange),
  'task.reviewed': entry('The expert approved or rejected the result', taskChange),
  'task.review_reminder': entry(
    'A result waited in review untouched: after a day the expert is reminded (audience expert), after three days the company is told (audience company)',
    taskChange.extend({
      audience: z.enum(['expert', 'company']),
      waiting_hours: z.number().int().describe('How long it has waited untouched'),
    }),
  ),
  'task.failed': entry('The task failed', taskChange),
  'task.requeued': entry('The task went back to the queue (recovered or redriven)', taskChange),
  'extraction.progress': entry('A lead extraction started, fetched a page or was requeued', extractionChange),
  'extraction.completed': entry('A lead extraction finished with its entities', extractionChange),
  'extraction.failed': entry('A lead extraction failed', extractionChange),
  'batch.progress': entry(
    'An extraction batch was accepted, or some of its rows changed status (counts per status)',
    batchChange,
  ),
  'extraction_batch.completed': entry(
    'Every row of an extraction batch is done (status completed), or it was cancelled and its running rows finished (status cancelled)',
    batchChange,
  ),
  'file.uploaded': entry(
    'A file was stored',
    z.object({
      file_id: id('fil'),
      name: z.string(),
      size: z.number().int(),
      mime_type: z.string(),
      purpose: z.string(),
    }),
  ),
  'payment.succeeded': entry('The company’s payment was collected', paymentChange),
  'payment.failed': entry('The payment failed', paymentChange),
  'payment.refunded': entry('The payment was refunded in full', paymentChange),
  'payment.voided': entry('The billed period’s invoice was voided: nothing is owed for it', paymentChange),
  'payment.disputed': entry(
    'The company’s bank disputed the payment: the expert’s share of it is held back from the next payout',
    paymentChange.extend({
      dispute_id: z.string(),
      disputed: z.number().int().describe('Minor units the bank took back'),
      debit: z.number().int().describe('The expert’s share of it, debited'),
      reason: z.string().nullable(),
    }),
  ),
  'payment.dispute_closed': entry(
    'The dispute was decided: won gives the expert their share back, lost keeps the debit',
    paymentChange.extend({
      dispute_id: z.string(),
      outcome: z.enum(['won', 'lost']),
      credited: z.number().int().describe('Given back to the expert (0 when lost)'),
    }),
  ),
  'alert.opened': entry(
    'An operations rule fired (admins are emailed once per incident)',
    z.object({ alert_id: id('alr'), rule: z.string(), detail: z.string(), value: z.number().nullable() }),
  ),
  'alert.resolved': entry(
    'The rule holds again: the incident is closed (admins are emailed)',
    z.object({ alert_id: id('alr'), rule: z.string(), detail: z.string(), value: z.number().nullable() }),
  ),
  'billing.period_billed': entry(
    'A period of the engagement’s rate began and was billed: its payment waits for collection',
    z.object({
      engagement_id: id('eng'),
      period_id: id('bp'),
      payment_id: id('pay'),
      n: z.number().int().describe('0 for the first period'),
      start: z.string().describe('First day (UTC)'),
      end: z.string().describe('The next period’s first day'),
      ...money,
    }),
  ),
  'document.generated': entry(
    'A PDF was generated and stored: an invoice, a self-billing statement or an engagement report',
    z.object({
      document_id: id('doc'),
      kind: z.enum(['invoice', 'payout_statement', 'engagement_report']),
      number: z.string(),
      source_id: z.string().describe('The billing period, payout or engagement it was made for'),
      engagement_id: z.string().nullable(),
      expert_id: z.string().nullable(),
      size: z.number().int(),
      sha256: z.string(),
    }),
  ),
  'payout.prepared': entry('The week’s payout to an expert was prepared', payoutChange),
  'payout.processing': entry(
    'A payout run claimed the payout (reserved: runs claim in bulk silently)',
    payoutChange,
  ),
  'payout.completed': entry('The payout was transferred', payoutChange),
  'payout.failed': entry('The payout transfer failed; it is tried again', payoutChange),
  'payout.skipped': entry('No connected account: the balance moves to next week', payoutChange),
  'email.sent': entry('An email was handed to the provider', emailChange),
  'email.delivered': entry('The provider delivered the email', emailChange),
  'email.opened': entry('The recipient opened the email', emailChange),
  'email.clicked': entry('The recipient clicked a link in the email', emailChange),
  'email.bounced': entry('The email bounced', emailChange),
  'webhook_endpoint.disabled': entry(
    'A webhook endpoint was disabled (410 Gone, or failing for 5 days)',
    z.object({ endpoint_id: id('whe'), url: z.string(), reason: z.string() }),
  ),
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventData<T extends EventType = EventType> = z.infer<(typeof EVENT_CATALOG)[T]['data']>;
/** `{type, data}` of every event type, one union: checking `type` narrows `data` (outbox, room, webhook body). */
export type CatalogEvent<T extends EventType = EventType> = { [K in T]: { type: K; data: EventData<K> } }[T];

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

export const isEventType = (name: string): name is EventType => Object.hasOwn(EVENT_CATALOG, name);

/** Events every party of an engagement may see; the rest (email.*) reach only their own company or admins. */
export const eventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/** The event as every channel carries it: webhook bodies, `GET /v1/events`, the room. */
export const eventEnvelopeSchema = z
  .object({
    id: z.string().startsWith('evt_'),
    seq: z.number().int().describe('Position in the one event sequence: the cursor of every channel'),
    type: eventTypeSchema,
    data: z.record(z.string(), z.unknown()),
    at: z.string().describe('When it happened (ISO 8601)'),
  })
  .openapi('Event');

/** `data` read against its type's schema; an event of an unknown type is reported, never thrown. */
export function parseEventData(type: string, data: unknown) {
  if (!isEventType(type)) return { success: false as const, error: `unknown event type ${type}` };
  const parsed = EVENT_CATALOG[type].data.safeParse(data);
  return parsed.success
    ? { success: true as const, data: parsed.data }
    : { success: false as const, error: parsed.error.message };
}
