// The expert directory as a radio group: searched by the API as the company types, each shown with what a company
// decides on (headline, skills, modules, rate, how many clients they already have).
import type { Expert } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import { useMessages } from '../../i18n/define';
import { MoreButton } from '../../ui/page';
import { engagementWords, requestTexts } from './messages';
import { formatRate } from './shared';

export function ExpertPicker(props: {
  experts: Expert[];
  selected: string;
  onSelect: (expert: Expert) => void;
  problem: ApiProblem | undefined;
  search: string;
  onSearch: (text: string) => void;
  searching: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const m = useMessages(requestTexts);
  const words = useMessages(engagementWords);
  const shown = props.experts;
  const error = props.problem?.fieldError('expert_id');

  return (
    <fieldset aria-describedby={error ? 'expert_id-error' : undefined}>
      <legend>{m.expert}</legend>
      <div class="field">
        <label for="expert-search">{m.search}</label>
        <input
          id="expert-search"
          type="search"
          placeholder={m.searchPlaceholder}
          value={props.search}
          aria-busy={props.searching || undefined}
          onInput={(e) => props.onSearch(e.currentTarget.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p class="hint">{props.search.trim() ? m.noMatch : m.noExperts}</p>
      ) : (
        <div class="experts" role="radiogroup" aria-label={m.experts}>
          {shown.map((expert) => (
            <label key={expert.id} class="expert-option">
              <input
                type="radio"
                name="expert_id"
                value={expert.id}
                checked={props.selected === expert.id}
                onChange={() => props.onSelect(expert)}
              />
              <span>
                <strong>{expert.name}</strong>
                {expert.headline && <small>{expert.headline}</small>}
                {expert.skills.length > 0 && <small>{m.skills(expert.skills.join(', '))}</small>}
                <small>{m.offers(expert.modules.map(words.moduleName).join(', '))}</small>
                <small>
                  {formatRate(expert.rate)} · {m.clients(expert.current_clients, expert.max_clients)}
                </small>
              </span>
            </label>
          ))}
        </div>
      )}
      <MoreButton hasMore={props.hasMore} loading={props.loadingMore} onMore={props.onMore} />
      {error && (
        <small class="field-error" id="expert_id-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
