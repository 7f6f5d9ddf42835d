// Extraction batches at scale on a dev server of its own (port 8797, a fresh state directory, migrated and seeded as
// `bun run dev` does), whose D1 statements are counted by ./d1-counting-worker.ts:
// (1) a CSV of ROWS rows over HOSTS distinct local fixture hosts — the test fixture sites, one per loopback address
//     127.0.0.2 … (each its own site and its own per-host budget, listed one by one in EXTRACTION_ALLOWED_HOSTS) —
//     followed until every row is terminal: time, rows/s, the workerd processes' RSS before and after, D1 statements
//     per row, and requests per host (most in one 10 s window, against CRAWL_LIMITER's 30);
// (2) 10,000 rows over 10,000 sites accepted in one request (then cancelled, never crawled).
// Usage: bun bench/extraction-batches/run.ts [rows=1000] [hosts=200]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedLocal } from '../../scripts/seed';
import { fixtureSites } from '../../tests/fixtures/sites';
import { fixtureFetch } from '../../tests/fixtures/sites/serve';
import type { D1Tally } from './d1-counting-worker';

const ROWS = Number(process.argv[2] ?? 1000);
const HOSTS = Number(process.argv[3] ?? 200);
if (!(HOSTS >= 1 && HOSTS <= 250)) throw new Error('hosts: 1 to 250 (loopback addresses 127.0.0.2 …)');
const PORT = 8797;
const INSPECTOR = 9243;
const SITE_PORT = 8798;
const BASE = `http://localhost:${PORT}`;
const WINDOW_MS = 10_000; // CRAWL_LIMITER's period (wrangler.toml)
const TERMINAL = new Set(['completed', 'failed', 'skipped', 'cancelled']);
const root = path.resolve(import.meta.dirname, '../..');
const state = mkdtempSync(path.join(tmpdir(), 'engage-batches-'));
const persist = ['--persist-to', state];
const LOCAL = {
  ...process.env,
  CI: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
};

// --- the fixture hosts: site i on 127.0.0.(i+2), every request counted by host and time
const hosts = Array.from({ length: HOSTS }, (_, i) => `127.0.0.${i + 2}:${SITE_PORT}`);
const requestTimes = new Map<string, number[]>(hosts.map((host) => [host, []]));
const servers = hosts.map((host, i) => {
  const site = fixtureSites[i % fixtureSites.length];
  if (!site) throw new Error('no fixture sites');
  const serve = fixtureFetch([{ ...site, origin: `http://${host}` }]);
  return Bun.serve({
    hostname: host.split(':')[0],
    port: SITE_PORT,
    fetch(request) {
      requestTimes.get(host)?.push(Date.now());
      return serve(request);
    },
  });
});

