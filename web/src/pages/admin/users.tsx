// Accounts: everyone who can sign in, searchable and filtered by role and state, with Disable / Enable. An
// admin's own row has no Disable (the API refuses it too).
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { useSession } from '../../session';
import { Empty, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { userMessages } from './users-messages';
import './admin.css';

type AdminUser = Schemas['AdminUser'];

const SORTS = ['-created_at', 'created_at'] as const;
const ROLES = ['company', 'expert', 'admin'] as const;
const STATES = ['false', 'true'] as const;

export function UsersPage() {
  const m = useMessages(userMessages);
  const me = useSession()?.id;
  const query = useListQuery({ sorts: SORTS, filters: { role: ROLES, disabled: STATES } });
  const list = useList(
    (cursor) => {
      // One role and one state at a time (the selects offer one), typed as the API takes them.
      const { role, disabled, ...rest } = query.api;
      return ok(
        api.GET('/v1/admin/users', {
          params: {
            query: {
              ...rest,
              cursor,
              role: role as AdminUser['role'] | undefined,
              disabled: disabled as (typeof STATES)[number] | undefined,
            },
          },
        }),
      );
    },
    [query.key],
  );
  const change = useAction(async (user: AdminUser, disable: boolean) => {
    const path = { params: { path: { id: user.id } } };
    let updated: AdminUser;
    if (disable) {
      const reason = window.prompt(m.reasonPrompt(user.name), '');
      if (reason === null) return; // cancelled
      updated = await ok(
        api.POST('/v1/admin/users/{id}/disable', {
          ...path,
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      );
    } else {
      updated = await ok(api.POST('/v1/admin/users/{id}/enable', path));
    }
    list.upsert(updated);
  });

  return (
    <section class="page">
      <PageHead title={m.title} />
      <p class="muted">{m.intro}</p>
      <ProblemBanner problem={change.problem} />
      <ListView
        list={list}
        loadingLabel={m.loading}
        controls={{
          query,
          id: 'users',
          searchHint: m.search,
          sorts: useTimeSorts(),
          filters: [
            {
              name: 'role',
              label: m.role,
              kind: 'select',
              options: ROLES.map((value) => ({ value, label: m.roles(value) })),
            },
            {
              name: 'disabled',
              label: m.state,
              kind: 'select',
              options: STATES.map((value) => ({ value, label: m.states(value) })),
            },
          ],
        }}
        empty={<Empty title={m.none}>{m.noneBody}</Empty>}
      >
        {(rows) => (
          <div class="table-wrap">
            <table aria-label={m.title}>
              <thead>
                <tr>
                  <th scope="col">{m.name}</th>
                  <th scope="col">{m.role}</th>
                  <th scope="col">{m.company}</th>
                  <th scope="col">{m.created}</th>
                  <th scope="col">{m.state}</th>
                  <th scope="col">
                    <span class="visually-hidden">{m.disable}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((user) => (
                  <tr
                    key={user.id}
                    data-testid="user-row"
                    data-disabled={user.disabled_at ? 'true' : 'false'}
                  >
                    <td>
                      {user.name}
                      {user.id === me && ` (${m.you})`}
                      <div class="hint">{user.email}</div>
                    </td>
                    <td class="adm-nowrap">{m.roles(user.role)}</td>
                    <td>{user.org_name ?? '—'}</td>
                    <td class="adm-nowrap">{formatDate(user.created_at)}</td>
                    <td class="adm-nowrap">
                      {user.disabled_at ? m.disabledSince(formatDate(user.disabled_at)) : m.active}
                    </td>
                    <td class="adm-nowrap">
                      {user.disabled_at ? (
                        <button
                          type="button"
                          aria-label={m.enableLabel(user.name)}
                          disabled={change.busy}
                          onClick={() => void change.run(user, false)}
                        >
                          {m.enable}
                        </button>
                      ) : (
                        user.id !== me && (
                          <button
                            type="button"
                            class="danger"
                            aria-label={m.disableLabel(user.name)}
                            disabled={change.busy}
                            onClick={() => void change.run(user, true)}
                          >
                            {m.disable}
                          </button>
                        )
                      )}
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
