// The engagement's timeline: who did what and when, newest first; the page reloads it on every room event,
// so it moves live. Each entry is told in the reader's language from its event type; a type without words
// yet shows the API's own (English) sentence.

import type { Schemas } from '../../api/client';
import { common } from '../../i18n/common';
import { type Translation, useMessages } from '../../i18n/define';
import type { List } from '../../live/use-list';
import { Empty, Loading, ProblemBanner } from '../../ui/feedback';
import { formatDate, formatMoney } from '../../ui/format';
import { ListMore } from '../../ui/page';
import { activityWords, engagementPage } from './messages';

type Activity = Schemas['Activity'];

export function ActivityTimeline({ activity }: { activity: List<Activity> }) {
  const m = useMessages(engagementPage);
  const words = useMessages(activityWords);
  const shared = useMessages(common);
  return (
    <section class="card" aria-labelledby="activity-title">
      <h2 id="activity-title">{m.activity}</h2>
      <ProblemBanner problem={activity.error} onRetry={() => void activity.reload()} />
      {!activity.items ? (
        activity.loading && <Loading />
      ) : activity.items.length === 0 ? (
        <Empty title={m.nothingYet} />
      ) : (
        <ol class="timeline" data-testid="activity">
          {activity.items.map((a) => (
            <li key={a.id} data-type={a.type}>
              <time dateTime={a.at}>{formatDate(a.at)}</time>
              <span>
                {sentence(a, words)}
                <span class="muted">
                  {' '}
                  · {a.actor ? `${a.actor.name} (${shared.roles(a.actor.role)})` : m.system}
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
      <ListMore list={activity} />
    </section>
  );
}

/**
 * The entry in the reader's language from its type and the facts the API sends beside its English summary
 * (`details`: the task's or file's name, an amount, how a task ended, why a request was declined).
 */
export function sentence(a: Activity, words: Translation<typeof activityWords.en>): string {
  const d = a.details;
  const amount = d.amount !== undefined && d.currency ? formatMoney(d.amount, d.currency) : '';
  const variant =
    (a.type === 'task.completed' && d.reviewed && ':reviewed') ||
    (a.type === 'task.reviewed' && d.approved === false && ':rejected') ||
    (a.type === 'task.review_reminder' && d.audience === 'company' && ':company') ||
    (a.type === 'engagement.declined' && d.reason === 'expired' && ':expired') ||
    '';
  return words.event(`${a.type}${variant}`, d.name ?? '', amount) || a.summary;
}
