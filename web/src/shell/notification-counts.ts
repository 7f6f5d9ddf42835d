// The badges' counts, shared by the bell and the navigation: unread notifications and tasks waiting for
// review. Read from GET /v1/notifications/summary whenever the user's room says something changed — never
// on a timer.
import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../api/client';

export interface Counts {
  unread: number;
  reviewQueue: number;
}

const ZERO: Counts = { unread: 0, reviewQueue: 0 };
let counts: Counts = ZERO;
const listeners = new Set<() => void>();

export function setCounts(next: Partial<Counts>) {
  counts = { ...counts, ...next };
  for (const listener of listeners) listener();
}

/** Back to nothing (signed out): the next user must not see the last one's badges. */
export const resetCounts = () => setCounts(ZERO);

export function useCounts(): Counts {
  const [current, setCurrent] = useState(counts);
  useEffect(() => {
    const listener = () => setCurrent(counts);
    listeners.add(listener);
    listener();
    return () => void listeners.delete(listener);
  }, []);
  return current;
}

let loading = false;
let again = false;

/**
 * Reads the summary. Calls while one is under way make one more read after it, so the counts that land were
 * asked for after the last change announced (answers cannot arrive out of order).
 */
export async function refreshCounts(): Promise<void> {
  if (loading) {
    again = true;
    return;
  }
  loading = true;
  try {
    do {
      again = false;
      const summary = await ok(api.GET('/v1/notifications/summary'));
      setCounts({ unread: summary.unread, reviewQueue: summary.review_queue });
    } while (again);
  } catch {
    // The badges keep their last counts; the next change announced reads them again.
  } finally {
    loading = false;
  }
}
