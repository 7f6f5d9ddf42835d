// /engagements/:id: one engagement, live. The room pushes every change: a task event fetches that task and
// merges it into the list; engagement, module and payment events reload their part. No polling.
import { useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Task } from '../../api/client';
import { type Translation, useMessages } from '../../i18n/define';
import { type EngagementRoomEvent, inFamily, useRoom } from '../../live/room';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { type Role, useSession } from '../../session';
import { StatusBadge } from '../../ui/badges';
import { LiveIndicator, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatPercent } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { automationTexts } from '../automation/messages';
import { AutomationPanel } from '../automation/panel';
import { ActionButtons, useEngagementAction } from './actions';
import { ActivityTimeline } from './activity';
import { BillingSummary } from './billing-summary';
import './engagements.css';
import { engagementPage, engagementWords } from './messages';
import { OtherParty } from './names';
import { NewTaskForm } from './new-task';
import { EngagementPayments } from './payments';
import { DEFAULT_THRESHOLD, formatRate } from './shared';
import { TaskPanel } from './task-panel';
import { TaskTable, useEngagementTasks } from './tasks';

export function EngagementPage() {
  const id = useRoute().params.id ?? '';
  const role: Role = useSession()?.role ?? 'company';
  const path = { params: { path: { id } } };
  const engagement = useResource(() => ok(api.GET('/v1/engagements/{id}', path)), [id]);
  const modules = useResource(
    async () => (await ok(api.GET('/v1/engagements/{id}/modules', path))).data,
    [id],
  );
  const tasks = useEngagementTasks(id);
  const payments = useList(
    (cursor) => ok(api.GET('/v1/payments', { params: { query: { engagement_id: id, cursor } } })),
    [id],
  );
  const report = useResource(() => ok(api.GET('/v1/engagements/{id}/calibration', path)), [id]);
  const billing = useResource(() => ok(api.GET('/v1/engagements/{id}/billing', path)), [id]);
  const activity = useList(
    (cursor) => ok(api.GET('/v1/engagements/{id}/activity', { params: { path: { id }, query: { cursor } } })),
    [id],
  );
  const m = useMessages(engagementPage);
  const words = useMessages(engagementWords);
  const automation = useMessages(automationTexts);
  const [selected, setSelected] = useState<string | null>(null);
  const action = useEngagementAction((updated) => engagement.set(() => updated));

  // Two events of one task can race; only the answer to the latest fetch is merged.
  const fetches = useRef(new Map<string, number>());
  const refreshTask = async (taskId: string) => {
    const mine = (fetches.current.get(taskId) ?? 0) + 1;
    fetches.current.set(taskId, mine);
    try {
      const task = await ok(api.GET('/v1/tasks/{id}', { params: { path: { id: taskId } } }));
      if (fetches.current.get(taskId) === mine && task.engagement_id === id) tasks.upsert(task);
    } catch {
      // The next event, or the reload after a reconnect, brings the task; the list keeps what it had.
    }
  };

  const onEvent = (event: EngagementRoomEvent) => {
    void activity.reload();
    // A finish or a review changes the automation figures; other task events (created, started) do not.
    if (event.type === 'task.completed' || event.type === 'task.reviewed') void report.reload();
    if (inFamily(event, 'task.')) void refreshTask(event.data.task_id);
    else if (inFamily(event, 'engagement.')) void engagement.reload();
    else if (inFamily(event, 'module.')) void modules.reload();
    else if (inFamily(event, 'payment.') || inFamily(event, 'billing.')) {
      void payments.reload();
      void billing.reload();
    }
  };
  // Whatever changed between the first load and the socket opening.
  const onSynced = () => {
    void engagement.reload();
    void modules.reload();
    void tasks.reload();
    void payments.reload();
    void billing.reload();
    void report.reload();
    void activity.reload();
  };
  const live = useRoom(id, onEvent, onSynced);

  const e = engagement.data;
  if (!e) {
    return (
      <section class="page">
        <Back />
        <PageHead title={m.title} />
        {engagement.error ? (
          <ProblemBanner problem={engagement.error} onRetry={() => void engagement.reload()} />
        ) : (
          <Loading />
        )}
      </section>
    );
  }

  const threshold = e.review_threshold ?? DEFAULT_THRESHOLD;
  const task = tasks.items?.find((t) => t.id === selected);
  const select = (taskId: string) => {
    setSelected(taskId);
    // On a phone the panel is below the list: bring it into view.
    requestAnimationFrame(() => document.getElementById('task-panel-title')?.focus());
  };
  const created = (t: Task) => tasks.upsert(t);

  return (
    <section class="page">
      <Back />
      <PageHead title={e.title}>
        <StatusBadge status={e.status} />
        <LiveIndicator state={live.state} members={live.members} />
        <ActionButtons engagement={e} role={role} action={action} />
      </PageHead>
      <ProblemBanner problem={action.problem} />
      <ProblemBanner problem={engagement.error} onRetry={() => void engagement.reload()} />

      <div class="grid">
        <div class="card">
          <h2>{m.details}</h2>
          <dl class="facts">
            <dt>{role === 'company' ? m.expert : role === 'expert' ? m.company : m.companyAndExpert}</dt>
            <dd>
              <OtherParty engagement={e} role={role} />
            </dd>
            <dt>{m.rate}</dt>
            <dd>{formatRate(e.rate)}</dd>
            <dt>{m.billing}</dt>
            <dd data-testid="billing-summary">
              <BillingSummary
                billing={billing.data}
                canPause={role !== 'expert' && e.status === 'active'}
                onChange={(next) => billing.set(() => next)}
              />
            </dd>
            <dt>{m.reviewThreshold}</dt>
            <dd>{m.thresholdValue(formatPercent(threshold))}</dd>
            <dt>{m.requested}</dt>
            <dd>{formatDate(e.created_at)}</dd>
            <dt>{m.updated}</dt>
            <dd>{formatDate(e.updated_at)}</dd>
          </dl>
        </div>
        <div class="card">
          <h2>{m.modules}</h2>
          <ProblemBanner problem={modules.error} onRetry={() => void modules.reload()} />
          {!modules.data ? (
            modules.loading && <Loading />
          ) : modules.data.length === 0 ? (
            <p class="muted">
              {(e.status === 'pending' ? m.modulesPending : m.modulesMissing)(
                e.modules.map(words.moduleName).join(', '),
              )}
            </p>
          ) : (
            <ul class="check-list stack" aria-label={m.installedModules}>
              {modules.data.map((installed) => (
                <li key={installed.module} data-testid="module-row">
                  <strong>{words.moduleName(installed.module)}</strong>{' '}
                  <StatusBadge status={installed.status} />
                  {installed.error && <small class="muted"> {installed.error}</small>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <section class="engagement-part" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{m.tasks}</h2>
        {role === 'company' && e.status === 'active' && <NewTaskForm engagement={e} onCreated={created} />}
        <div class={`task-layout${task ? ' with-panel' : ''}`}>
          <TaskTable
            tasks={tasks}
            threshold={threshold}
            selected={selected}
            onSelect={select}
            emptyHint={taskHint(m, role, e.status)}
          />
          {task && (
            <TaskPanel task={task} role={role} threshold={threshold} onClose={() => setSelected(null)} />
          )}
        </div>
      </section>

      <AutomationPanel report={report} title={automation.title} />

      <EngagementPayments engagement={e} role={role} payments={payments} />

      <ActivityTimeline activity={activity} />
    </section>
  );
}

function Back() {
  const m = useMessages(engagementPage);
  return (
    <p class="back">
      <a href="/engagements">{m.back}</a>
    </p>
  );
}

function taskHint(m: Translation<typeof engagementPage.en>, role: Role, status: string): string {
  if (status !== 'active') return m.hintInactive;
  if (role === 'company') return m.hintCompany;
  return m.hintOthers;
}
