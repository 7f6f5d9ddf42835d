// A cursor-paginated list (`{data, next_cursor}`): the first page on load, more() appends the next one,
// reload() starts over (what a live event calls), upsert() merges one item an event announced.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ApiProblem, asProblem } from '../api/problem';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface List<T> {
  items: T[] | undefined;
  error: ApiProblem | undefined;
  loading: boolean;
  hasMore: boolean;
  more: () => Promise<void>;
  reload: () => Promise<void>;
  /** Replaces the item with the same id, or puts a new one first (lists are newest first). */
  upsert: (item: T) => void;
}

export function useList<T extends { id: string }>(
  load: (cursor: string | undefined) => Promise<Page<T>>,
  deps: unknown[],
): List<T> {
  const [items, setItems] = useState<T[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiProblem>();
  const [loading, setLoading] = useState(true);
  const loader = useRef(load);
  loader.current = load;
  const generation = useRef(0);

  const fetchPage = useCallback(async (from: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await loader.current(from);
      if (mine !== generation.current) return;
      setItems((current) => (append && current ? [...current, ...page.data] : page.data));
      setCursor(page.next_cursor);
      setError(undefined);
    } catch (caught) {
      if (mine === generation.current) setError(asProblem(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setItems(undefined);
    void fetchPage(undefined, false);
  }, deps);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    more: () => (cursor ? fetchPage(cursor, true) : Promise.resolve()),
    reload: () => fetchPage(undefined, false),
    upsert: (item) =>
      setItems((current) => {
        if (!current) return current;
        const at = current.findIndex((x) => x.id === item.id);
        if (at === -1) return [item, ...current];
        const next = current.slice();
        next[at] = item;
        return next;
      }),
  };
}
