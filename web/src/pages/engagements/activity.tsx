// The engagement's timeline: who did what and when, newest first; the page reloads it on every room event,
// so it moves live.

import type { Schemas } from '../../api/client';
import type { List } from '../../live/use-list';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate } from '../../ui/format';
import { ListMore } from '../../ui/page';

type Activity = Schemas['Activity'];

export function ActivityTimeline({ activity }: { activity: List<Activity> }) {
  return (
    <section class="card" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      <ProblemBanner problem={activity.error} onRetry={() => void activity.reload()} />
      {!activity.items ? (
        activity.loading && <Loading />
      ) : activity.items.length === 0 ? (
        <Empty title="Nothing yet" />
      ) : (
        <ol class="timeline" data-testid="activity">
          {activity.items.map((a) => (
            <li key={a.id} data-type={a.type}>
              <time dateTime={a.at}>{formatDate(a.at)}</time>
              <span>
                {a.summary}
                <span class="muted"> · {a.actor ? `${a.actor.name} (${a.actor.role})` : 'Engage'}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      <ListMore list={activity} />
    </section>
  );
}
