// One email: its headers, how far it got (queued → sent → delivered or bounced, opened, clicked), and its
// body — the HTML in a sandboxed frame (no scripts, no access to this page), the text version beside it.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Schemas } from '../../api/client';
import { statuses } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { StatusBadge } from '../../ui/badges';
import { Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { recipientOf } from './emails';
import { emailMessages } from './messages';
import './admin.css';

type Email = Schemas['Email'];

export function EmailPage() {
  const m = useMessages(emailMessages);
  const { params } = useRoute();
  const id = params.id ?? '';
  const email = useResource(() => ok(api.GET('/v1/admin/emails/{id}', { params: { path: { id } } })), [id]);
  return (
    <section class="page">
      <p class="adm-back">
        <a href="/admin/emails">{m.allEmails}</a>
      </p>
      <PageHead title={email.data?.subject || m.email}>
        {email.data && <StatusBadge status={email.data.status} />}
      </PageHead>
      <ProblemBanner
        problem={email.error}
        onRetry={email.error?.status === 404 ? undefined : () => void email.reload()}
      />
      {email.data === undefined ? (
        email.loading && <Loading label={m.loadingEmail} />
      ) : (
        <EmailView email={email.data} />
      )}
    </section>
  );
}

function EmailView({ email }: { email: Email }) {
  const m = useMessages(emailMessages);
  return (
    <>
      <div class="split">
        <section class="card" aria-labelledby="email-headers">
          <h2 id="email-headers">{m.headers}</h2>
          <dl class="facts">
            <dt>{m.from}</dt>
            <dd>{email.from}</dd>
            <dt>{m.to}</dt>
            <dd>{recipientOf(email)}</dd>
            <dt>{m.subject}</dt>
            <dd>{email.subject}</dd>
            <dt>{m.kind}</dt>
            <dd>{m.templates(email.template)}</dd>
            <dt>{m.sentVia}</dt>
            <dd>
              {m.providers(email.provider)}
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
              <strong>{m.error}</strong> {email.error}
            </div>
          )}
        </section>
        <section class="card" aria-labelledby="email-timeline">
          <h2 id="email-timeline">{m.timeline}</h2>
          <Timeline email={email} />
        </section>
      </div>
      <EmailBody email={email} />
    </>
  );
}

interface Step {
  /** A status (or opened / clicked): its words come from the catalogues. */
  name: 'queued' | 'sent' | 'bounced' | 'delivered' | 'failed' | 'opened' | 'clicked';
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
    { name: 'queued', at: email.created_at },
    { name: 'sent', at: reached(sentOrLater, email.status === 'sent') },
  ];
  if (email.status === 'bounced') steps.push({ name: 'bounced', at: reached(true, true) });
  else if (email.status !== 'failed')
    steps.push({ name: 'delivered', at: reached(email.status === 'delivered', true) });
  if (email.status === 'failed') steps.push({ name: 'failed', at: reached(true, true) });
  steps.push({ name: 'opened', at: email.opened_at }, { name: 'clicked', at: email.clicked_at });
  return steps;
}

function Timeline({ email }: { email: Email }) {
  const m = useMessages(emailMessages);
  const status = useMessages(statuses);
  const words = { ...status, opened: m.openedStep, clicked: m.clickedStep };
  return (
    <ol class="adm-timeline">
      {timelineSteps(email).map((step) => (
        <li key={step.name} data-reached={step.at !== null ? 'true' : 'false'}>
          <span class="adm-step-name">{words[step.name]}</span>{' '}
          <span class="muted">
            {step.at === null ? m.notYet : step.at === undefined ? m.reachedNoTime : formatDate(step.at)}
          </span>
        </li>
      ))}
    </ol>
  );
}

function EmailBody({ email }: { email: Email }) {
  const m = useMessages(emailMessages);
  const [view, setView] = useState<'html' | 'text'>('html');
  return (
    <section class="card" aria-labelledby="email-body">
      <div class="row adm-section-head">
        <h2 id="email-body">{m.body}</h2>
        <fieldset class="adm-tabs">
          <legend class="adm-sr-only">{m.bodyVersion}</legend>
          <button type="button" class="small" aria-pressed={view === 'html'} onClick={() => setView('html')}>
            {m.html}
          </button>
          <button type="button" class="small" aria-pressed={view === 'text'} onClick={() => setView('text')}>
            {m.text}
          </button>
        </fieldset>
      </div>
      {view === 'html' ? (
        email.html ? (
          // sandbox="" with srcdoc: no scripts, no same-origin access, no forms or pop-ups.
          <iframe class="adm-frame" title={m.htmlOf(email.subject)} sandbox="" srcdoc={email.html} />
        ) : (
          <p class="muted">{m.noHtml}</p>
        )
      ) : (
        <pre class="adm-text" data-testid="email-text">
          {email.text || m.noText}
        </pre>
      )}
    </section>
  );
}
