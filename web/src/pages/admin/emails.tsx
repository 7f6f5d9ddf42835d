// Emails: every email the platform sent or stored (locally the embedded provider keeps them all), newest
// first, filtered by recipient (kept in the URL); each opens to its headers, timeline and body.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Schemas } from '../../api/client';
import { useList } from '../../live/use-list';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { controlProps, Field } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import './admin.css';

export function EmailsPage() {
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
      <PageHead title="Emails" />
      <form
        class="inline-form card adm-filters"
        aria-label="Filter emails"
        onSubmit={(e) => {
          e.preventDefault();
          filter(draft);
        }}
      >
        <Field
          label="Recipient"
          name="to"
          problem={toProblem}
          hint="The full address, e.g. anna@experts.test"
        >
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
          <button type="submit">Filter</button>
          {to && (
            <button type="button" class="link" onClick={() => filter('')}>
              Show all
            </button>
          )}
        </div>
      </form>
      {!toProblem && <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />}
      {list.items === undefined ? (
        list.loading && <Loading label="Loading emails…" />
      ) : list.items.length === 0 ? (
        <Empty title={to ? `No emails to ${to}` : 'No emails yet'}>
          {to
            ? 'Check the address, or show all emails.'
            : 'Emails are sent when an engagement is requested or accepted, a task needs review or completes, and a payout is sent.'}
        </Empty>
      ) : (
        <div class="table-wrap">
          <table aria-label="Emails">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">To</th>
                <th scope="col">Template</th>
                <th scope="col">Provider</th>
                <th scope="col">Created</th>
                <th scope="col">Opened / clicked</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((email) => (
                <tr key={email.id} data-testid="email-row" data-id={email.id} data-status={email.status}>
                  <td class="adm-subject">
                    <a href={`/admin/emails/${email.id}`}>{email.subject || '(no subject)'}</a>
                  </td>
                  <td>
                    <StatusBadge status={email.status} />
                  </td>
                  <td class="adm-nowrap">{email.to}</td>
                  <td class="adm-nowrap">
                    <code>{email.template}</code>
                  </td>
                  <td>{email.provider}</td>
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
  if (!email.opened_at && !email.clicked_at) return <span class="muted">—</span>;
  return (
    <>
      {email.opened_at && <div>Opened {formatDate(email.opened_at)}</div>}
      {email.clicked_at && <div>Clicked {formatDate(email.clicked_at)}</div>}
    </>
  );
}
