// One task in full: its status and AI verdict (confidence, how much the AI handled, the model, the checks),
// any error or review, the input, and the result through the result viewer.
import { api, ok, type Task } from '../../api/client';
import type { Role } from '../../session';
import { Confidence, StatusBadge } from '../../ui/badges';
import { Empty, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate, titleCase } from '../../ui/format';
import { ResultView } from './result-view';

export function TaskPanel({
  task,
  role,
  threshold,
  onClose,
}: {
  task: Task;
  role: Role;
  threshold: number;
  onClose: () => void;
}) {
  const fileId = typeof task.input.file_id === 'string' ? task.input.file_id : null;
  const openFile = useAction(async (id: string) => {
    // Opened inside the click, so no popup blocker stops it; the signed URL arrives a moment later.
    const tab = window.open('about:blank', '_blank');
    try {
      const signed = await ok(api.GET('/v1/files/{id}/url', { params: { path: { id } } }));
      if (tab) tab.location.href = signed.url;
      else location.assign(signed.url);
    } catch (error) {
      tab?.close();
      throw error;
    }
  });
  const running = task.status === 'queued' || task.status === 'in_progress';

  return (
    <aside
      class="card task-panel"
      aria-labelledby="task-panel-title"
      data-testid="task-panel"
      data-status={task.status}
    >
      <div class="page-head">
        <h3 id="task-panel-title" tabIndex={-1}>
          {task.title}
        </h3>
        <div class="row">
          <StatusBadge status={task.status} />
          {role === 'expert' && task.status === 'needs_review' && (
            <a class="button primary small" href={`/reviews/${task.id}`}>
              Review
            </a>
          )}
          <button type="button" class="small" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <dl class="facts">
        <dt>Module</dt>
        <dd>
          {task.module} · {task.type}
        </dd>
        <dt>Priority</dt>
        <dd>{titleCase(task.priority)}</dd>
        <dt>Confidence</dt>
        <dd>
          <Confidence value={task.ai_confidence} threshold={threshold} />{' '}
          <small class="muted">(review below {threshold} %)</small>
        </dd>
        <dt>AI handled</dt>
        <dd>{task.ai_handled ? titleCase(task.ai_handled) : '—'}</dd>
        <dt>Model</dt>
        <dd>{task.model_used ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatDate(task.created_at)}</dd>
        <dt>Started</dt>
        <dd>{formatDate(task.started_at)}</dd>
        <dt>Finished</dt>
        <dd>{formatDate(task.completed_at)}</dd>
        <dt>Input</dt>
        <dd>
          <TaskInput
            task={task}
            fileId={fileId}
            onOpen={(id) => void openFile.run(id)}
            busy={openFile.busy}
          />
        </dd>
      </dl>
      <ProblemBanner problem={openFile.problem} />

      {task.error && (
        <div class="banner banner-error" role="alert">
          <strong>Error</strong> {task.error}
        </div>
      )}

      {task.review && (
        <>
          <h4>Review</h4>
          <dl class="facts">
            <dt>Decision</dt>
            <dd>{task.review.approved ? 'Approved' : 'Rejected (sent back for reprocessing)'}</dd>
            <dt>Notes</dt>
            <dd>{task.review.notes || '—'}</dd>
            <dt>At</dt>
            <dd>{formatDate(task.review.at)}</dd>
          </dl>
        </>
      )}

      {task.checks && task.checks.length > 0 && (
        <>
          <h4>Checks</h4>
          <ul class="check-list">
            {task.checks.map((check) => (
              <li key={check.name} class={check.passed ? 'check-pass' : 'check-fail'}>
                <span aria-hidden="true">{check.passed ? '✓' : '✗'}</span>
                <span>
                  <span class="visually-hidden">{check.passed ? 'Passed: ' : 'Failed: '}</span>
                  {titleCase(check.name)}
                  {check.detail && <small class="muted"> — {check.detail}</small>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>AI result</h4>
      {task.output !== null && task.output !== undefined ? (
        <ResultView value={task.output} />
      ) : (
        <Empty title={running ? 'Processing…' : 'No result'}>
          {running
            ? 'The result appears here as soon as the module finishes.'
            : 'This task produced no output.'}
        </Empty>
      )}
    </aside>
  );
}

function TaskInput(props: {
  task: Task;
  fileId: string | null;
  onOpen: (id: string) => void;
  busy: boolean;
}) {
  const { input } = props.task;
  if (props.fileId) {
    const id = props.fileId;
    return (
      <button type="button" class="link" disabled={props.busy} onClick={() => props.onOpen(id)}>
        Open input file
      </button>
    );
  }
  if (typeof input.url === 'string')
    return (
      <a href={input.url} target="_blank" rel="noopener noreferrer">
        {input.url}
      </a>
    );
  if (typeof input.text === 'string')
    return (
      <details>
        <summary>Pasted text ({input.text.length.toLocaleString()} characters)</summary>
        <pre>{input.text}</pre>
      </details>
    );
  return <span class="muted">—</span>;
}
