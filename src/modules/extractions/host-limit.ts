// A per-host rate limit for the crawler, shared by every isolate through the Workers Rate Limiting binding
// (keyed by host), so many extractions of one site never hammer it. When the host's budget is spent the
// crawler waits a little; if it stays spent, the crawl is retried later.
import { FetchFailedError } from '../../lib/safe-fetch';

const WAIT_MS = 1000;
const MAX_WAITS = 12; // the binding's period is 10 s: past that, something else is crawling the host hard

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function awaitHostBudget(limiter: RateLimit, host: string, sleep: Sleep = realSleep) {
  for (let waited = 0; ; waited++) {
    const { success } = await limiter.limit({ key: host.toLowerCase() });
    if (success) return;
    if (waited >= MAX_WAITS) {
      throw new FetchFailedError('http_status', true, host, `per-host rate limit for ${host} exhausted`, 429);
    }
    await sleep(WAIT_MS);
  }
}
