// The metric series, declared once: stored ones (counted per hour by the rollup) and derived ones (computed
// from stored ones per bucket when read). How each aggregates over a longer step is part of its declaration:
// counts add up, percentiles keep the worst hour (a conservative bound: hourly percentiles cannot be merged
// exactly), snapshots keep the last value.

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
  /** From the bucket's stored values; null when there is nothing to say (no denominator). */
  derive: (value: (series: string) => number) => number | null;
}

const count = (name: string, description: string, perOrg = true): StoredSeries => ({
  name,
  description,
  aggregate: 'sum',
  perOrg,
});

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

export const STORED_SERIES: StoredSeries[] = [
  count('tasks.created', 'Tasks created'),
  count('tasks.completed', 'Tasks completed (by the AI or after review)'),
  count('tasks.completed_unseen', 'Tasks the AI completed without review'),
  count('tasks.needs_review', 'Tasks sent to review'),
  count('tasks.failed', 'Tasks failed'),
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
  count('credits.consumed', 'AI credits spent (net of refunds)'),
  count('dead_letters', 'Messages dead-lettered', false),
  {
    name: 'queues.backlog',
    description: 'Messages waiting in the work queues',
    aggregate: 'last',
    perOrg: false,
  },
  { name: 'storage.bytes', description: 'Bytes of uploaded files', aggregate: 'last', perOrg: true },
];

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export const DERIVED_SERIES: DerivedSeries[] = [
  {
    name: 'tasks.automation_rate',
    description: 'Share of finished tasks the AI completed without review (0–1)',
    perOrg: true,
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
    derive: (v) => share(v('webhooks.succeeded'), v('webhooks.attempts')),
  },
  {
    name: 'emails.bounce_rate',
    description: 'Share of sent emails that bounced (0–1)',
    perOrg: false,
    derive: (v) => share(v('emails.bounced'), v('emails.sent')),
  },
  {
    name: 'extractions.success_rate',
    description: 'Share of extractions that completed (0–1)',
    perOrg: true,
    derive: (v) => share(v('extractions.completed'), v('extractions.completed') + v('extractions.failed')),
  },
];

export const SERIES_NAMES = [...STORED_SERIES, ...DERIVED_SERIES].map((s) => s.name);
