// A list's search, sort and filters, kept in the URL's query (replaced, not pushed, so Back leaves the page
// rather than stepping through keystrokes): a reload or a shared link shows the same list. Values the URL
// holds that the list does not offer are ignored, so a stale link never sends the API something it refuses.
import { useLocation } from 'preact-iso';

export interface ListQuerySpec<S extends string, F extends string> {
  /** The orders offered; the first is the default (the API's, newest first). None: the API has one order. */
  sorts?: readonly [S, ...S[]];
  /** Whether the list is searched (?q=); true unless the API has no search. */
  search?: boolean;
  /** Filters kept in the URL: the values each may take (several at once, comma-separated), or free text. */
  filters?: Record<F, readonly string[] | 'text'>;
}

export interface ListQuery<S extends string = string, F extends string = string> {
  q: string;
  /** The chosen order (undefined when the list offers none). */
  sort: S;
  /** Each filter's chosen values (empty: not filtered). */
  filters: Record<F, string[]>;
  /** The parameters for the API: only those set. */
  api: { q?: string } & ([S] extends [never] ? unknown : { sort: S }) & Partial<Record<F, string>>;
  /** Changes whenever the API parameters do: the list's reload key. */
  key: string;
  /** Searched or filtered: fewer rows than the whole list. */
  narrowed: boolean;
  /** Narrowed, or sorted otherwise than by default (a live event then reloads rather than merges). */
  customized: boolean;
  set: (patch: { q?: string; sort?: S; filters?: Partial<Record<F, string[]>> }) => void;
  clear: () => void;
}

export function useListQuery<const S extends string = never, const F extends string = never>(
  spec: ListQuerySpec<S, F>,
): ListQuery<S, F> {
  const { path, query, route } = useLocation();
  const filterSpec = (spec.filters ?? {}) as Record<F, readonly string[] | 'text'>;
  const names = Object.keys(filterSpec) as F[];

  const sorts: readonly S[] = spec.sorts ?? [];
  const q = spec.search === false ? '' : (query.q ?? '').trim();
  const sort = (sorts.find((s) => s === query.sort) ?? sorts[0]) as S;
  const filters = Object.fromEntries(
    names.map((name) => {
      const allowed = filterSpec[name];
      const values = (query[name] ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      return [name, allowed === 'text' ? values.slice(0, 1) : values.filter((v) => allowed.includes(v))];
    }),
  ) as Record<F, string[]>;

  const api = { ...(sort ? { sort } : {}), ...(q ? { q } : {}) } as ListQuery<S, F>['api'];
  for (const name of names) {
    if (filters[name].length) (api as Record<string, string>)[name] = filters[name].join(',');
  }

  const narrowed = Boolean(q) || names.some((name) => filters[name].length > 0);

  const write = (next: Record<string, string | undefined>) => {
    const params = new URLSearchParams(query);
    for (const [name, value] of Object.entries(next)) {
      if (value) params.set(name, value);
      else params.delete(name);
    }
    const search = params.toString();
    route(search ? `${path}?${search}` : path, true);
  };

  return {
    q,
    sort,
    filters,
    api,
    key: JSON.stringify(api),
    narrowed,
    customized: narrowed || sort !== sorts[0],
    set: (patch) => {
      const next: Record<string, string | undefined> = {};
      if (patch.q !== undefined) next.q = patch.q.trim() || undefined;
      if (patch.sort !== undefined) next.sort = patch.sort === sorts[0] ? undefined : patch.sort;
      for (const [name, values] of Object.entries(patch.filters ?? {}) as [F, string[]][])
        next[name] = values.join(',') || undefined;
      write(next);
    },
    clear: () => write(Object.fromEntries(['q', 'sort', ...names].map((name) => [name, undefined]))),
  };
}
