// The local runtime's own memory growth, without any of our code: `wrangler dev` (the version this repository pins)
// on a hello-world Worker in a temporary directory, then rounds of plain GET requests, 10 at a time, and after each
// round the resident memory of its two workerd processes — the entry proxy wrangler puts on the dev port
// (`--socket-addr=entry=localhost:<port>`) and the runtime running the Worker. If the entry proxy grows round after
// round and never gives memory back while the Worker's runtime stays flat, the growth `bun run dev` shows under load
// is the local tool's, not ours (README, Reliability). Optional: `headers` makes the Worker log a JSON line and
// answer with a few headers per request, as ours does.
// Usage: bun bench/memory/proxy.ts [rounds=4] [requests per round=3000] [headers]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROUNDS = Number(process.argv[2] ?? 4);
const PER_ROUND = Number(process.argv[3] ?? 3000);
const HEADERS = process.argv[4] === 'headers';
const PORT = 8796;
const INSPECTOR = 9266;
const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'engage-proxy-'));

writeFileSync(
  path.join(dir, 'worker.js'),
  HEADERS
    ? `export default { fetch(request) {
  console.log(JSON.stringify({ level: 'info', msg: 'request', path: new URL(request.url).pathname, id: crypto.randomUUID() }));
  return new Response('ok', { headers: { 'x-request-id': crypto.randomUUID(), 'content-security-policy': "default-src 'self'", 'strict-transport-security': 'max-age=31536000' } });
} };`
    : `export default { fetch() { return new Response('ok'); } };`,
);
writeFileSync(
  path.join(dir, 'wrangler.toml'),
  'name = "hello"\nmain = "worker.js"\ncompatibility_date = "2025-09-01"\n',
);

const wrangler = spawn(
  path.join(root, 'node_modules/.bin/wrangler'),
  ['dev', '--port', String(PORT), '--inspector-port', String(INSPECTOR)],
  { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
const stop = () => {
  try {
    if (wrangler.pid) process.kill(-wrangler.pid, 'SIGKILL');
  } catch {}
};
process.on('exit', stop);

const ready = async () => {
  for (let i = 0; i < 60; i++) {
    const ok = await fetch(`http://localhost:${PORT}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await Bun.sleep(1000);
  }
  throw new Error('wrangler dev did not start');
};

/** RSS in MB of this dev server's workerd processes: the entry proxy (on PORT) and the Worker's runtime. */
function workerdRss(): { proxy: number | null; runtime: number | null } {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map((line) => {
      const [pid = '', ppid = '', rss = '', ...args] = line.trim().split(/\s+/);
      return {
        pid: Number(pid),
        ppid: Number(ppid),
        mb: Math.round(Number(rss) / 1024),
        args: args.join(' '),
      };
    });
  const parent = new Map(rows.map((row) => [row.pid, row.ppid]));
  const underWrangler = (pid: number) => {
    for (let at = pid; at > 1; at = parent.get(at) ?? 0) if (at === wrangler.pid) return true;
    return false;
  };
  const ours = rows.filter((row) => row.args.includes('workerd serve') && underWrangler(row.pid));
  const proxy = ours.find((row) => row.args.includes(`entry=localhost:${PORT}`));
  const runtime = ours.find((row) => row !== proxy);
  return { proxy: proxy?.mb ?? null, runtime: runtime?.mb ?? null };
}

await ready();
await Bun.sleep(2000);
const rows: { after: string; proxy: number | null; runtime: number | null }[] = [
  { after: 'start', ...workerdRss() },
];
for (let round = 1; round <= ROUNDS; round++) {
  for (let i = 0; i < PER_ROUND; i += 10)
    await Promise.all(
      Array.from({ length: 10 }, () => fetch(`http://localhost:${PORT}/`).then((r) => r.text())),
    );
  await Bun.sleep(3000);
  rows.push({ after: `${(round * PER_ROUND).toLocaleString('en')} requests`, ...workerdRss() });
}
stop();
console.log(
  `wrangler dev on a hello-world Worker${HEADERS ? ' (a log line and three headers per request)' : ''}:`,
);
console.table(rows);
const first = rows[0];
const last = rows.at(-1);
if (first?.proxy != null && last?.proxy != null)
  console.log(
    `entry proxy: +${last.proxy - first.proxy} MB over ${ROUNDS * PER_ROUND} requests ≈ ${Math.round(((last.proxy - first.proxy) * 1024) / (ROUNDS * PER_ROUND))} KB per request, not given back`,
  );
process.exit(0);
