// /webhooks: where a company's events go. Add an endpoint (its secret is shown once, with a copy button),
// pick event types from the catalog, enable or disable, send a test event, replay what failed, and read
// each delivery's attempts. An admin manages the platform's endpoints (every company's events) here.
import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../../api/client';
import { useMessages } from '../../i18n/define';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { useSession } from '../../session';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { controlProps, Field, SubmitButton, useAction } from '../../ui/form';
import { formatDate, formatNumber, formatShare } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import { SuccessSparkline } from '../../ui/sparkline';
import { AllEndpoints } from './all-endpoints';
import { webhookMessages } from './messages';
import './webhooks.css';

type Endpoint = Schemas['WebhookEndpoint'];
type Delivery = Schemas['WebhookDelivery'];

export function WebhooksPage() {
  const m = useMessages(webhookMessages);
  const list = useList(
    (cursor) => ok(api.GET('/v1/webhook-endpoints', { params: { query: { cursor } } })),
    [],
  );
  const [secret, setSecret] = useState<{ url: string; secret: string }>();
  return (
    <section class="page">
      <PageHead title={m.title} />
      <p class="hint">
        {m.introBefore} <code>webhook-id</code>, <code>webhook-timestamp</code>,{' '}
        <code>webhook-signature</code>
        {m.introAfter}
      </p>
      {secret && (
        <SecretOnce value={secret.secret} testId="webhook-secret" onClose={() => setSecret(undefined)}>
          {m.secretBefore} <strong>{secret.url}</strong>
          {m.secretAfter}
        </SecretOnce>
      )}
      <AddEndpoint
        onAdded={(endpoint, shown) => {
          list.upsert(endpoint);
          setSecret({ url: endpoint.url, secret: shown });
        }}
      />
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title={m.noEndpoints}>{m.noEndpointsBody}</Empty>
      ) : (
        <div class="wh-list">
          {list.items.map((endpoint) => (
            <EndpointCard
              key={endpoint.id}
              endpoint={endpoint}
              onChange={list.upsert}
              onSecret={(shown) => setSecret({ url: endpoint.url, secret: shown })}
              onDeleted={() => void list.reload()}
            />
          ))}
        </div>
      )}
      <ListMore list={list} />
      {useSession()?.role === 'admin' && <AllEndpoints />}
    </section>
  );
}

function AddEndpoint({ onAdded }: { onAdded: (endpoint: Endpoint, secret: string) => void }) {
  const m = useMessages(webhookMessages);
  const types = useResource(() => ok(api.GET('/v1/event-types')), []);
  const [url, setUrl] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const add = useAction(async () => {
    const created = await ok(
      api.POST('/v1/webhook-endpoints', {
        body: { url, events: (all ? ['*'] : chosen) as Schemas['CreateWebhookEndpoint']['events'] },
      }),
    );
    const { secret, ...endpoint } = created;
    onAdded(endpoint, secret);
    setUrl('');
  });
  return (
    <form
      class="card wh-add"
      onSubmit={(e) => {
        e.preventDefault();
        void add.run();
      }}
    >
      <h2>{m.addTitle}</h2>
      <Field label={m.url} name="url" problem={add.problem} hint={m.urlHint}>
        <input
          {...controlProps('url', add.problem)}
          type="url"
          required
          value={url}
          onInput={(e) => {
            setUrl(e.currentTarget.value);
            add.clear();
          }}
        />
      </Field>
      <fieldset class="wh-events">
        <legend>{m.events}</legend>
        <label>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />{' '}
          {m.everyEvent}
        </label>
        {!all &&
          types.data?.data.map((type) => (
            <label key={type.type} title={type.description}>
              <input
                type="checkbox"
                checked={chosen.includes(type.type)}
                onChange={(e) =>
                  setChosen((current) =>
                    e.currentTarget.checked
                      ? [...current, type.type]
                      : current.filter((t) => t !== type.type),
                  )
                }
              />{' '}
              <code>{type.type}</code>
            </label>
          ))}
      </fieldset>
      {add.problem && !add.problem.fieldError('url') && <ProblemBanner problem={add.problem} />}
      <SubmitButton busy={add.busy}>{m.addEndpoint}</SubmitButton>
    </form>
  );
}

