// The metric series, declared once: stored ones (counted per hour by the rollup) and derived ones (computed
// from stored ones per bucket when read). How each aggregates over a longer step is part of its declaration:
// counts add up, percentiles keep the worst hour (a conservative bound: hourly percentiles cannot be merged
// exactly), snapshots keep the last value. Some are kept per module or per queue too, named
// `family:label` (`tasks.created:CTAX`, `queues.backlog:engage-tasks`), one declared series per label.
import { QUEUES } from '../../lib/queues';
import { MODULES } from '../ai/registry';

export type Aggregate = 'sum' | 'max' | 'last';

export interface StoredSeries {
  name: string;
  description: string;
  aggregate: Aggregate;
  /** Also kept per company (visible to it in GET /v1/metrics), not only platform-wide. */
  perOrg: boolean;
}

export interface DerivedSeries {
  name: string;
  description: string;
  perOrg: boolean;
  /** The stored series `derive` reads. */
  inputs: string[];
  /** From the bucket's stored values; null when there is nothing to say (no denominator). */
  derive: (value: (series: string) => number) => number | null;
}

const count = (name: string, description: string, perOrg = true): StoredSeries => ({
  name,
  description,
  aggregate: 'sum',
  perOrg,
});

/** The labels of the labelled families: AI modules by code, queues by name. */
export const MODULE_CODES = Object.keys(MODULES);
export const QUEUE_NAMES: string[] = Object.values(QUEUES);

/** A labelled series' name: `tasks.created:CTAX`. */
export const labelled = (family: string, label: string) => `${family}:${label}`;

const perLabel = (base: StoredSeries, labels: string[], what: string): StoredSeries[] =>
  labels.map((label) => ({
    ...base,
    name: labelled(base.name, label),
    description: `${base.description}, ${what} ${label}`,
  }));

/** Event types counted per hour, and the series each feeds. */
export const EVENT_COUNTS: Record<string, string> = {
  'task.created': 'tasks.created',
  'task.completed': 'tasks.completed',
  'task.needs_review': 'tasks.needs_review',
  'task.failed': 'tasks.failed',
  'extraction.completed': 'extractions.completed',
  'extraction.failed': 'extractions.failed',
  'email.sent': 'emails.sent',
  'email.delivered': 'emails.delivered',
  'email.opened': 'emails.opened',
  'email.bounced': 'emails.bounced',
  'payment.succeeded': 'payments.succeeded',
  'payout.completed': 'payouts.completed',
  'payout.failed': 'payouts.failed',
};

/** Task counts kept per module too (`tasks.completed:CTAX`), from the `module` of each task event. */
const TASK_COUNTS = [
  count('tasks.created', 'Tasks created'),
  count('tasks.completed', 'Tasks completed (by the AI or after review)'),
  count('tasks.needs_review', 'Tasks sent to review'),
  count('tasks.failed', 'Tasks failed'),
];
export const TASK_MODULE_FAMILIES = TASK_COUNTS.map((s) => s.name);

const deadLetters = count('dead_letters', 'Messages dead-lettered', false);
const backlog: StoredSeries = {
  name: 'queues.backlog',
  description: 'Messages waiting in the work queues',
  aggregate: 'last',
  perOrg: false,
};

export const STORED_SERIES: StoredSeries[] = [
  ...TASK_COUNTS,
  ...TASK_COUNTS.flatMap((s) => perLabel(s, MODULE_CODES, 'module')),
  count('tasks.completed_unseen', 'Tasks the AI completed without review'),
  {
    name: 'tasks.latency_p50',
    description: 'Seconds from created to completed, median',
    aggregate: 'max',
    perOrg: true,
  },
  {
    name: 'tasks.latency_p95',
    description: 'Seconds from created to completed, 95th percentile',
    aggregate: 'max',
    perOrg: true,
  },
  {
    name: 'tasks.latency_p99',
    description: 'Seconds from created to completed, 99th percentile',
    aggregate: 'max',
    perOrg: true,
  },
  count('extractions.completed', 'Lead extractions completed'),
  count('extractions.failed', 'Lead extractions failed'),
  count('extractions.pages', 'Pages fetched by completed extractions'),
  count('webhooks.attempts', 'Webhook delivery attempts', false),
  count('webhooks.succeeded', 'Webhook delivery attempts answered 2xx', false),
  count('emails.sent', 'Emails sent', false),
  count('emails.delivered', 'Emails delivered', false),
  count('emails.opened', 'Emails opened', false),
  count('emails.bounced', 'Emails bounced', false),
  count('payments.succeeded', 'Payments collected'),
  count('payments.volume_eur', 'Money collected in EUR, minor units'),
  count('payouts.completed', 'Payouts transferred', false),
  count('payouts.failed', 'Payout transfers failed', false),
  count('payouts.amount_eur', 'Money paid out to experts in EUR, minor units', false),
  count('credits.consumed', 'AI credits spent (net of refunds)'),
  count('breakers.opened', 'Circuit breaker openings', false),
  deadLetters,
  ...perLabel(deadLetters, QUEUE_NAMES, 'queue'),
  backlog,
  ...perLabel(backlog, QUEUE_NAMES, 'queue'),
  { name: 'storage.bytes', description: 'Bytes of uploaded files', aggregate: 'last', perOrg: true },
];

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export const DERIVED_SERIES: DerivedSeries[] = [
  {
    name: 'tasks.automation_rate',
    description: 'Share of finished tasks the AI completed without review (0–1)',
    perOrg: true,
    inputs: ['tasks.completed_unseen', 'tasks.needs_review', 'tasks.failed'],
    derive: (v) =>
      share(
        v('tasks.completed_unseen'),
        v('tasks.completed_unseen') + v('tasks.needs_review') + v('tasks.failed'),
      ),
  },
  {
    name: 'webhooks.success_rate',
    description: 'Share of webhook attempts answered 2xx (0–1)',
    perOrg: false,
    inputs: ['webhooks.succeeded', 'webhooks.attempts'],
    derive: (v) => share(v('webhooks.succeeded'), v('webhooks.attempts')),
  },
  {
    name: 'emails.bounce_rate',
    description: 'Share of sent emails that bounced (0–1)',
    perOrg: false,
    inputs: ['emails.bounced', 'emails.sent'],
    derive: (v) => share(v('emails.bounced'), v('emails.sent')),
  },
  {
    name: 'extractions.success_rate',
    description: 'Share of extractions that completed (0–1)',
    perOrg: true,
    inputs: ['extractions.completed', 'extractions.failed'],
    derive: (v) => share(v('extractions.completed'), v('extractions.completed') + v('extractions.failed')),
  },
  {
    name: 'extractions.pages_per_run',
    description: 'Pages fetched per completed extraction',
    perOrg: true,
    inputs: ['extractions.pages', 'extractions.completed'],
    derive: (v) => share(v('extractions.pages'), v('extractions.completed')),
  },
];

export const SERIES_NAMES = [...STORED_SERIES, ...DERIVED_SERIES].map((s) => s.name);

/** Stored series by name (the rollup and the reader look one up per row). */
export const STORED_BY_NAME = new Map(STORED_SERIES.map((s) => [s.name, s]));
