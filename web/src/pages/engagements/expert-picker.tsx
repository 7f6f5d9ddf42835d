// The expert directory as a radio group: a filter over the loaded experts, each shown with what a company
// decides on (headline, skills, modules, rate, how many clients they already have).
import { useState } from 'preact/hooks';
import type { Expert } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import { MoreButton } from '../../ui/page';
import { formatRate } from './shared';

export function ExpertPicker(props: {
  experts: Expert[];
  selected: string;
  onSelect: (expert: Expert) => void;
  problem: ApiProblem | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? props.experts.filter((e) =>
        [e.name, e.headline, ...e.skills, ...e.modules].some((text) => text.toLowerCase().includes(needle)),
      )
    : props.experts;
  const error = props.problem?.fieldError('expert_id');

  return (
    <fieldset aria-describedby={error ? 'expert_id-error' : undefined}>
      <legend>Expert</legend>
      <div class="field">
        <label for="expert-search">Find an expert</label>
        <input
          id="expert-search"
          type="search"
          placeholder="Name, skill or module"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p class="hint">
          {props.experts.length === 0 ? 'No experts are listed yet.' : 'No loaded expert matches.'}
          {props.hasMore && ' Load more to search further.'}
        </p>
      ) : (
        <div class="experts" role="radiogroup" aria-label="Experts">
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
                {expert.skills.length > 0 && <small>Skills: {expert.skills.join(', ')}</small>}
                <small>Modules: {expert.modules.length > 0 ? expert.modules.join(', ') : 'none yet'}</small>
                <small>
                  {formatRate(expert.rate)} · {expert.current_clients} of {expert.max_clients} clients
                  {expert.current_clients >= expert.max_clients && ' (fully booked)'}
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