function EndpointCard(props: {
  endpoint: Endpoint;
  onChange: (endpoint: Endpoint) => void;
  onSecret: (secret: string) => void;
  onDeleted: () => void;
}) {
  const { endpoint } = props;
  const m = useMessages(webhookMessages);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string>();
  const path = { params: { path: { id: endpoint.id } } };
  const act = useAction(async (what: 'toggle' | 'test' | 'replay' | 'rotate' | 'delete') => {
    setNotice(undefined);
    if (what === 'toggle')
      props.onChange(
        await ok(api.PATCH('/v1/webhook-endpoints/{id}', { ...path, body: { enabled: !endpoint.enabled } })),
      );
    if (what === 'test') {
      await ok(
        api.POST('/v1/webhook-endpoints/{id}/test', { ...path, body: { event_type: 'task.completed' } }),
      );
      setNotice(m.testSent);
      setOpen(true);
    }
    if (what === 'replay') {
      const since = new Date(Date.now() - 24 * 3600_000).toISOString();
      const result = await ok(
        api.POST('/v1/webhook-endpoints/{id}/replay', { ...path, body: { since, only_failed: true } }),
      );
      setNotice(m.replayed(result.replayed));
    }
    if (what === 'rotate') {
      const rotated = await ok(api.POST('/v1/webhook-endpoints/{id}/rotate-secret', path));
      props.onSecret(rotated.secret);
      setNotice(m.rotated);
    }
    if (what === 'delete') {
      await ok(api.DELETE('/v1/webhook-endpoints/{id}', path));
      props.onDeleted();
    }
  });
  return (
    <article class="card wh-endpoint" data-testid="webhook-endpoint" data-enabled={String(endpoint.enabled)}>
      <div class="row wh-head">
        <h2 class="wh-url">{endpoint.url}</h2>
        <StatusBadge status={endpoint.enabled ? 'enabled' : 'disabled'} />
      </div>
      {endpoint.disabled_reason && <p class="muted">{endpoint.disabled_reason}</p>}
      <dl class="facts">
        <dt>{m.events}</dt>
        <dd>{endpoint.events.includes('*') ? m.everyEvent : endpoint.events.join(', ')}</dd>
        <dt>{m.success24h}</dt>
        <dd>{formatShare(endpoint.success_rate.last_24h)}</dd>
        <dt>{m.success7d}</dt>
        <dd class="row wh-rate">
          {formatShare(endpoint.success_rate.last_7d)}
          <SuccessSparkline days={endpoint.success_rate.daily} label={m.perDay} />
        </dd>
        <dt>{m.failingSince}</dt>
        <dd>{endpoint.failing_since ? formatDate(endpoint.failing_since) : '—'}</dd>
      </dl>
      <div class="row wh-actions">
        <button type="button" disabled={act.busy} onClick={() => void act.run('toggle')}>
          {endpoint.enabled ? m.disable : m.enable}
        </button>
        <button type="button" disabled={act.busy || !endpoint.enabled} onClick={() => void act.run('test')}>
          {m.sendTest}
        </button>
        <button type="button" disabled={act.busy || !endpoint.enabled} onClick={() => void act.run('replay')}>
          {m.replay}
        </button>
        <button type="button" disabled={act.busy} onClick={() => void act.run('rotate')}>
          {m.rotate}
        </button>
        <button
          type="button"
          class="danger"
          disabled={act.busy}
          onClick={() => {
            if (confirm(m.confirmDelete(endpoint.url))) void act.run('delete');
          }}
        >
          {m.delete}
        </button>
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? m.hideDeliveries : m.showDeliveries}
        </button>
      </div>
      {notice && (
        <p class="hint" role="status">
          {notice}
        </p>
      )}
      <ProblemBanner problem={act.problem} />
      {open && <Deliveries endpointId={endpoint.id} />}
    </article>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const m = useMessages(webhookMessages);
  const list = useList(
    (cursor) =>
      ok(
        api.GET('/v1/webhook-endpoints/{id}/deliveries', {
          params: { path: { id: endpointId }, query: { cursor } },
        }),
      ),
    [endpointId],
  );
  return (
    <div class="wh-deliveries">
      <div class="row">
        <h3>{m.deliveries}</h3>
        <button type="button" class="link" onClick={() => void list.reload()} disabled={list.loading}>
          {m.refresh}
        </button>
      </div>
      <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />
      {!list.items ? (
        list.loading && <Loading />
      ) : list.items.length === 0 ? (
        <p class="muted">{m.nothingSent}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.event}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.attempts}</th>
                <th scope="col">{m.lastAnswer}</th>
                <th scope="col">{m.nextAttempt}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={list} />
    </div>
  );
}

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  const m = useMessages(webhookMessages);
  const last = delivery.history[0];
  return (
    <tr data-testid="webhook-delivery" data-status={delivery.status}>
      <td>
        <code>{delivery.event_type}</code>
        <br />
        <small class="muted">{formatDate(delivery.created_at)}</small>
      </td>
      <td>
        <StatusBadge status={delivery.status} />
      </td>
      <td class="num">{formatNumber(delivery.attempts)}</td>
      <td>
        {last ? (
          <>
            {last.status_code ? `HTTP ${last.status_code}` : m.noAnswer} ·{' '}
            {m.milliseconds(formatNumber(last.duration_ms))}
            {last.error && (
              <>
                <br />
                <small class="muted">{last.error}</small>
              </>
            )}
            {last.response && <pre class="wh-response">{last.response}</pre>}
          </>
        ) : (
          <span class="muted">—</span>
        )}
      </td>
      <td>{delivery.next_attempt_at ? formatDate(delivery.next_attempt_at) : '—'}</td>
    </tr>
  );
}
