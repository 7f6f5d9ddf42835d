// One task in full: its status and AI verdict (confidence, how much the AI handled, the model, the checks),
// any error or review, the input, and the result through the result viewer.
import { api, ok, type Task } from '../../api/client';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import type { Role } from '../../session';
import { Confidence, StatusBadge } from '../../ui/badges';
import { Empty, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate, formatPercent } from '../../ui/format';
import { engagementWords } from './messages';
import { ResultView } from './result-view';
import { checkNames, taskPanelTexts } from './task-messages';

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
  const m = useMessages(taskPanelTexts);
  const shared = useMessages(common);
  const words = useMessages(engagementWords);
  const checks = useMessages(checkNames);
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
              {m.review}
            </a>
          )}
          <button type="button" class="small" onClick={onClose}>
            {shared.close}
          </button>
        </div>
      </div>
      <dl class="facts">
        <dt>{m.module}</dt>
        <dd>
          {words.moduleName(task.module)} · {words.taskType(task.type)}
        </dd>
        <dt>{m.priority}</dt>
        <dd>{words.priority(task.priority)}</dd>
        <dt>{shared.confidence}</dt>
        <dd>
          <Confidence value={task.ai_confidence} threshold={threshold} />{' '}
          <small class="muted">{m.reviewBelow(formatPercent(threshold))}</small>
        </dd>
        <dt>{m.aiHandled}</dt>
        <dd>{task.ai_handled ? m.handled(task.ai_handled) : '—'}</dd>
        <dt>{m.model}</dt>
        <dd>{task.model_used ?? '—'}</dd>
        <dt>{m.created}</dt>
        <dd>{formatDate(task.created_at)}</dd>
        <dt>{m.started}</dt>
        <dd>{formatDate(task.started_at)}</dd>
        <dt>{m.finished}</dt>
        <dd>{formatDate(task.completed_at)}</dd>
        <dt>{m.input}</dt>
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
          <strong>{m.error}</strong> {task.error}
        </div>
      )}

      {task.review && (
        <>
          <h4>{m.reviewTitle}</h4>
          <dl class="facts">
            <dt>{m.decision}</dt>
            <dd>{task.review.approved ? m.approved : m.rejected}</dd>
            <dt>{m.notes}</dt>
            <dd>{task.review.notes || '—'}</dd>
            <dt>{m.reviewedAt}</dt>
            <dd>{formatDate(task.review.at)}</dd>
          </dl>
        </>
      )}

      {task.checks && task.checks.length > 0 && (
        <>
          <h4>{m.checks}</h4>
          <ul class="check-list">
            {task.checks.map((check) => (
              <li key={check.name} class={check.passed ? 'check-pass' : 'check-fail'}>
                <span aria-hidden="true">{check.passed ? '✓' : '✗'}</span>
                <span>
                  <span class="visually-hidden">{check.passed ? m.passed : m.failed}</span>
                  {checks.name(check.name)}
                  {check.detail && <small class="muted"> — {check.detail}</small>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>{m.result}</h4>
      {task.output !== null && task.output !== undefined ? (
        <ResultView value={task.output} />
      ) : (
        <Empty title={running ? m.processing : m.noResult}>{running ? m.comesSoon : m.noOutput}</Empty>
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
  const m = useMessages(taskPanelTexts);
  const { input } = props.task;
  if (props.fileId) {
    const id = props.fileId;
    return (
      <button type="button" class="link" disabled={props.busy} onClick={() => props.onOpen(id)}>
        {m.openFile}
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
        <summary>{m.pasted(input.text.length)}</summary>
        <pre>{input.text}</pre>
      </details>
    );
  return <span class="muted">—</span>;
}
