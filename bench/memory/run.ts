// Where the local runtime's memory goes under load (issue 13, item 10). Starts `bun run dev` on its own port
// and state directory, then runs rounds of task batches (bench/tasks, 500 tasks per round) and after each
// round, once idle, samples: the resident memory (RSS) of every process of the dev server by kind (workerd,
// wrangler's node, vite, …) and, through the inspector wrangler opens for the Worker (CDP over WebSocket),
// the Worker isolate's JavaScript heap after a forced garbage collection. A growing isolate heap would be
// ours (module-scope caches, retained arrays); growth of workerd's RSS with a flat isolate heap is the local
// runtime (SQLite page caches of D1 and the queue/DO storage, allocator arenas).
// Usage: bun bench/memory/run.ts [rounds=4] [tasks per round=500] [rss]
// `rss`: RSS per process only, no inspector (attaching it has been seen to stall the isolate mid-run).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROUNDS = Number(process.argv[2] ?? 4);
const PER_ROUND = Number(process.argv[3] ?? 500);
const RSS_ONLY = process.argv[4] === 'rss';
const PORT = 8795;
const INSPECTOR = 9239;
const BASE = `http://localhost:${PORT}`;
const root = path.resolve(import.meta.dirname, '../..');
const stateDir = mkdtempSync(path.join(tmpdir(), 'engage-memory-'));

const dev = spawn('bun', ['scripts/dev.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(PORT),
    ENGAGE_STATE_DIR: stateDir,
    ...(RSS_ONLY ? {} : { ENGAGE_INSPECTOR_PORT: String(INSPECTOR) }),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-(dev.pid ?? 0), 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);

async function waitForHealth() {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) return;
    } catch {
      // not yet listening
    }
    await Bun.sleep(500);
  }
  throw new Error('dev server did not start');
}

/** RSS in MB of every descendant of the dev process, summed by kind. */
function rssByKind(): Record<string, number> {
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
  for (const row of rows.filter((r) => family.has(r.pid))) {
    // Two workerd: wrangler's entry proxy (serving the port) and the runtime running the Worker itself.
    const kind = /workerd/.test(row.args)
      ? row.args.includes(`entry=localhost:${PORT}`)
        ? 'workerd (entry proxy)'
        : 'workerd (Worker)'
      : /wrangler/.test(row.args)
        ? 'wrangler (node)'
        : /vite/.test(row.args)
          ? 'vite'
          : /esbuild/.test(row.args)
            ? 'esbuild'
            : 'other';
    kinds[kind] = (kinds[kind] ?? 0) + Math.round(row.rss / 1024);
  }
  return kinds;
}

/** The Worker isolate's JS heap (MB) after a full GC, through the inspector (CDP). */
async function isolateHeapMb(): Promise<{ used: number; total: number } | null> {
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR}/json`)).json()) as {
      webSocketDebuggerUrl: string;
      title: string;
    }[];
    const target = targets.find((t) => !/wrangler|proxy/i.test(t.title)) ?? targets[0];
    if (!target) return null;
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    let id = 0;
    // wrangler's inspector proxy takes one client and answers only enabled domains: enable first, and never
    // wait forever for an answer.
    const send = (method: string) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        setTimeout(() => reject(new Error(`${method}: no answer within 10 s`)), 10_000);
        const mine = ++id;
        socket.addEventListener('message', function onMessage(message) {
          const data = JSON.parse(String(message.data));
          if (data.id !== mine) return;
          socket.removeEventListener('message', onMessage);
          resolve(data.result ?? {});
        });
        socket.send(JSON.stringify({ id: mine, method }));
      });
    await send('Runtime.enable');
    await send('HeapProfiler.enable');
    await send('HeapProfiler.collectGarbage');
    const usage = await send('Runtime.getHeapUsage').finally(() => socket.close());
    return {
      used: Math.round((usage.usedSize ?? 0) / 2 ** 20),
      total: Math.round((usage.totalSize ?? 0) / 2 ** 20),
    };
  } catch (error) {
    console.warn(`inspector unavailable: ${error}`);
    return null;
  }
}

async function sample(label: string) {
  await Bun.sleep(5000); // idle: queues drained, GC had a chance
  const heap = RSS_ONLY ? null : await isolateHeapMb();
  const rss = rssByKind();
  console.log(
    `${label.padEnd(14)} isolate heap ${heap ? `${heap.used}/${heap.total} MB` : 'n/a'}  RSS ${Object.entries(
      rss,
    )
      .map(([k, v]) => `${k} ${v} MB`)
      .join(', ')}`,
  );
}

await waitForHealth();
await sample('started');
for (let round = 1; round <= ROUNDS; round++) {
  const result = spawnSync('bun', ['bench/tasks/run.ts', String(PER_ROUND), 'batch', BASE], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`round ${round} failed: ${result.stdout}${result.stderr}`);
  await sample(`${round * PER_ROUND} tasks`);
}
stop();
process.exit(0);
