// /engagements/:id: one engagement, live. The room pushes every change: a task event fetches that task and
// merges it into the list; engagement, module and payment events reload their part. No polling.
import { useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api, ok, type Schemas, type Task } from '../../api/client';
import { type RoomEvent, useRoom } from '../../live/room';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { type Role, useSession } from '../../session';
import { StatusBadge } from '../../ui/badges';
import { LiveIndicator, Loading, ProblemBanner } from '../../ui/feedback';
import { useAction } from '../../ui/form';
import { formatDate, formatDay } from '../../ui/format';
import { PageHead } from '../../ui/page';
import { AutomationPanel } from '../automation/panel';
import { ActionButtons, useEngagementAction } from './actions';
import { ActivityTimeline } from './activity';
import './engagements.css';
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

  const onEvent = (event: RoomEvent) => {
    const taskId = event.data.task_id;
    void activity.reload();
    // A finish or a review changes the automation figures; other task events (created, started) do not.
    if (event.type === 'task.completed' || event.type === 'task.reviewed') void report.reload();
    if (event.type.startsWith('task.') && typeof taskId === 'string') void refreshTask(taskId);
    else if (event.type.startsWith('engagement.')) void engagement.reload();
    else if (event.type.startsWith('module.')) void modules.reload();
    else if (event.type.startsWith('payment.') || event.type.startsWith('billing.')) {
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
        <PageHead title="Engagement" />
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
          <h2>Details</h2>
          <dl class="facts">
            <dt>{role === 'company' ? 'Expert' : role === 'expert' ? 'Company' : 'Company · expert'}</dt>
            <dd>
              <OtherParty engagement={e} role={role} />
            </dd>
            <dt>Rate</dt>
            <dd>{formatRate(e.rate)}</dd>
            <dt>Billing</dt>
            <dd data-testid="billing-summary">
              <BillingSummary
                billing={billing.data}
                canPause={role !== 'expert' && e.status === 'active'}
                onChange={(next) => billing.set(() => next)}
              />
            </dd>
            <dt>Review threshold</dt>
            <dd>{threshold} % confidence</dd>
            <dt>Requested</dt>
            <dd>{formatDate(e.created_at)}</dd>
            <dt>Last change</dt>
            <dd>{formatDate(e.updated_at)}</dd>
          </dl>
        </div>
        <div class="card">
          <h2>Modules</h2>
          <ProblemBanner problem={modules.error} onRetry={() => void modules.reload()} />
          {!modules.data ? (
            modules.loading && <Loading />
          ) : modules.data.length === 0 ? (
            <p class="muted">
              {e.modules.join(', ')}:{' '}
              {e.status === 'pending' ? 'installed when the expert accepts.' : 'not installed.'}
            </p>
          ) : (
            <ul class="check-list stack" aria-label="Installed modules">
              {modules.data.map((m) => (
                <li key={m.module} data-testid="module-row">
                  <strong>{m.module}</strong> <StatusBadge status={m.status} />
                  {m.error && <small class="muted"> {m.error}</small>}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">Tasks</h2>
        {role === 'company' && e.status === 'active' && <NewTaskForm engagement={e} onCreated={created} />}
        <div class={`task-layout${task ? ' with-panel' : ''}`}>
          <TaskTable
            tasks={tasks}
            threshold={threshold}
            selected={selected}
            onSelect={select}
            emptyHint={taskHint(role, e.status)}
          />
          {task && (
            <TaskPanel task={task} role={role} threshold={threshold} onClose={() => setSelected(null)} />
          )}
        </div>
      </section>

      <AutomationPanel report={report} title="Automation" />

      <EngagementPayments engagement={e} role={role} payments={payments} />

      <ActivityTimeline activity={activity} />
    </section>
  );
}

/** How the rate is billed: since when, the current period, and whether a collection failed. */
function BillingSummary({
  billing,
  canPause,
  onChange,
}: {
  billing: Schemas['EngagementBilling'] | undefined;
  canPause: boolean;
  onChange: (billing: Schemas['EngagementBilling']) => void;
}) {
  const toggle = useAction(async () => {
    if (!billing) return;
    const params = { params: { path: { id: billing.engagement_id } } };
    onChange(
      await ok(
        billing.paused
          ? api.POST('/v1/engagements/{id}/billing/resume', params)
          : api.POST('/v1/engagements/{id}/billing/pause', params),
      ),
    );
  });
  if (!billing) return <>—</>;
  const current = billing.periods.at(-1);
  if (!billing.anchor || !current) return <>In advance, from the day the expert accepts</>;
  return (
    <>
      {billing.paused ? (
        <>Paused: periods that begin now are not billed</>
      ) : (
        <>
          In advance each {billing.interval} since {formatDay(billing.anchor)}; current period from{' '}
          {formatDay(current.start)}:{' '}
          {current.skipped ? (
            'not billed (paused)'
          ) : (
            <StatusBadge status={current.payment_status ?? 'pending'} />
          )}
        </>
      )}
      {billing.overdue && (
        <>
          {' '}
          <strong class="overdue">Payment overdue</strong>
        </>
      )}
      {canPause && (
        <>
          {' '}
          <button type="button" class="link" disabled={toggle.busy} onClick={() => void toggle.run()}>
            {billing.paused ? 'Resume billing' : 'Pause billing'}
          </button>
        </>
      )}
      <ProblemBanner problem={toggle.problem} />
    </>
  );
}

function Back() {
  return (
    <p class="back">
      <a href="/engagements">← Engagements</a>
    </p>
  );
}

function taskHint(role: Role, status: string): string {
  if (status !== 'active') return 'Tasks can be added while the engagement is active.';
  if (role === 'company') return 'Create one above: upload an RFP or an invoice, or name a website.';
  return 'Tasks the company creates appear here as they are processed.';
}
