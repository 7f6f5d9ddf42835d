// Loading a resource for a page: data, the problem if it failed, and reload() for live events to call.
// No interval anywhere: pages reload when the room or SSE says something changed.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ApiProblem, asProblem } from '../api/problem';

export interface Resource<T> {
  data: T | undefined;
  error: ApiProblem | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replace the data locally (e.g. merge one task that an event announced). */
  set: (update: (current: T | undefined) => T | undefined) => void;
}

export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiProblem>();
  const [loading, setLoading] = useState(true);
  const loader = useRef(load);
  loader.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await loader.current();
      if (mine !== generation.current) return; // a newer load is under way; its answer wins
      setData(value);
      setError(undefined);
    } catch (caught) {
      if (mine === generation.current) setError(asProblem(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void reload();
  }, deps);

  return { data, error, loading, reload, set: (update) => setData((current) => update(current)) };
}
