// The expert's review queue: every task of their engagements that needs review, newest first, kept current
// by the rooms of their active engagements (a task arriving, or reviewed elsewhere, appears or leaves).

import { useCallback, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Task } from '../../api/client';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import type { LiveState } from '../../live/room';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { Confidence } from '../../ui/badges';
import { Empty, LiveIndicator, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { ListMore, PageHead } from '../../ui/page';
import { EngagementLink } from '../engagements/names';
import { expertMessages } from './messages';
import { RoomWatchers } from './room-watchers';

const WORST_FIRST: LiveState[] = ['offline', 'reconnecting', 'connecting', 'live'];

export function ReviewQueuePage() {
  const m = useMessages(expertMessages);
  const c = useMessages(common);
  const { query } = useLocation();
  const queue = useList<Task>(
    (cursor) => ok(api.GET('/v1/tasks', { params: { query: { status: 'needs_review', cursor } } })),
    [],
  );
  const active = useResource(
    () => ok(api.GET('/v1/engagements', { params: { query: { status: 'active', limit: 100 } } })),
    [],
  );
  const [states, setStates] = useState<Record<string, LiveState>>({});
  const { upsert, reload } = queue;
  const [gone, setGone] = useState<Set<string>>(new Set());

  const onTaskEvent = useCallback(
    async (taskId: string) => {
      const task = await ok(api.GET('/v1/tasks/{id}', { params: { path: { id: taskId } } }));
      if (task.status === 'needs_review') {
        setGone((current) => withOut(current, task.id));
        upsert(task);
      } else setGone((current) => new Set(current).add(task.id));
    },
    [upsert],
  );

  const engagementIds = active.data?.data.map((e) => e.id) ?? [];
  const live = WORST_FIRST.find((state) => engagementIds.some((id) => states[id] === state)) ?? 'connecting';
  const items = queue.items?.filter((task) => !gone.has(task.id));

  return (
    <section class="page">
      <PageHead title={m.queueTitle}>{engagementIds.length > 0 && <LiveIndicator state={live} />}</PageHead>
      <RoomWatchers
        engagementIds={engagementIds}
        onTaskEvent={(id) => void onTaskEvent(id).catch(() => undefined)}
        onState={(id, state) => setStates((current) => ({ ...current, [id]: state }))}
        onSynced={() => void reload()}
      />
      {query.reviewed && (
        <div class="banner banner-good" role="status">
          {m.reviewSaved(query.reviewed)}
        </div>
      )}
      <p class="muted">{m.queueIntro}</p>
      <ProblemBanner problem={queue.error} onRetry={() => void queue.reload()} />
      {!items && queue.loading && <Loading />}
      {items && items.length === 0 && (
        <Empty title={m.nothingToReview}>
          <p>{m.nothingToReviewBody}</p>
        </Empty>
      )}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{m.task}</th>
                <th>{m.engagement}</th>
                <th>{m.kind}</th>
                <th>{c.confidence}</th>
                <th>{m.created}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((task) => (
                <tr key={task.id} data-testid="review-row" data-task-id={task.id}>
                  <td>
                    <a href={`/reviews/${task.id}`}>{task.title}</a>
                  </td>
                  <td>
                    <EngagementLink id={task.engagement_id} />
                  </td>
                  <td title={`${task.module} · ${task.type}`}>{m.taskKind(task.type)}</td>
                  <td>
                    <Confidence value={task.ai_confidence} />
                  </td>
                  <td>{formatDate(task.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListMore list={queue} />
    </section>
  );
}

function withOut(set: Set<string>, id: string): Set<string> {
  if (!set.has(id)) return set;
  const next = new Set(set);
  next.delete(id);
  return next;
}
