// Audit log: what admins did, newest first — when, who, what in words, and the record it was done to (opened
// where it has a page). Searched and filtered by action, admin and record through the URL; a name or a
// record's id narrows the list to it.
import { api, ok } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { Empty } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { auditMessages } from './audit-messages';
import { type AuditRow, AuditWhat, targetHref } from './audit-what';
import './admin.css';

/** Every action the API records, in the order the filter offers them (a Record: none can be left out). */
const ACTIONS = Object.keys({
  'dead_letter.redrive': 1,
  'email.bulk_send': 1,
  'credits.grant': 1,
  'payout_run.prepare': 1,
  'payout_run.process': 1,
  'billing.pause': 1,
  'billing.resume': 1,
  'payment.create': 1,
  'payment.confirm': 1,
  'webhook_endpoint.create': 1,
  'webhook_endpoint.update': 1,
  'webhook_endpoint.disable': 1,
  'webhook_endpoint.enable': 1,
  'webhook_endpoint.delete': 1,
  'webhook_endpoint.rotate_secret': 1,
  'webhook_endpoint.replay': 1,
  'webhook_endpoint.test': 1,
  'metrics.rollup': 1,
  'user.disable': 1,
  'user.enable': 1,
} satisfies Record<AuditRow['action'], 1>) as AuditRow['action'][];
const SORTS = ['-created_at', 'created_at'] as const;

export function AuditLogPage() {
  const m = useMessages(auditMessages);
  const query = useListQuery({
    sorts: SORTS,
    filters: { action: ACTIONS, actor_id: 'text', target_id: 'text' },
  });
  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/audit-log', { params: { query: { ...query.api, cursor } } })),
    [query.key],
  );

  return (
    <section class="page">
      <PageHead title={m.title} />
      <p class="muted">{m.intro}</p>
      <ListView
        list={list}
        loadingLabel={m.loading}
        controls={{
          query,
          id: 'audit',
          searchHint: m.search,
          sorts: useTimeSorts(),
          filters: [
            {
              name: 'action',
              label: m.action,
              kind: 'select',
              options: ACTIONS.map((value) => ({ value, label: m.actions(value) })),
            },
            { name: 'actor_id', label: m.actor, kind: 'text', placeholder: 'usr_…' },
            { name: 'target_id', label: m.target, kind: 'text', placeholder: 'eng_…' },
          ],
        }}
        empty={<Empty title={m.none}>{m.noneBody}</Empty>}
      >
        {(rows) => (
          <div class="table-wrap">
            <table aria-label={m.title}>
              <thead>
                <tr>
                  <th scope="col">{m.when}</th>
                  <th scope="col">{m.who}</th>
                  <th scope="col">{m.what}</th>
                  <th scope="col">{m.onWhat}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-testid="audit-row" data-action={row.action}>
                    <td class="adm-nowrap">{formatDate(row.created_at)}</td>
                    <td class="adm-nowrap">
                      <Who row={row} />
                    </td>
                    <td class="adm-summary">
                      <AuditWhat row={row} />
                    </td>
                    <td class="adm-nowrap">
                      <Target row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListView>
    </section>
  );
}

function Who({ row }: { row: AuditRow }) {
  const m = useMessages(auditMessages);
  const name = row.actor.name ?? m.formerAccount;
  return (
    <>
      <a href={`/admin/audit-log?actor_id=${encodeURIComponent(row.actor.id)}`} title={m.onlyBy(name)}>
        {name}
      </a>
      {row.actor.email && <div class="hint">{row.actor.email}</div>}
    </>
  );
}

function Target({ row }: { row: AuditRow }) {
  const m = useMessages(auditMessages);
  const href = targetHref(row);
  const kind = m.targets(row.target_type);
  return (
    <>
      {href ? <a href={href}>{kind}</a> : <span>{kind}</span>}
      {row.target_id && (
        <div class="hint">
          <a href={`/admin/audit-log?target_id=${encodeURIComponent(row.target_id)}`} title={m.onlyOn}>
            <code>{row.target_id}</code>
          </a>
        </div>
      )}
    </>
  );
}
