// The engagement's tasks, newest first: one row per task that the room keeps current, a click (or Enter on
// its title) opens the task's panel.
import type { Task } from '../../api/client';
import type { List } from '../../live/use-list';
import { Confidence, StatusBadge } from '../../ui/badges';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { ListMore } from '../../ui/page';

export function TaskTable(props: {
  tasks: List<Task>;
  threshold: number;
  selected: string | null;
  onSelect: (id: string) => void;
  emptyHint: string;
}) {
  const { tasks } = props;
  if (!tasks.items)
    return tasks.error ? (
      <ProblemBanner problem={tasks.error} onRetry={() => void tasks.reload()} />
    ) : (
      <Loading label="Loading tasks…" />
    );
  if (tasks.items.length === 0) return <Empty title="No tasks yet">{props.emptyHint}</Empty>;
  return (
    <div>
      <ProblemBanner problem={tasks.error} onRetry={() => void tasks.reload()} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Confidence</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {tasks.items.map((task) => {
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
      <ListMore list={tasks} />
    </div>
  );
}
