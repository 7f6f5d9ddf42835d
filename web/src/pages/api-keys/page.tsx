// /api-keys (company members): keys for machine clients and agents (the MCP server takes them too). Each key
// holds scopes — what it may do — and may expire; its secret is shown once, with a copy button.
import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../../api/client';
import { useList } from '../../live/use-list';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import './api-keys.css';

type ApiKey = Schemas['ApiKey'];
type Scope = Schemas['CreateApiKey']['scopes'][number];

/** Scopes a person picks from, in words; reading and writing of each resource. */
const RESOURCES: [string, string][] = [
  ['tasks', 'Tasks'],
  ['files', 'Files'],
  ['engagements', 'Engagements'],
  ['extractions', 'Lead extractions'],
  ['payments', 'Payments and billing'],
  ['credits', 'AI credits'],
  ['documents', 'Documents'],
  ['events', 'Events'],
  ['metrics', 'Metrics'],
];

export function ApiKeysPage() {
  const list = useList((cursor) => ok(api.GET('/v1/api-keys', { params: { query: { cursor } } })), []);
  const [shown, setShown] = useState<{ name: string; key: string }>();
  return (
    <section class="page">
      <PageHead title="API keys" />
      <p class="hint">
        A key lets a program or an AI agent act for your company through the API or the MCP server at{' '}
        <code>/v1/mcp</code>. Give each key only the scopes it needs.
      </p>
      {shown && (
        <SecretOnce value={shown.key} testId="api-key-secret" onClose={() => setShown(undefined)}>
          The key <strong>{shown.name}</strong> is shown only now: store it where your program can read it.
        </SecretOnce>
      )}
      <NewKey
        onCreated={(created) => {
          const { key, ...record } = created;
          list.upsert(record);
          setShown({ name: record.name, key });
        }}
      />
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title="No API keys yet">Create one above for your program or agent.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scopes</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {list.items.map((k) => (
                <KeyRow key={k.id} apiKey={k} onChange={list.upsert} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={list} />
    </section>
  );
}

function KeyRow({ apiKey, onChange }: { apiKey: ApiKey; onChange: (k: ApiKey) => void }) {
  const revoke = useAction(async () => {
    onChange(await ok(api.DELETE('/v1/api-keys/{id}', { params: { path: { id: apiKey.id } } })));
  });
  return (
    <tr data-testid="api-key-row" data-revoked={apiKey.revoked_at ? 'yes' : 'no'}>
      <td>
        {apiKey.name}
        <div class="muted">
          <code>{apiKey.prefix}…</code>
        </div>
      </td>
      <td>{apiKey.scopes.includes('*') ? 'Everything' : apiKey.scopes.join(', ')}</td>
      <td>{apiKey.last_used_at ? formatDate(apiKey.last_used_at) : <span class="muted">Never</span>}</td>
      <td>{apiKey.expires_at ? formatDate(apiKey.expires_at) : <span class="muted">Never</span>}</td>
      <td>
        {apiKey.revoked_at ? (
          <span class="muted">Revoked {formatDate(apiKey.revoked_at)}</span>
        ) : (
          <button
            type="button"
            class="danger small"
            disabled={revoke.busy}
            aria-label={`Revoke ${apiKey.name}`}
            onClick={() => void revoke.run()}
          >
            Revoke
          </button>
        )}
        <ProblemBanner problem={revoke.problem} />
      </td>
    </tr>
  );
}

function NewKey({ onCreated }: { onCreated: (k: Schemas['CreatedApiKey']) => void }) {
  const [name, setName] = useState('');
  const [everything, setEverything] = useState(false);
  const [scopes, setScopes] = useState<Scope[]>(['tasks:read', 'tasks:write', 'files:write']);
  const [expires, setExpires] = useState('');
  const create = useAction(async () => {
    const created = await ok(
      api.POST('/v1/api-keys', {
        body: {
          name: name.trim(),
          scopes: everything ? ['*'] : scopes,
          // The end of the chosen day, UTC.
          ...(expires ? { expires_at: `${expires}T23:59:59Z` } : {}),
        },
      }),
    );
    onCreated(created);
    setName('');
  });
  const toggle = (scope: Scope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run();
      }}
    >
      <h2>New key</h2>
      <div class="cols-3">
        <Field label="Name" name="key-name" paths={['name']} problem={create.problem} hint="Who uses it">
          <input
            {...controlProps('key-name', create.problem)}
            maxLength={100}
            value={name}
            onInput={(e) => {
              setName(e.currentTarget.value);
              create.clear();
            }}
          />
        </Field>
        <Field
          label="Expires (optional)"
          name="key-expires"
          paths={['expires_at']}
          problem={create.problem}
          hint="Stops working after this day"
        >
          <input
            {...controlProps('key-expires', create.problem)}
            type="date"
            value={expires}
            onInput={(e) => setExpires(e.currentTarget.value)}
          />
        </Field>
      </div>
      <fieldset class="key-scopes">
        <legend>What it may do</legend>
        <label class="key-everything">
          <input
            type="checkbox"
            checked={everything}
            onChange={(e) => setEverything(e.currentTarget.checked)}
          />{' '}
          Everything a member can do
        </label>
        {!everything && (
          <table>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Read</th>
                <th scope="col">Write</th>
              </tr>
            </thead>
            <tbody>
              {RESOURCES.map(([resource, label]) => (
                <tr key={resource}>
                  <th scope="row">{label}</th>
                  {(['read', 'write'] as const).map((access) => {
                    const scope = `${resource}:${access}` as Scope;
                    return (
                      <td key={access}>
                        <input
                          type="checkbox"
                          aria-label={`${label}: ${access}`}
                          checked={scopes.includes(scope)}
                          onChange={(e) => toggle(scope, e.currentTarget.checked)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row">Webhooks</th>
                <td colSpan={2}>
                  <input
                    type="checkbox"
                    aria-label="Webhooks: manage"
                    checked={scopes.includes('webhooks:manage')}
                    onChange={(e) => toggle('webhooks:manage', e.currentTarget.checked)}
                  />{' '}
                  manage
                </td>
              </tr>
            </tbody>
          </table>
        )}
      </fieldset>
      {create.problem && !create.problem.fieldError('name') && <ProblemBanner problem={create.problem} />}
      <SubmitButton busy={create.busy}>Create key</SubmitButton>
    </form>
  );
}
