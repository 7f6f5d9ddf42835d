// One email: its headers, how far it got (queued → sent → delivered or bounced, opened, clicked), and its
// body — the HTML in a sandboxed frame (no scripts, no access to this page), the text version beside it.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Schemas } from '../../api/client';
import { useResource } from '../../live/use-resource';
import { StatusBadge } from '../../ui/badges';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { PageHead } from '../../ui/page';
import './admin.css';

type Email = Schemas['Email'];

export function EmailPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const email = useResource(() => ok(api.GET('/v1/admin/emails/{id}', { params: { path: { id } } })), [id]);
  return (
    <section class="page">
      <p class="adm-back">
        <a href="/admin/emails">← All emails</a>
      </p>
      <PageHead title={email.data?.subject || 'Email'}>
        {email.data && <StatusBadge status={email.data.status} />}
      </PageHead>
      <ProblemBanner
        problem={email.error}
        onRetry={email.error?.status === 404 ? undefined : () => void email.reload()}
      />
      {email.data === undefined ? (
        email.loading && <Loading label="Loading email…" />
      ) : (
        <EmailView email={email.data} />
      )}
    </section>
  );
}

function EmailView({ email }: { email: Email }) {
  return (
    <>
      <div class="split">
        <section class="card" aria-labelledby="email-headers">
          <h2 id="email-headers">Headers</h2>
          <dl class="facts">
            <dt>From</dt>
            <dd>{email.from}</dd>
            <dt>To</dt>
            <dd>{email.to}</dd>
            <dt>Subject</dt>
            <dd>{email.subject}</dd>
            <dt>Template</dt>
            <dd>
              <code>{email.template}</code>
            </dd>
            <dt>Provider</dt>
            <dd>
              {email.provider}
              {email.provider_id && (
                <>
                  {' '}
                  <code class="adm-break muted">{email.provider_id}</code>
                </>
              )}
            </dd>
          </dl>
          {email.error && (
            <div class="banner banner-error adm-spaced" role="note">
              <strong>Error</strong> {email.error}
            </div>
          )}
        </section>
        <section class="card" aria-labelledby="email-timeline">
          <h2 id="email-timeline">Timeline</h2>
          <Timeline email={email} />
        </section>
      </div>
      <EmailBody email={email} />
    </>
  );
}

interface Step {
  name: string;
  /** null: not reached; undefined: reached, but the log keeps no time for it. */
  at: string | null | undefined;
}

/**
 * The log keeps when the email was created, opened and clicked, plus the time of its last change; a status
 * step between those shows as reached without a time of its own.
 */
function timelineSteps(email: Email): Step[] {
  const lastChange = email.opened_at || email.clicked_at ? undefined : email.updated_at;
  const reached = (yes: boolean, current: boolean) => (yes ? (current ? lastChange : undefined) : null);
  const sentOrLater = email.status !== 'queued' && email.status !== 'failed';
  const steps: Step[] = [
    { name: 'Queued', at: email.created_at },
    { name: 'Sent', at: reached(sentOrLater, email.status === 'sent') },
  ];
  if (email.status === 'bounced') steps.push({ name: 'Bounced', at: reached(true, true) });
  else if (email.status !== 'failed')
    steps.push({ name: 'Delivered', at: reached(email.status === 'delivered', true) });
  if (email.status === 'failed') steps.push({ name: 'Failed', at: reached(true, true) });
  steps.push({ name: 'Opened', at: email.opened_at }, { name: 'Clicked', at: email.clicked_at });
  return steps;
}

function Timeline({ email }: { email: Email }) {
  return (
    <ol class="adm-timeline">
      {timelineSteps(email).map((step) => (
        <li key={step.name} data-reached={step.at !== null ? 'true' : 'false'}>
          <span class="adm-step-name">{step.name}</span>{' '}
          <span class="muted">
            {step.at === null
              ? 'Not yet'
              : step.at === undefined
                ? 'Reached (time not recorded)'
                : formatDate(step.at)}
          </span>
        </li>
      ))}
    </ol>
  );
}

function EmailBody({ email }: { email: Email }) {
  const [view, setView] = useState<'html' | 'text'>('html');
  return (
    <section class="card" aria-labelledby="email-body">
      <div class="row adm-section-head">
        <h2 id="email-body">Body</h2>
        <fieldset class="adm-tabs">
          <legend class="adm-sr-only">Body version</legend>
          <button type="button" class="small" aria-pressed={view === 'html'} onClick={() => setView('html')}>
            HTML
          </button>
          <button type="button" class="small" aria-pressed={view === 'text'} onClick={() => setView('text')}>
            Text
          </button>
        </fieldset>
      </div>
      {view === 'html' ? (
        email.html ? (
          // sandbox="" with srcdoc: no scripts, no same-origin access, no forms or pop-ups.
          <iframe class="adm-frame" title={`HTML body of ${email.subject}`} sandbox="" srcdoc={email.html} />
        ) : (
          <p class="muted">This email has no HTML version.</p>
        )
      ) : (
        <pre class="adm-text" data-testid="email-text">
          {email.text || 'This email has no text version.'}
        </pre>
      )}
    </section>
  );
}