// --- a fresh local state: migrations, the demo data, vars naming the fixture hosts (not the shared .dev.vars)
const migrated = spawnSync('bunx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist], {
  cwd: root,
  env: LOCAL,
  encoding: 'utf8',
});
if (migrated.status !== 0) throw new Error(`migrations failed:\n${migrated.stderr}`);
await seedLocal(root, persist);
const envFile = path.join(state, 'bench.env');
writeFileSync(
  envFile,
  [
    `JWT_SECRET=${'bench-secret-'.repeat(4)}`,
    'ENVIRONMENT=development',
    `EXTRACTION_ALLOWED_HOSTS=${hosts.join(',')}`,
    'WEBHOOK_ALLOWED_HOSTS=',
  ].join('\n'),
);
const logFile = path.join(state, 'wrangler.log');
const log = openSync(logFile, 'w');
const dev = spawn(
  'bunx',
  [
    'wrangler',
    'dev',
    'bench/extraction-batches/d1-counting-worker.ts',
    '--port',
    String(PORT),
    '--inspector-port',
    String(INSPECTOR),
    '--env-file',
    envFile,
    ...persist,
  ],
  { cwd: root, env: LOCAL, stdio: ['ignore', log, log], detached: true },
);
const stop = () => {
  try {
    process.kill(-(dev.pid ?? 0), 'SIGTERM');
  } catch {
    // already gone
  }
  for (const server of servers) server.stop(true);
};
process.on('exit', stop);
for (let i = 0; ; i++) {
  if (i > 240)
    throw new Error(`wrangler dev did not start; see ${logFile}:\n${readFileSync(logFile, 'utf8')}`);
  if (
    await fetch(`${BASE}/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await Bun.sleep(500);
}

/** RSS in MB of the dev server's workerd processes: wrangler's entry proxy, and the runtime running the Worker. */
function workerdRss(): Record<string, number> {
  const ps = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' }).stdout;
  const rows = ps
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, rss, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), rss: Number(rss), args: args.join(' ') };
    });
  const family = new Set([dev.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows)
      if (family.has(row.ppid) && !family.has(row.pid)) {
        family.add(row.pid);
        grew = true;
      }
  }
  const kinds: Record<string, number> = {};
  for (const row of rows.filter((r) => family.has(r.pid) && /workerd/.test(r.args))) {
    const kind = row.args.includes(`entry=localhost:${PORT}`) ? 'entry proxy' : 'Worker';
    kinds[kind] = (kinds[kind] ?? 0) + Math.round(row.rss / 1024);
  }
  return kinds;
}
const showRss = (rss: Record<string, number>) =>
  Object.entries(rss)
    .map(([kind, mb]) => `${kind} ${mb} MB`)
    .join(', ');

const d1 = async () => (await (await fetch(`${BASE}/v1/__bench/d1`)).json()) as Record<string, D1Tally>;
function d1Since(before: Record<string, D1Tally>, after: Record<string, D1Tally>) {
  return Object.entries(after)
    .map(([label, t]) => ({
      label,
      statements: t.statements - (before[label]?.statements ?? 0),
      roundTrips: t.roundTrips - (before[label]?.roundTrips ?? 0),
    }))
    .filter((t) => t.statements > 0);
}

const login = await fetch(`${BASE}/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'ops@acme.test', password: 'demo-password' }),
});
if (!login.ok) throw new Error(`login failed: ${login.status}`);
const { token } = (await login.json()) as { token: string };
const auth = { authorization: `Bearer ${token}` };
const get = async <T>(route: string) =>
  (await (await fetch(`${BASE}${route}`, { headers: auth })).json()) as T;

async function post(csv: string) {
  const started = performance.now();
  const response = await fetch(`${BASE}/v1/extraction-batches`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csv,
  });
  const ms = performance.now() - started;
  if (response.status !== 202) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return { batch: (await response.json()) as { id: string; sites: number }, ms };
}

