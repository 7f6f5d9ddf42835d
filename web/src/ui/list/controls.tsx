// The controls above every list: a search box (sent as the person pauses typing), a sort select, and filters
// (chips for a status, where several may be chosen at once; selects; free text), all read from and written to
// the URL through useListQuery. They wrap onto more lines on a phone.
import { useEffect, useRef, useState } from 'preact/hooks';
import { statuses } from '../../i18n/common';
import { useMessages } from '../../i18n/define';
import { statusText } from '../badges';
import { listMessages } from './messages';
import type { ListQuery } from './query';
import './list.css';

/** How long typing may pause before the search is sent. */
export const SEARCH_DEBOUNCE_MS = 300;

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

export interface FilterControl<F extends string> {
  name: F;
  label: string;
  /** chips: any number of the options; select: one or all; text: typed (e.g. an ISO week). */
  kind: 'chips' | 'select' | 'text';
  options?: Option[];
  placeholder?: string;
  /** The API's message for this parameter, shown beside it. */
  error?: string;
}

export interface ListControlsProps<S extends string, F extends string> {
  query: ListQuery<S, F>;
  /** Prefix of the controls' ids: unique on the page. */
  id: string;
  /** What the search looks through, as a placeholder ("Title, expert or company"); none: no search box. */
  searchHint?: string;
  /** The orders offered; none (or one): no sort select. */
  sorts?: Option<S>[];
  filters?: FilterControl<F>[];
}

/** The two orders every list offers first: newest (the API's default) and oldest. */
export function useTimeSorts(): Option<'-created_at' | 'created_at'>[] {
  const m = useMessages(listMessages);
  return [
    { value: '-created_at', label: m.newest },
    { value: 'created_at', label: m.oldest },
  ];
}

/** The status chips of a list, each status in words (the same words as its badges). */
export function useStatusFilter(values: readonly string[]): FilterControl<'status'> {
  const m = useMessages(listMessages);
  const words = useMessages(statuses) as Record<string, string>;
  return {
    name: 'status',
    label: m.status,
    kind: 'chips',
    options: values.map((value) => ({ value, label: statusText(value, words) })),
  };
}

export function ListControls<S extends string, F extends string>(props: ListControlsProps<S, F>) {
  const m = useMessages(listMessages);
  const { query, id } = props;
  const sorted = props.sorts !== undefined && props.sorts.length > 1;
  if (props.searchHint === undefined && !sorted && !props.filters?.length) return null;
  return (
    <form
      class="list-controls"
      aria-label={m.controls}
      data-testid="list-controls"
      onSubmit={(e) => e.preventDefault()}
    >
      {props.searchHint !== undefined && (
        <div class="field list-search">
          <label for={`${id}-search`}>{m.search}</label>
          <DebouncedInput
            id={`${id}-search`}
            value={query.q}
            placeholder={props.searchHint}
            onValue={(q) => query.set({ q })}
          />
        </div>
      )}
      {sorted && (
        <div class="field">
          <label for={`${id}-sort`}>{m.sort}</label>
          <select
            id={`${id}-sort`}
            value={query.sort}
            onChange={(e) => query.set({ sort: e.currentTarget.value as S })}
          >
            {props.sorts?.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.filters?.map((filter) => (
        <Filter key={filter.name} filter={filter} query={query} id={`${id}-${filter.name}`} />
      ))}
      {query.customized && (
        <button type="button" class="link list-clear" onClick={query.clear} aria-label={m.clearAll}>
          {m.clear}
        </button>
      )}
    </form>
  );
}

function Filter<S extends string, F extends string>(props: {
  filter: FilterControl<F>;
  query: ListQuery<S, F>;
  id: string;
}) {
  const m = useMessages(listMessages);
  const { filter, query, id } = props;
  const chosen = query.filters[filter.name] ?? [];
  const choose = (values: string[]) =>
    query.set({ filters: { [filter.name]: values } as Partial<Record<F, string[]>> });

  if (filter.kind === 'chips') {
    return (
      <fieldset class="list-chips" data-filter={filter.name}>
        <legend>{filter.label}</legend>
        {filter.options?.map((option) => {
          const on = chosen.includes(option.value);
          return (
            <label key={option.value} class={`chip${on ? ' chip-on' : ''}`}>
              <input
                type="checkbox"
                name={id}
                value={option.value}
                checked={on}
                onChange={() =>
                  choose(on ? chosen.filter((v) => v !== option.value) : [...chosen, option.value])
                }
              />
              {option.label}
            </label>
          );
        })}
      </fieldset>
    );
  }
  if (filter.kind === 'select') {
    return (
      <div class="field">
        <label for={id}>{filter.label}</label>
        <select
          id={id}
          value={chosen[0] ?? ''}
          onChange={(e) => choose([e.currentTarget.value].filter(Boolean))}
        >
          <option value="">{m.all}</option>
          {filter.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div class={`field${filter.error ? ' field-invalid' : ''}`}>
      <label for={id}>{filter.label}</label>
      <DebouncedInput
        id={id}
        value={chosen[0] ?? ''}
        placeholder={filter.placeholder}
        invalid={Boolean(filter.error)}
        onValue={(value) => choose([value.trim()].filter(Boolean))}
      />
      {filter.error && (
        <small class="field-error" id={`${id}-error`} role="alert">
          {filter.error}
        </small>
      )}
    </div>
  );
}

/**
 * A text input that reports its value once typing pauses (or on Enter), and shows the URL's value again when it
 * changes from elsewhere (cleared, Back).
 */
function DebouncedInput(props: {
  id: string;
  value: string;
  placeholder?: string;
  invalid?: boolean;
  onValue: (value: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const sent = useRef(props.value);
  const report = useRef(props.onValue);
  report.current = props.onValue;

  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setDraft(props.value);
    }
  }, [props.value]);

  const send = (value: string) => {
    if (value.trim() === sent.current) return;
    sent.current = value.trim();
    report.current(value);
  };
  useEffect(() => {
    const timer = setTimeout(() => send(draft), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  return (
    <input
      id={props.id}
      type="search"
      value={draft}
      placeholder={props.placeholder}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.invalid ? `${props.id}-error` : undefined}
      autocomplete="off"
      spellcheck={false}
      onInput={(e) => setDraft(e.currentTarget.value)}
      onKeyDown={(e) => e.key === 'Enter' && send(e.currentTarget.value)}
    />
  );
}
