// Emails: every email the platform sent or stored (locally the embedded provider keeps them all), newest
// first, filtered by recipient (kept in the URL); each opens to its headers, timeline and body.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { controlProps, Field } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { emailMessages } from './messages';
import './admin.css';

/** "Anna Berger <anna@experts.test>" when the address is an account's, else the address. */
export const recipientOf = (email: Pick<Schemas['Email'], 'to' | 'to_name'>) =>
  email.to_name ? `${email.to_name} <${email.to}>` : email.to;

export function EmailsPage() {
  const m = useMessages(emailMessages);
  const { query, route } = useLocation();
  const to = query.to?.trim() || undefined;
  const [draft, setDraft] = useState(to ?? '');
  useEffect(() => setDraft(to ?? ''), [to]);

  const list = useList(
    (cursor) => ok(api.GET('/v1/admin/emails', { params: { query: { cursor, to } } })),
    [to],
  );
  const filter = (next: string) => {
    const value = next.trim();
    route(value ? `/admin/emails?to=${encodeURIComponent(value)}` : '/admin/emails', true);
  };
  const toProblem = list.error?.fieldError('to') ? list.error : undefined;

  return (
    <section class="page">
      <PageHead title={m.title} />
      <form
        class="inline-form card adm-filters"
        aria-label={m.filterLabel}
        onSubmit={(e) => {
          e.preventDefault();
          filter(draft);
        }}
      >
        <Field label={m.recipient} name="to" problem={toProblem} hint={m.recipientHint}>
          <input
            {...controlProps('to', toProblem)}
            type="search"
            inputMode="email"
            autoComplete="off"
            spellcheck={false}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </Field>
        <div class="row adm-filter-actions">
          <button type="submit">{m.filter}</button>
          {to && (
            <button type="button" class="link" onClick={() => filter('')}>
              {m.showAll}
            </button>
          )}
        </div>
      </form>
      {!toProblem && <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />}
      {list.items === undefined ? (
        list.loading && <Loading label={m.loadingEmails} />
      ) : list.items.length === 0 ? (
        <Empty title={to ? m.noEmailsTo(to) : m.noEmails}>{to ? m.noEmailsToBody : m.noEmailsBody}</Empty>
      ) : (
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
              {list.items.map((email) => (
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
      <ListMore list={list} />
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
