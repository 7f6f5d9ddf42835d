// Status badges and confidence meters, one colour per kind of state so a list reads at a glance.
import { formatPercent, titleCase } from './format';

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
  open: 'bad',
  bounced: 'bad',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge badge-${TONE[status] ?? 'muted'}`} data-status={status}>
      {titleCase(status)}
    </span>
  );
}

export function Confidence({ value, threshold }: { value: number | null | undefined; threshold?: number }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  // The meter colours itself: below `low` (the review threshold) it shows as suboptimal.
  return (
    <span class="confidence" title={`Confidence ${formatPercent(value)}`}>
      <meter min={0} max={100} low={threshold ?? 80} optimum={100} value={value} aria-label="Confidence" />
      <span>{formatPercent(value)}</span>
    </span>
  );
}
