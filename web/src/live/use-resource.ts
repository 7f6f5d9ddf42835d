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

/**
 * Runs loads so that only the newest one lands: an older answer arriving late (a slow first load after a
 * live event's reload) is dropped, and `loading`/`error` describe the newest load.
 */
export function useLatestLoad() {
  const [error, setError] = useState<ApiProblem>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const run = useCallback(async <T>(load: () => Promise<T>, land: (value: T) => void) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await load();
      if (mine !== generation.current) return;
      land(value);
      setError(undefined);
    } catch (caught) {
      if (mine === generation.current) setError(asProblem(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);
  return { error, loading, run };
}

export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [data, setData] = useState<T>();
  const loader = useRef(load);
  loader.current = load;
  const { error, loading, run } = useLatestLoad();

  const reload = useCallback(() => run(() => loader.current(), setData), [run]);

  useEffect(() => {
    setData(undefined);
    void reload();
  }, deps);

  return { data, error, loading, reload, set: (update) => setData((current) => update(current)) };
}
