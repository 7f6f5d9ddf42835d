// Emails: every email the platform sent or stored (locally the embedded provider keeps them all), newest
// first, filtered by recipient (kept in the URL, through the shared list); each opens to its headers, timeline and body.
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { ListView } from '../../ui/list/list-view';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { emailMessages } from './messages';
import './admin.css';

/** "Anna Berger <anna@experts.test>" when the address is an account's, else the address. */
export const recipientOf = (email: Pick<Schemas['Email'], 'to' | 'to_name'>) =>
  email.to_name ? `${email.to_name} <${email.to}>` : email.to;

export function EmailsPage() {
  const m = useMessages(emailMessages);
  const query = useListQuery({ search: false, filters: { to: 'text' } });
  const to = query.filters.to[0];
  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/emails', { params: { query: { cursor, to } } })),
    [query.key],
  );
  const toError = list.error?.fieldError('to');

  return (
    <section class="page">
      <PageHead title={m.title} />
      <ListView
        list={list}
        loadingLabel={m.loadingEmails}
        hideProblem={Boolean(toError)}
        controls={{
          query,
          id: 'emails',
          filters: [
            {
              name: 'to',
              label: m.recipient,
              kind: 'text',
              placeholder: m.recipientHint,
              error: toError,
            },
          ],
        }}
        empty={<Empty title={m.noEmails}>{m.noEmailsBody}</Empty>}
        noMatches={to && <Empty title={m.noEmailsTo(to)}>{m.noEmailsToBody}</Empty>}
      >
        {(emails) => (
          <div class="table-wrap">
            <table aria-label={m.title}>
              <thead>
                <tr>
                  <th scope="col">{m.subject}</th>
                  <th scope="col">{m.status}</th>
                  <th scope="col">{m.to}</th>
                  <th scope="col">{m.kind}</th>
                  <th scope="col">{m.sentVia}</th>
                  <th scope="col">{m.created}</th>
                  <th scope="col">{m.openedClicked}</th>
                </tr>
              </thead>
              <tbody>
                {emails.map((email) => (
                  <tr key={email.id} data-testid="email-row" data-id={email.id} data-status={email.status}>
                    <td class="adm-subject">
                      <a href={`/admin/emails/${email.id}`}>{email.subject || m.noSubject}</a>
                    </td>
                    <td>
                      <StatusBadge status={email.status} />
                    </td>
                    <td class="adm-nowrap">
                      {email.to_name ?? email.to}
                      {email.to_name && <div class="hint">{email.to}</div>}
                    </td>
                    <td>{m.templates(email.template)}</td>
                    <td>{m.providers(email.provider)}</td>
                    <td class="adm-nowrap">{formatDate(email.created_at)}</td>
                    <td class="adm-nowrap">
                      <OpenedClicked email={email} />
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

function OpenedClicked({ email }: { email: Schemas['Email'] }) {
  const m = useMessages(emailMessages);
  if (!email.opened_at && !email.clicked_at) return <span class="muted">—</span>;
  return (
    <>
      {email.opened_at && <div>{m.opened(formatDate(email.opened_at))}</div>}
      {email.clicked_at && <div>{m.clicked(formatDate(email.clicked_at))}</div>}
    </>
  );
}
