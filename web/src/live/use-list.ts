// A cursor-paginated list (`{data, next_cursor}`): the first page on load, more() appends the next one,
// reload() starts over (what a live event calls), upsert() merges one item an event announced.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiProblem } from '../api/problem';
import { useLatestLoad } from './use-resource';

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
  const loader = useRef(load);
  loader.current = load;
  const { error, loading, run } = useLatestLoad();

  const fetchPage = useCallback(
    (from: string | undefined, append: boolean) =>
      run(
        () => loader.current(from),
        (page) => {
          setItems((current) => (append && current ? [...current, ...page.data] : page.data));
          setCursor(page.next_cursor);
        },
      ),
    [run],
  );

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
