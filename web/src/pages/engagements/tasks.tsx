// The engagement's tasks, searched, sorted and filtered through the URL (newest first by default): one row per
// task that the room keeps current, a click (or Enter on its title) opens the task's panel.
import { api, ok, type Task } from '../../api/client';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { type List, useList } from '../../live/use-list';
import { Confidence, StatusBadge } from '../../ui/badges';
import { Empty } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { useStatusFilter, useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { listMessages } from '../../ui/list/messages';
import { type ListQuery, useListQuery } from '../../ui/list/query';
import { engagementListMessages } from './list-messages';
import { MODULES } from './shared';

const SORTS = [
  '-created_at',
  'created_at',
  'title',
  '-title',
  'status',
  '-priority',
  'confidence',
  '-confidence',
] as const;
const STATUSES: Task['status'][] = ['queued', 'in_progress', 'needs_review', 'completed', 'failed'];

type TaskQuery = ListQuery<(typeof SORTS)[number], 'status' | 'module'>;
export type EngagementTasks = List<Task> & { query: TaskQuery };

/**
 * The engagement's task list for the URL's search, sort and filters. A task an event announces is merged in
 * place on the plain newest-first list; on a searched, filtered or re-sorted one the server decides where
 * it belongs (or whether it does), so the list reloads instead.
 */
export function useEngagementTasks(id: string): EngagementTasks {
  const query = useListQuery({ sorts: SORTS, filters: { status: STATUSES, module: Object.keys(MODULES) } });
  const list = useList(
    (cursor) =>
      ok(
        api.GET('/v1/engagements/{id}/tasks', { params: { path: { id }, query: { ...query.api, cursor } } }),
      ),
    [id, query.key],
  );
  return { ...list, upsert: query.customized ? () => void list.reload() : list.upsert, query };
}

export function TaskTable(props: {
  tasks: EngagementTasks;
  threshold: number;
  selected: string | null;
  onSelect: (id: string) => void;
  emptyHint: string;
}) {
  const m = useMessages(engagementListMessages);
  const lm = useMessages(listMessages);
  const c = useMessages(common);
  const timeSorts = useTimeSorts();
  const statusFilter = useStatusFilter(STATUSES);
  const { tasks } = props;
  return (
    <ListView
      list={tasks}
      loadingLabel={m.tasksLoading}
      controls={{
        query: tasks.query,
        id: 'tasks',
        searchHint: m.taskSearch,
        sorts: [
          ...timeSorts,
          { value: 'title', label: lm.titleAz },
          { value: '-title', label: lm.titleZa },
          { value: 'status', label: lm.statusAz },
          { value: '-priority', label: m.priorityHigh },
          { value: 'confidence', label: m.confidenceLow },
          { value: '-confidence', label: m.confidenceHigh },
        ],
        filters: [
          statusFilter,
          {
            name: 'module',
            label: lm.module,
            kind: 'select',
            options: Object.keys(MODULES).map((code) => ({ value: code, label: code })),
          },
        ],
      }}
      empty={<Empty title={m.noTasks}>{props.emptyHint}</Empty>}
    >
      {(items) => (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.task}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{c.confidence}</th>
                <th scope="col">{m.created}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((task) => {
                const selected = task.id === props.selected;
                return (
                  <tr
                    key={task.id}
                    data-testid="task-row"
                    data-task-id={task.id}
                    data-status={task.status}
                    class={selected ? 'selected' : undefined}
                    onClick={() => props.onSelect(task.id)}
                  >
                    <td>
                      <button
                        type="button"
                        class="link"
                        aria-pressed={selected}
                        onClick={(event) => {
                          event.stopPropagation();
                          props.onSelect(task.id);
                        }}
                      >
                        {task.title}
                      </button>
                      <br />
                      <small class="muted">
                        {task.module} · {task.type}
                      </small>
                    </td>
                    <td>
                      <StatusBadge status={task.status} />
                    </td>
                    <td class="nowrap">
                      <Confidence value={task.ai_confidence} threshold={props.threshold} />
                    </td>
                    <td>{formatDate(task.created_at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </ListView>
  );
}
