// What metrics cost the task pipeline. Nothing on the request or queue paths records a metric: the sweep
// rolls the hours up from what the work writes anyway (src/modules/metrics/rollup.ts). So the cost is the
// rollup competing with the pipeline for D1. This runs the same task load against a running dev server
// (`bun run dev` first) alternately without and with a rollup every INTERVAL seconds (production: one per
// five minutes; the default 5 s is sixty times that), and reports the throughput of each, the overhead
// (target ≤ 5 %) and what one rollup costs. An interval of 0 runs rollups back to back (the worst case).
// Usage: bun bench/metrics/run.ts [tasks per round=1000] [rounds each=2] [interval s=5] [base URL]
import { login, runTaskLoad } from '../tasks/load';

const TOTAL = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 2);
const INTERVAL_MS = Number(process.argv[4] ?? 5) * 1000;
const BASE = process.argv[5] ?? 'http://localhost:8787';

const company = await login(BASE, 'ops@acme.test');
const admin = await login(BASE, 'admin@engage.test');

/** A rollup every INTERVAL_MS (measured start to start) until `stop` resolves; their count and mean duration. */
async function rollupsUntil(stop: Promise<unknown>) {
  let done = false;
  void stop.then(() => {
    done = true;
  });
  const durations: number[] = [];
  while (!done) {
    const started = performance.now();
    // wrangler dev's local proxy sometimes resets a connection or answers 503 ("restarted mid-request")
    // under this load; count it and go on (the next rollup recomputes the same hours).
    const response = await fetch(`${BASE}/v1/admin/metrics/rollup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    }).catch(() => null);
    if (response === null || response.status === 503) {
      restarts++;
      continue;
    }
    if (!response.ok) throw new Error(`rollup failed: ${response.status} ${await response.text()}`);
    const took = performance.now() - started;
    durations.push(took);
    if (INTERVAL_MS > took) await Promise.race([Bun.sleep(INTERVAL_MS - took), stop]);
  }
  const mean = durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length);
  return { count: durations.length, meanMs: mean };
}

let restarts = 0;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const rates: Record<'without' | 'with', number[]> = { without: [], with: [] };
let offset = Date.now();
let lost = 0;
for (let round = 0; round < ROUNDS * 2; round++) {
  const withRollups = round % 2 === 1;
  offset += TOTAL;
  const load = runTaskLoad({ base: BASE, token: company, total: TOTAL, mode: 'batch', offset });
  const rollups = withRollups ? await rollupsUntil(load) : null;
  const result = await load;
  lost += result.lost;
  const rate = TOTAL / result.seconds;
  rates[withRollups ? 'with' : 'without'].push(rate);
  console.log(
    `round ${round + 1} ${withRollups ? 'with rollups   ' : 'without rollups'}: ${rate.toFixed(1)} tasks/s` +
      ` (${result.seconds.toFixed(1)} s, ${JSON.stringify(result.counts)}, lost ${result.lost})` +
      (rollups ? `; ${rollups.count} rollups, ${rollups.meanMs.toFixed(0)} ms each` : ''),
  );
}
const without = median(rates.without);
const withRollups = median(rates.with);
const overhead = (1 - withRollups / without) * 100;
console.log(
  `median: ${without.toFixed(1)} tasks/s without, ${withRollups.toFixed(1)} with a rollup every ${INTERVAL_MS / 1000} s → overhead ${overhead.toFixed(1)} %`,
);
if (restarts)
  console.log(`(${restarts} rollup requests were reset or refused by the local proxy; sent again)`);
process.exit(lost === 0 ? 0 : 1);
