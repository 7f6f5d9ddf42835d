// One audit row in words: what the admin did, with the amounts, names and counts its details carry, and where
// the record it acted on can be opened.
import type { Schemas } from '../../api/client';
import { statuses } from '../../i18n/common';
import { type Translation, useMessages } from '../../i18n/define';
import { statusText } from '../../ui/badges';
import { formatDate, formatMoney } from '../../ui/format';
import { auditMessages } from './audit-messages';
import { queueMessages } from './messages';

export type AuditRow = Schemas['AdminAction'];

type Words = Translation<typeof auditMessages.en>;
type QueueWords = Translation<typeof queueMessages.en>;

/** The sentence, and a second line where a detail deserves one (a note, what continues in the queue…). */
function describe(row: AuditRow, m: Words, q: QueueWords, status: (s: string) => string): [string, string?] {
  switch (row.action) {
    case 'dead_letter.redrive': {
      const about = row.details.about;
      const what = about?.name
        ? `“${about.name}” (${q.kinds(about.kind)})`
        : about
          ? q.kinds(about.kind)
          : m.aMessage;
      return [m.redrove(what, q.queueNames(row.details.queue)), about?.company_name ?? undefined];
    }
    case 'email.bulk_send':
      return [m.bulkSent(row.details.subject, row.details.recipients)];
    case 'credits.grant': {
      const { credits, org_name: org, note } = row.details;
      const sentence = credits >= 0 ? m.granted(credits, org) : m.tookBack(-credits, org);
      return [sentence, note ? m.note(note) : undefined];
    }
    case 'payout_run.prepare': {
      const amounts = Object.entries(row.details.amounts)
        .map(([currency, amount]) => formatMoney(amount, currency))
        .join(', ');
      return [m.prepared(row.details.week, row.details.prepared, amounts)];
    }
    case 'payout_run.process': {
      const { processed, failed, skipped, remaining } = row.details;
      return [m.processed(processed, failed, skipped), remaining > 0 ? m.remaining(remaining) : undefined];
    }
    case 'billing.pause':
      return [m.paused(row.details.title)];
    case 'billing.resume':
      return [m.resumed(row.details.title)];
    case 'payment.create':
      return [m.billed(row.details.title, formatMoney(row.details.amount, row.details.currency))];
    case 'payment.confirm':
      return [
        m.confirmed(formatMoney(row.details.amount, row.details.currency), status(row.details.status)),
        row.details.payment_method,
      ];
    case 'webhook_endpoint.create': {
      const events = row.details.events.includes('*') ? m.allEvents : row.details.events.join(', ');
      return [m.endpointAdded(row.details.host, events)];
    }
    case 'webhook_endpoint.update':
      return [m.endpointChanged(row.details.host, row.details.changed.map(m.fields).join(', '))];
    case 'webhook_endpoint.disable':
    case 'webhook_endpoint.enable': {
      const changed = row.details.changed.map(m.fields).join(', ');
      const sentence = row.action === 'webhook_endpoint.disable' ? m.endpointDisabled : m.endpointEnabled;
      return [sentence(row.details.host), changed ? m.alsoChanged(changed) : undefined];
    }
    case 'webhook_endpoint.delete':
      return [m.endpointDeleted(row.details.host)];
    case 'webhook_endpoint.rotate_secret':
      return [m.secretRotated(row.details.host)];
    case 'webhook_endpoint.replay':
      return [
        m.replayed(row.details.host, row.details.replayed, row.details.only_failed),
        m.since(formatDate(row.details.since)),
      ];
    case 'webhook_endpoint.test':
      return [m.tested(row.details.host, row.details.event_type)];
    case 'metrics.rollup':
      return [m.rolledUp(row.details.hours)];
    case 'user.disable':
      return [
        m.disabledUser(row.details.email),
        row.details.reason ? m.reason(row.details.reason) : undefined,
      ];
    case 'user.enable':
      return [m.enabledUser(row.details.email)];
  }
}

export function AuditWhat({ row }: { row: AuditRow }) {
  const m = useMessages(auditMessages);
  const q = useMessages(queueMessages);
  const words = useMessages(statuses) as Record<string, string>;
  const [sentence, more] = describe(row, m, q, (s) => statusText(s, words));
  return (
    <>
      <div>{sentence}</div>
      {more && <div class="hint">{more}</div>}
    </>
  );
}

/** Where the record an action acted on is shown, if anywhere (a company or an email send has no page). */
export function targetHref(row: AuditRow): string | null {
  const id = encodeURIComponent(row.target_id ?? '');
  switch (row.target_type) {
    case 'dead_letter':
      return `/admin/queues?queue=${encodeURIComponent(row.details.queue)}`;
    case 'payout_run':
      return '/admin/payouts';
    case 'engagement':
      return `/engagements/${id}`;
    case 'payment':
      return `/payments?q=${id}`;
    case 'webhook_endpoint':
      return row.action === 'webhook_endpoint.delete' ? null : '/webhooks';
    case 'metrics':
      return '/admin/overview';
    case 'user':
      return `/admin/users?q=${id}`;
    default:
      return null;
  }
}
