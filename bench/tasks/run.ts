// Task throughput against the running dev server (`bun run dev` first): creates N tasks on the demo's active
// Acme–Anna engagement — one request per task (`single`) or 100 per request (`batch`, POST …/tasks/batch) —
// then measures the time until every one is in a terminal state (completed, needs_review or failed), and
// checks none is lost. Usage: bun bench/tasks/run.ts [tasks=1000] [single|batch=batch] [base URL]
import { login, runTaskLoad } from './load';

const TOTAL = Number(process.argv[2] ?? 1000);
const MODE = process.argv[3] === 'single' ? 'single' : 'batch';
const BASE = process.argv[4] ?? 'http://localhost:8787';

const token = await login(BASE, 'ops@acme.test');
const result = await runTaskLoad({ base: BASE, token, total: TOTAL, mode: MODE, offset: Date.now() });
const terminal = TOTAL - result.lost;
console.log(`${MODE}: created ${TOTAL} tasks in ${result.createSeconds.toFixed(1)} s`);
console.log(`terminal: ${terminal}/${TOTAL} ${JSON.stringify(result.counts)}; lost: ${result.lost}`);
console.log(
  `all terminal after ${result.seconds.toFixed(1)} s from the first create → ${(TOTAL / result.seconds).toFixed(0)} tasks/s`,
);
console.log(`processing after the last create: ${(result.seconds - result.createSeconds).toFixed(1)} s`);
process.exit(result.lost === 0 ? 0 : 1);