// --- 1. ROWS rows over HOSTS hosts, to the end. Each site's first row is its home page; later rows repeat the sites
// with other paths and tracking parameters, as lead lists do.
await Bun.sleep(3000);
const rssBefore = workerdRss();
const d1Before = await d1();
const variants = ['/', '/kontakt', '/?utm_source=crm', '', '/impressum#top'];
const rows = Array.from({ length: ROWS }, (_, i) => {
  const variant = variants[Math.floor(i / HOSTS) % variants.length];
  return `Firma ${i},http://${hosts[i % HOSTS]}${variant}`;
});
const started = performance.now();
const run = await post(['company,website', ...rows].join('\n'));
let status = 'running';
let counts: Record<string, number> = {};
while (status === 'running') {
  await Bun.sleep(500);
  ({ status, counts } = await get<{ status: string; counts: Record<string, number> }>(
    `/v1/extraction-batches/${run.batch.id}`,
  ));
}
const seconds = (performance.now() - started) / 1000;
// Every row, read back through the rows route (500 a page).
const statuses = new Map<string, number>();
for (let cursor: string | null = null, first = true; first || cursor; first = false) {
  const page: { data: { status: string }[]; next_cursor: string | null } = await get(
    `/v1/extraction-batches/${run.batch.id}/rows?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  for (const row of page.data) statuses.set(row.status, (statuses.get(row.status) ?? 0) + 1);
  cursor = page.next_cursor;
}
const listed = [...statuses.values()].reduce((a, b) => a + b, 0);
const terminal = [...statuses].filter(([s]) => TERMINAL.has(s)).reduce((a, [, n]) => a + n, 0);
const exported = await (
  await fetch(`${BASE}/v1/extraction-batches/${run.batch.id}/export.csv`, { headers: auth })
).text();
await Bun.sleep(5000); // idle: trailing events handled, GC had a chance
const spent = d1Since(d1Before, await d1());
const rssAfter = workerdRss();

console.log(
  `${ROWS} rows over ${HOSTS} hosts (${run.batch.sites} sites): ${status} in ${seconds.toFixed(1)} s (${(ROWS / seconds).toFixed(0)} rows/s), accepted in ${run.ms.toFixed(0)} ms; counts ${JSON.stringify(counts)}`,
);
console.log(
  `rows read back: ${listed}, terminal ${terminal} ${JSON.stringify(Object.fromEntries(statuses))}; export ${(exported.length / 1024).toFixed(0)} KB, ${exported.trim().split('\r\n').length - 1} lines`,
);
// Reads made while watching (GET …) are the bench's, not the batch's.
const work = spent.filter((t) => !t.label.startsWith('fetch GET'));
const total = work.reduce((sum, t) => sum + t.statements, 0);
console.log(
  `D1 statements for the batch: ${total} = ${(total / ROWS).toFixed(2)} per row, ${(total / run.batch.sites).toFixed(1)} per site (${work
    .map((t) => `${t.label} ${t.statements} in ${t.roundTrips} round trips`)
    .join('; ')}); reads while watching: ${spent
    .filter((t) => t.label.startsWith('fetch GET'))
    .reduce((sum, t) => sum + t.statements, 0)}`,
);
const perHost = [...requestTimes.values()].map((times) => times.length).sort((a, b) => a - b);
const busiestWindow = Math.max(
  ...[...requestTimes.values()].flatMap((times) => {
    const windows = new Map<number, number>();
    for (const at of times)
      windows.set(Math.floor(at / WINDOW_MS), (windows.get(Math.floor(at / WINDOW_MS)) ?? 0) + 1);
    return [...windows.values()];
  }),
);
console.log(
  `requests per host: ${perHost[0]}–${perHost.at(-1)} (median ${perHost[Math.floor(perHost.length / 2)]}), ${perHost.filter((n) => n > 0).length} of ${HOSTS} hosts crawled; most on one host in a 10 s window: ${busiestWindow} (budget 30)`,
);
console.log(`RSS of workerd before: ${showRss(rssBefore)}; after: ${showRss(rssAfter)}`);
if (status !== 'completed' || listed !== ROWS || terminal !== ROWS || perHost.some((n) => n === 0)) {
  console.error('✖ not every row ended terminal, or a host was never crawled');
  process.exitCode = 1;
}

// --- 2. Acceptance of 10,000 rows over 10,000 distinct sites (never crawled: cancelled at once).
const d1BeforeBig = await d1();
const big = [
  'company,website',
  ...Array.from({ length: 10_000 }, (_, i) => `Firma ${i},www.bench-${Date.now()}-${i}.example`),
].join('\n');
const accepted = await post(big);
await Bun.sleep(1000); // the request's own trailing work (ctx.waitUntil) counts as the request's
const acceptStatements = d1Since(d1BeforeBig, await d1()).find(
  (t) => t.label === 'fetch POST /v1/extraction-batches',
);
await fetch(`${BASE}/v1/extraction-batches/${accepted.batch.id}/cancel`, { method: 'POST', headers: auth });
console.log(
  `10,000 rows (${(big.length / 1024).toFixed(0)} KB, ${accepted.batch.sites} sites) accepted in ${accepted.ms.toFixed(0)} ms (target ≤ 2,000 ms), ${acceptStatements?.statements} D1 statements in ${acceptStatements?.roundTrips} round trips`,
);
stop();
process.exit();
