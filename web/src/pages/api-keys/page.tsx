// /api-keys (company members): keys for machine clients and agents (the MCP server takes them too). Each key
// holds scopes — what it may do — and may expire; its secret is shown once, with a copy button.
import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { Empty, ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { ListView } from '../../ui/list/list-view';
import { PageHead } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import { apiKeyMessages } from './messages';
import './api-keys.css';

type ApiKey = Schemas['ApiKey'];
type Scope = Schemas['CreateApiKey']['scopes'][number];

/** Scopes a person picks from (reading and writing of each resource), named in the catalogue. */
const RESOURCES = [
  'tasks',
  'files',
  'engagements',
  'extractions',
  'payments',
  'credits',
  'documents',
  'events',
  'metrics',
] as const;

export function ApiKeysPage() {
  const m = useMessages(apiKeyMessages);
  const list = useList((cursor) => ok(api.GET('/v1/api-keys', { params: { query: { cursor } } })), []);
  const [shown, setShown] = useState<{ name: string; key: string }>();
  return (
    <section class="page">
      <PageHead title={m.title} />
      <p class="hint">
        {m.introBefore} <code>/v1/mcp</code>
        {m.introAfter}
      </p>
      {shown && (
        <SecretOnce value={shown.key} testId="api-key-secret" onClose={() => setShown(undefined)}>
          {m.secretBefore} <strong>{shown.name}</strong> {m.secretAfter}
        </SecretOnce>
      )}
      <NewKey
        onCreated={(created) => {
          const { key, ...record } = created;
          list.upsert(record);
          setShown({ name: record.name, key });
        }}
      />
      <ListView list={list} empty={<Empty title={m.noKeys}>{m.noKeysBody}</Empty>}>
        {(keys) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.name}</th>
                  <th scope="col">{m.scopes}</th>
                  <th scope="col">{m.lastUsed}</th>
                  <th scope="col">{m.expires}</th>
                  <th scope="col" aria-label={m.actions} />
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <KeyRow key={k.id} apiKey={k} onChange={list.upsert} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListView>
    </section>
  );
}

function KeyRow({ apiKey, onChange }: { apiKey: ApiKey; onChange: (k: ApiKey) => void }) {
  const m = useMessages(apiKeyMessages);
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
      <td>{apiKey.scopes.includes('*') ? m.everything : apiKey.scopes.join(', ')}</td>
      <td>{apiKey.last_used_at ? formatDate(apiKey.last_used_at) : <span class="muted">{m.never}</span>}</td>
      <td>{apiKey.expires_at ? formatDate(apiKey.expires_at) : <span class="muted">{m.never}</span>}</td>
      <td>
        {apiKey.revoked_at ? (
          <span class="muted">{m.revokedOn(formatDate(apiKey.revoked_at))}</span>
        ) : (
          <button
            type="button"
            class="danger small"
            disabled={revoke.busy}
            aria-label={m.revokeKey(apiKey.name)}
            onClick={() => void revoke.run()}
          >
            {m.revoke}
          </button>
        )}
        <ProblemBanner problem={revoke.problem} />
      </td>
    </tr>
  );
}

function NewKey({ onCreated }: { onCreated: (k: Schemas['CreatedApiKey']) => void }) {
  const m = useMessages(apiKeyMessages);
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
      <h2>{m.newKey}</h2>
      <div class="cols-3">
        <Field label={m.name} name="key-name" paths={['name']} problem={create.problem} hint={m.whoUsesIt}>
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
          label={m.expiresOptional}
          name="key-expires"
          paths={['expires_at']}
          problem={create.problem}
          hint={m.expiresHint}
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
        <legend>{m.whatItMayDo}</legend>
        <label class="key-everything">
          <input
            type="checkbox"
            checked={everything}
            onChange={(e) => setEverything(e.currentTarget.checked)}
          />{' '}
          {m.everythingAMember}
        </label>
        {!everything && (
          <table>
            <thead>
              <tr>
                <th scope="col">{m.resource}</th>
                <th scope="col">{m.read}</th>
                <th scope="col">{m.write}</th>
              </tr>
            </thead>
            <tbody>
              {RESOURCES.map((resource) => (
                <tr key={resource}>
                  <th scope="row">{m[resource]}</th>
                  {(['read', 'write'] as const).map((access) => {
                    const scope = `${resource}:${access}` as Scope;
                    return (
                      <td key={access}>
                        <input
                          type="checkbox"
                          aria-label={m.access(m[resource], access === 'read' ? m.read : m.write)}
                          checked={scopes.includes(scope)}
                          onChange={(e) => toggle(scope, e.currentTarget.checked)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th scope="row">{m.webhooks}</th>
                <td colSpan={2}>
                  <input
                    type="checkbox"
                    aria-label={m.access(m.webhooks, m.manage)}
                    checked={scopes.includes('webhooks:manage')}
                    onChange={(e) => toggle('webhooks:manage', e.currentTarget.checked)}
                  />{' '}
                  {m.manage}
                </td>
              </tr>
            </tbody>
          </table>
        )}
      </fieldset>
      {create.problem && !create.problem.fieldError('name') && <ProblemBanner problem={create.problem} />}
      <SubmitButton busy={create.busy}>{m.createKey}</SubmitButton>
    </form>
  );
}
