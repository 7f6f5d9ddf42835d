// Walking a large result set in keyset pages (by id), for sweeps that must finish everything in one run
// rather than a fixed number of rows every five minutes.

/** The sweep runs every 5 minutes: it stops starting pages before the next run begins. */
export const SWEEP_BUDGET_MS = 4 * 60_000;

export interface PageOptions {
  pageSize: number;
  /** Stop starting new pages after this instant (ms): the rest waits for the next run. */
  deadline?: number;
}

/**
 * Loads page after page (`load(afterId, limit)` must return rows with ids greater than `afterId`, ordered
 * by id) and hands each to `each`, until a short page, or the deadline. Returns how many rows it handled
 * and whether it stopped early.
 */
export async function inPages<T extends { id: string }>(
  load: (afterId: string | null, limit: number) => Promise<T[]>,
  each: (page: T[]) => Promise<void>,
  options: PageOptions,
): Promise<{ handled: number; more: boolean }> {
  let after: string | null = null;
  let handled = 0;
  for (;;) {
    if (options.deadline !== undefined && Date.now() > options.deadline) return { handled, more: true };
    const page = await load(after, options.pageSize);
    if (page.length > 0) await each(page);
    handled += page.length;
    if (page.length < options.pageSize) return { handled, more: false };
    after = page.at(-1)?.id ?? null;
  }
}

/** Seconds since an ISO timestamp (the age of the oldest stranded row); null stays null. */
export function secondsSince(at: string | null, now = Date.now()): number | null {
  return at === null ? null : Math.max(0, Math.round((now - Date.parse(at)) / 1000));
}
