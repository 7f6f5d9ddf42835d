// The one list component: its controls (search, sort, filters in the URL), the problem banner, loading and
// empty states, the rows the page renders, and "load more" — the same on every list of the dashboard.
import type { ComponentChildren } from 'preact';
import { useMessages } from '../../i18n/define';
import type { List } from '../../live/use-list';
import { Empty, Loading, ProblemBanner } from '../feedback';
import { ListMore } from '../page';
import { ListControls, type ListControlsProps } from './controls';
import { listMessages } from './messages';

export function ListView<T, S extends string, F extends string>(props: {
  list: List<T>;
  /** Search, sort and filters; none for a list that has none (its loading, empty and more are still shared). */
  controls?: ListControlsProps<S, F>;
  loadingLabel?: string;
  /** Shown when the list has nothing at all (not searched or filtered). */
  empty: ComponentChildren;
  /** Shown instead of the shared "Nothing matches" when a search or filter finds nothing. */
  noMatches?: ComponentChildren;
  /** The list's problem is shown by the page instead (e.g. beside the field it names). */
  hideProblem?: boolean;
  children: (items: T[]) => ComponentChildren;
}) {
  const m = useMessages(listMessages);
  const { list } = props;
  const query = props.controls?.query;
  return (
    <div class="list-view">
      {props.controls && <ListControls {...props.controls} />}
      {!props.hideProblem && <ProblemBanner problem={list.error} onRetry={() => void list.reload()} />}
      {list.items === undefined
        ? list.loading && !list.error && <Loading label={props.loadingLabel} />
        : list.items.length > 0
          ? props.children(list.items)
          : !query?.narrowed
            ? props.empty
            : (props.noMatches ?? (
                <Empty title={m.noMatches}>
                  {m.noMatchesHint}{' '}
                  <button type="button" class="link" onClick={query.clear}>
                    {m.clearAll}
                  </button>
                </Empty>
              ))}
      <ListMore list={list} />
    </div>
  );
}
