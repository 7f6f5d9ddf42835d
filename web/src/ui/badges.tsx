// Status badges and confidence meters, one colour per kind of state so a list reads at a glance.
import { common, statuses } from '../i18n/common';
import { defineMessages, useMessages } from '../i18n/define';
import { formatMoney, formatPercent, titleCase } from './format';

const TONE: Record<string, string> = {
  completed: 'good',
  active: 'good',
  paid: 'good',
  succeeded: 'good',
  closed: 'good',
  delivered: 'good',
  sent: 'good',
  needs_review: 'warn',
  pending: 'warn',
  skipped: 'warn',
  half_open: 'warn',
  queued: 'info',
  in_progress: 'info',
  running: 'info',
  installing: 'info',
  failed: 'bad',
  declined: 'bad',
  cancelled: 'muted',
  refunded: 'muted',
  void: 'muted',
  open: 'bad',
  bounced: 'bad',
};

/** A status in words, in the dashboard's language. */
export function statusText(status: string, words: Record<string, string>): string {
  return words[status] ?? titleCase(status);
}

export function StatusBadge({ status }: { status: string }) {
  const words = useMessages(statuses) as Record<string, string>;
  return (
    <span class={`badge badge-${TONE[status] ?? 'muted'}`} data-status={status}>
      {statusText(status, words)}
    </span>
  );
}

export function Confidence({ value, threshold }: { value: number | null | undefined; threshold?: number }) {
  const m = useMessages(common);
  if (value === null || value === undefined) return <span class="muted">—</span>;
  // The meter colours itself: below `low` (the review threshold) it shows as suboptimal.
  return (
    <span class="confidence" title={`${m.confidence} ${formatPercent(value)}`}>
      <meter min={0} max={100} low={threshold ?? 80} optimum={100} value={value} aria-label={m.confidence} />
      <span>{formatPercent(value)}</span>
    </span>
  );
}

const disputeWords = defineMessages(
  {
    open: 'disputed by the bank: the expert’s share is held back',
    won: 'dispute won: the expert’s share came back',
    lost: 'dispute lost: the bank kept it',
  },
  {
    open: 'von der Bank angefochten: der Anteil des Experten wird zurückgehalten',
    won: 'Anfechtung gewonnen: der Anteil des Experten ist zurück',
    lost: 'Anfechtung verloren: die Bank hat den Betrag behalten',
  },
);

/** A chargeback on a payment, in words. */
export function DisputeNote({
  payment,
}: {
  payment: { dispute_status: 'open' | 'won' | 'lost' | null; amount_disputed: number; currency: string };
}) {
  const words = useMessages(disputeWords);
  if (!payment.dispute_status) return null;
  return (
    <div class={payment.dispute_status === 'won' ? 'muted' : 'dispute'} data-testid="dispute-note">
      {formatMoney(payment.amount_disputed, payment.currency)} {words[payment.dispute_status]}
    </div>
  );
}
