// The expert's review queue: every task of their engagements that needs review, newest first, kept current
// by the rooms of their active engagements (a task arriving, or reviewed elsewhere, appears or leaves);
// searched, sorted and filtered by module through the URL, like every list.

import { useCallback, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ok, type Task } from '../../api/client';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import type { LiveState } from '../../live/room';
import { useList } from '../../live/use-list';
import { useResource } from '../../live/use-resource';
import { Confidence } from '../../ui/badges';
import { Empty, LiveIndicator } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { useTimeSorts } from '../../ui/list/controls';
import { ListView } from '../../ui/list/list-view';
import { listMessages } from '../../ui/list/messages';
import { useListQuery } from '../../ui/list/query';
import { PageHead } from '../../ui/page';
import { engagementListMessages } from '../engagements/list-messages';
import { EngagementLink } from '../engagements/names';
import { MODULES } from '../engagements/shared';
import { expertMessages } from './messages';
import { RoomWatchers } from './room-watchers';

const WORST_FIRST: LiveState[] = ['offline', 'reconnecting', 'connecting', 'live'];
const SORTS = ['-created_at', 'created_at', 'confidence', '-confidence', 'title', '-title'] as const;

export function ReviewQueuePage() {
  const m = useMessages(expertMessages);
  const c = useMessages(common);
  const lm = useMessages(listMessages);
  const em = useMessages(engagementListMessages);
  const timeSorts = useTimeSorts();
  const { query: url } = useLocation();
  const query = useListQuery({ sorts: SORTS, filters: { module: Object.keys(MODULES) } });
  const queue = useList<Task>(
    (cursor) =>
      ok(api.GET('/v1/tasks', { params: { query: { ...query.api, status: 'needs_review', cursor } } })),
    [query.key],
  );
  const active = useResource(
    () => ok(api.GET('/v1/engagements', { params: { query: { status: 'active', limit: 100 } } })),
    [],
  );
  const [states, setStates] = useState<Record<string, LiveState>>({});
  // On a searched or re-sorted queue the server decides where a task belongs (or whether it does): reload.
  const { reload } = queue;
  const upsert = query.customized ? () => void reload() : queue.upsert;
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
  const visible = (tasks: Task[]) => tasks.filter((task) => !gone.has(task.id));

  const engagementIds = active.data?.data.map((e) => e.id) ?? [];
  const live = WORST_FIRST.find((state) => engagementIds.some((id) => states[id] === state)) ?? 'connecting';

  const nothing = (
    <Empty title={m.nothingToReview}>
      <p>{m.nothingToReviewBody}</p>
    </Empty>
  );

  return (
    <section class="page">
      <PageHead title={m.queueTitle}>{engagementIds.length > 0 && <LiveIndicator state={live} />}</PageHead>
      <RoomWatchers
        engagementIds={engagementIds}
        onTaskEvent={(id) => void onTaskEvent(id).catch(() => undefined)}
        onState={(id, state) => setStates((current) => ({ ...current, [id]: state }))}
        onSynced={() => void reload()}
      />
      {url.reviewed && (
        <div class="banner banner-good" role="status">
          {m.reviewSaved(url.reviewed)}
        </div>
      )}
      <p class="muted">{m.queueIntro}</p>
      <ListView
        list={queue}
        controls={{
          query,
          id: 'reviews',
          searchHint: em.taskSearch,
          sorts: [
            ...timeSorts,
            { value: 'confidence', label: em.confidenceLow },
            { value: '-confidence', label: em.confidenceHigh },
            { value: 'title', label: lm.titleAz },
            { value: '-title', label: lm.titleZa },
          ],
          filters: [
            {
              name: 'module',
              label: lm.module,
              kind: 'select',
              options: Object.keys(MODULES).map((code) => ({ value: code, label: code })),
            },
          ],
        }}
        empty={nothing}
      >
        {(tasks) =>
          visible(tasks).length === 0 ? (
            query.narrowed ? (
              <Empty title={lm.noMatches}>{lm.noMatchesHint}</Empty>
            ) : (
              nothing
            )
          ) : (
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
                  {visible(tasks).map((task) => (
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
          )
        }
      </ListView>
    </section>
  );
}

function withOut(set: Set<string>, id: string): Set<string> {
  if (!set.has(id)) return set;
  const next = new Set(set);
  next.delete(id);
  return next;
}
