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
 * The API's summary names the task or file in “quotes” and an amount as `(minor currency)`, and says how a
 * task ended; those are read back out of it so the sentence can be told again in the reader's language.
 */
export function sentence(a: Activity, words: Translation<typeof activityWords.en>): string {
  const name = /“(.*)”/.exec(a.summary)?.[1];
  const money = /\((-?\d+) ([a-z]{3})\)$/i.exec(a.summary);
  const amount = money ? formatMoney(Number(money[1]), money[2] ?? '') : '';
  const outcome =
    (a.type === 'task.completed' && a.summary.endsWith('after review') && ':reviewed') ||
    (a.type === 'task.reviewed' && a.summary.endsWith('rejected') && ':rejected') ||
    '';
  if (NAMED.test(a.type) && name === undefined) return a.summary;
  return words.event(`${a.type}${outcome}`, name ?? '', amount) || a.summary;
}

/** The types whose sentence names the task or file. */
const NAMED = /^(task\.(created|completed|needs_review|reviewed|failed)|file\.uploaded)$/;
