// Circuit breakers: one card per external dependency with its state, failures, when it opened and when it
// will next let a trial call through. Refresh reloads; nothing polls.
import { api, ok, type Schemas } from '../../api/client';
import { statuses } from '../../i18n/common';
import { type Translation, useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatNumber, formatTime } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { breakerMessages } from './messages';
import './admin.css';

type Breaker = Schemas['Breaker'];

export function BreakersPage() {
  const m = useMessages(breakerMessages);
  const state = useMessages(statuses);
  const breakers = useResource(() => ok(api.GET('/v1/admin/breakers')), []);
  return (
    <section class="page">
      <PageHead title={m.title}>
        <button type="button" onClick={() => void breakers.reload()} disabled={breakers.loading}>
          {m.refresh}
        </button>
      </PageHead>
      <p class="hint adm-intro">
        <strong>{state.closed}</strong>: {m.closedMeaning} <strong>{state.open}</strong>: {m.openMeaning}{' '}
        <strong>{state.half_open}</strong>: {m.halfOpenMeaning}
      </p>
      <ProblemBanner problem={breakers.error} onRetry={() => void breakers.reload()} />
      {breakers.data === undefined ? (
        breakers.loading && <Loading label={m.loading} />
      ) : breakers.data.data.length === 0 ? (
        <Empty title={m.none}>{m.noneBody}</Empty>
      ) : (
        <div class="grid">
          {breakers.data.data.map((breaker) => (
            <BreakerCard key={breaker.name} breaker={breaker} />
          ))}
        </div>
      )}
    </section>
  );
}

function BreakerCard({ breaker }: { breaker: Breaker }) {
  const m = useMessages(breakerMessages);
  const headingId = `breaker-${breaker.name.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <article
      class="card adm-breaker"
      aria-labelledby={headingId}
      data-testid="breaker"
      data-name={breaker.name}
      data-state={breaker.state}
    >
      <div class="row adm-breaker-head">
        <h2 id={headingId}>
          {m.names(breaker.name)} <code class="muted adm-code-name">{breaker.name}</code>
        </h2>
        <StatusBadge status={breaker.state} />
      </div>
      <dl class="facts">
        <dt>{m.failures}</dt>
        <dd>{formatNumber(breaker.failures)}</dd>
        <dt>{m.openedAt}</dt>
        <dd>{formatDate(breaker.opened_at)}</dd>
        <dt>{m.nextTrial}</dt>
        <dd>{nextTrial(breaker, m)}</dd>
        <dt>{m.lastChange}</dt>
        <dd>{breaker.updated_at ? formatDate(breaker.updated_at) : m.neverTripped}</dd>
      </dl>
      {breaker.last_error && (
        <>
          <h3>{m.lastError}</h3>
          <pre class="adm-error">{breaker.last_error}</pre>
        </>
      )}
    </article>
  );
}

function nextTrial(breaker: Breaker, m: Translation<typeof breakerMessages.en>): string {
  if (breaker.state === 'half_open') return m.trialNow;
  if (breaker.state === 'closed' || !breaker.next_trial_at) return '—';
  if (Date.parse(breaker.next_trial_at) <= Date.now()) return m.trialWithNextCall;
  return formatTime(breaker.next_trial_at);
}
