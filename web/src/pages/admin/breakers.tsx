// Circuit breakers: one card per external dependency with its state, failures, when it opened and when it
// will next let a trial call through. Refresh reloads; nothing polls.
import { api, ok, type Schemas } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { PageHead } from '../../ui/page';
import './admin.css';

type Breaker = Schemas['Breaker'];

export function BreakersPage() {
  const breakers = useResource(() => ok(api.GET('/v1/admin/breakers')), []);
  return (
    <section class="page">
      <PageHead title="Circuit breakers">
        <button type="button" onClick={() => void breakers.reload()} disabled={breakers.loading}>
          Refresh
        </button>
      </PageHead>
      <p class="hint adm-intro">
        <strong>Closed</strong>: calls go through. <strong>Open</strong>: after 5 consecutive failures calls
        are not made; work waits and retries after the cool-down. <strong>Half open</strong>: the cool-down
        has passed and one trial call goes through — success closes the breaker, failure opens it again.
      </p>
      <ProblemBanner problem={breakers.error} onRetry={() => void breakers.reload()} />
      {breakers.data === undefined ? (
        breakers.loading && <Loading label="Loading breakers…" />
      ) : breakers.data.data.length === 0 ? (
        <Empty title="No breakers yet">A breaker appears once its dependency has been called.</Empty>
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
          <code>{breaker.name}</code>
        </h2>
        <StatusBadge status={breaker.state} />
      </div>
      <dl class="facts">
        <dt>Consecutive failures</dt>
        <dd>{breaker.failures}</dd>
        <dt>Opened at</dt>
        <dd>{formatDate(breaker.opened_at)}</dd>
        <dt>Next trial</dt>
        <dd>{nextTrial(breaker)}</dd>
        <dt>Last change</dt>
        <dd>{breaker.updated_at ? formatDate(breaker.updated_at) : 'Never tripped'}</dd>
      </dl>
      {breaker.last_error && (
        <>
          <h3>Last error</h3>
          <pre class="adm-error">{breaker.last_error}</pre>
        </>
      )}
    </article>
  );
}

function nextTrial(breaker: Breaker): string {
  if (breaker.state === 'half_open') return 'Now — one trial call at a time';
  if (breaker.state === 'closed' || !breaker.next_trial_at) return '—';
  const at = new Date(breaker.next_trial_at);
  if (at.getTime() <= Date.now()) return 'With the next call (cool-down passed)';
  return at.toLocaleTimeString(undefined, { timeStyle: 'medium' });
}
