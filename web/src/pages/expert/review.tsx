// One review: the document on the left, the AI result on the right as a form to correct, and the three
// decisions — approve, approve with corrections, reject (back to the queue for reprocessing, with notes).
// Invoices get a bookkeeper's form (parties, line items, sums) linked to the fields' boxes on the page;
// other task types the generic editor. Loaded lazily (routes.ts): only reviewers download this page.

import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok, type Task } from '../../api/client';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { useResource } from '../../live/use-resource';
import { Confidence, StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { Field, useAction } from '../../ui/form';
import { formatDate } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { EngagementLink, engagementById } from '../engagements/names';
import { ChecksPanel } from './checks-panel';
import { DocumentView } from './document-view';
import { HighlightContext } from './invoice/highlight';
import { isInvoiceTask, type Output } from './invoice/invoice';
import { InvoiceEditor } from './invoice/invoice-editor';
import { expertMessages } from './messages';
import { type Edits, OutputEditor } from './output-editor';
import './review.css';

/** The Worker's default, for when the engagement (and so its own threshold) cannot be read. */
const DEFAULT_THRESHOLD = 80;

export function ReviewPage() {
  const m = useMessages(expertMessages);
  const { id = '' } = useRoute().params;
  const task = useResource(() => ok(api.GET('/v1/tasks/{id}', { params: { path: { id } } })), [id]);

  if (task.error) {
    return (
      <section class="page">
        <PageHead title={m.reviewTitle} />
        <ProblemBanner problem={task.error} onRetry={() => void task.reload()} />
        <a href="/reviews">{m.backToQueue}</a>
      </section>
    );
  }
  if (!task.data) return <Loading />;
  return <Review task={task.data} onChanged={() => void task.reload()} />;
}

function Review({ task, onChanged }: { task: Task; onChanged: () => void }) {
  const m = useMessages(expertMessages);
  const c = useMessages(common);
  const { route } = useLocation();
  const original = (task.output ?? {}) as Output;
  const [edits, setEdits] = useState<Edits>({ output: original, invalid: {} });
  const [notes, setNotes] = useState('');
  const [notesError, setNotesError] = useState<string>();
  useEffect(() => setEdits({ output: original, invalid: {} }), [task.id]);
  const engagement = useResource(() => engagementById(task.engagement_id), [task.engagement_id]);
  const threshold = engagement.data?.review_threshold ?? (engagement.loading ? null : DEFAULT_THRESHOLD);
  const [selected, select] = useState<string | null>(null);
  const [hovered, hover] = useState<string | null>(null);

  const corrected = JSON.stringify(edits.output) !== JSON.stringify(original);
  const invalid = Object.keys(edits.invalid).length > 0;
  const decide = useAction(async (decision: 'approve' | 'correct' | 'reject') => {
    const body =
      decision === 'reject'
        ? { approve: false, notes }
        : {
            approve: true,
            ...(notes ? { notes } : {}),
            ...(decision === 'correct' ? { output: edits.output } : {}),
          };
    await ok(api.POST('/v1/tasks/{id}/review', { params: { path: { id: task.id } }, body }));
    route(`/reviews?reviewed=${encodeURIComponent(task.title)}`);
  });
  const submit = (decision: 'approve' | 'correct' | 'reject') => {
    if (decision === 'reject' && !notes.trim()) {
      setNotesError(m.notesRequired);
      document.getElementById('review-notes')?.focus();
      return;
    }
    setNotesError(undefined);
    void decide.run(decision).then((done) => {
      if (!done) onChanged(); // e.g. 409: someone else decided; show the task as it is now
    });
  };
  const reviewable = task.status === 'needs_review';

  return (
    <HighlightContext.Provider value={{ selected, hovered, select, hover }}>
      <section class="page review-page">
        <PageHead title={task.title}>
          <StatusBadge status={task.status} />
        </PageHead>
        <p class="muted">
          <a href="/reviews">{m.backToQueue}</a> · <EngagementLink id={task.engagement_id} /> ·{' '}
          <span title={`${task.module} · ${task.type}`}>{m.taskKind(task.type)}</span> ·{' '}
          {m.createdOn(formatDate(task.created_at))}
        </p>
        <ProblemBanner problem={decide.problem} />
        {!reviewable && (
          <div class="banner banner-info" role="status">
            {m.notWaiting(Boolean(task.review))}
          </div>
        )}
        <div class="split review-split">
          <div class="card review-left">
            <h2>{m.document}</h2>
            <DocumentView task={task} />
          </div>
          <div class="card">
            <h2>{m.aiResult}</h2>
            <dl class="facts">
              <dt>{c.confidence}</dt>
              <dd>
                <Confidence value={task.ai_confidence} threshold={threshold ?? DEFAULT_THRESHOLD} />
              </dd>
              <dt>{m.model}</dt>
              <dd>{task.model_used ?? '—'}</dd>
            </dl>
            <ChecksPanel task={task} threshold={threshold} />
            {task.output ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  submit('approve');
                }}
              >
                {isInvoiceTask(task) ? (
                  <InvoiceEditor
                    original={original}
                    edits={edits}
                    setEdits={setEdits}
                    threshold={threshold ?? DEFAULT_THRESHOLD}
                    problem={decide.problem}
                  />
                ) : (
                  <OutputEditor
                    original={original}
                    edits={edits}
                    onChange={setEdits}
                    problem={decide.problem}
                  />
                )}
                <Field label={m.notes} name="review-notes" hint={m.notesHint}>
                  <textarea
                    id="review-notes"
                    name="review-notes"
                    rows={3}
                    value={notes}
                    aria-invalid={Boolean(notesError) || undefined}
                    aria-describedby={notesError ? 'review-notes-error' : undefined}
                    onInput={(e) => setNotes(e.currentTarget.value)}
                  />
                  {notesError && (
                    <small class="field-error" id="review-notes-error" role="alert">
                      {notesError}
                    </small>
                  )}
                </Field>
                <div class="row review-actions">
                  <button type="submit" class="primary" disabled={!reviewable || decide.busy || corrected}>
                    {m.approve}
                  </button>
                  <button
                    type="button"
                    class="primary"
                    disabled={!reviewable || decide.busy || !corrected || invalid}
                    onClick={() => submit('correct')}
                  >
                    {m.approveCorrected}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    disabled={!reviewable || decide.busy}
                    onClick={() => submit('reject')}
                  >
                    {m.reject}
                  </button>
                </div>
                {corrected && !invalid && <p class="hint">{m.changedHint}</p>}
                {invalid && (
                  <p class="field-error" data-testid="invalid-hint">
                    {m.invalidHint}
                  </p>
                )}
              </form>
            ) : (
              <Empty title={m.noResult}>
                <p>{m.noResultBody}</p>
              </Empty>
            )}
          </div>
        </div>
      </section>
    </HighlightContext.Provider>
  );
}
