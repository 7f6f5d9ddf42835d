// Fan-out benchmark: one event to N WebSocket clients in one room, the EngagementRoom against a bare Durable
// Object broadcasting the same message to the same number of clients, in the same run, alternating rounds.
// Latency per client = time its message arrived − time the publish request was sent (one clock: this
// process). Usage: bun bench/fanout/run.ts [clients=1000] [rounds=30]
import { spawn } from 'node:child_process';
import path from 'node:path';

const CLIENTS = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 30);
const PORT = 8790;
const BASE = `http://127.0.0.1:${PORT}`;
const here = import.meta.dirname;

const wrangler = spawn(
  'bunx',
  [
    'wrangler',
    'dev',
    '--config',
    path.join(here, 'wrangler.toml'),
    '--port',
    String(PORT),
    '--ip',
    '127.0.0.1',
  ],
  {
    cwd: path.resolve(here, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  },
);
const stop = () => wrangler.kill('SIGTERM');
process.on('exit', stop);

async function ready() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/nope`)).status === 404) return;
    } catch {}
    await Bun.sleep(500);
  }
  throw new Error('wrangler dev did not start');
}

interface Fleet {
  arrivals: Map<number, number[]>;
  sockets: WebSocket[];
}

async function connect(kind: 'room' | 'bare'): Promise<Fleet> {
  const arrivals = new Map<number, number[]>();
  const sockets: WebSocket[] = [];
  const BATCH = 100;
  for (let start = 0; start < CLIENTS; start += BATCH) {
    const opened = [];
    for (let n = start; n < Math.min(start + BATCH, CLIENTS); n++) {
      const ws = new WebSocket(`ws://127.0.0.1:${PORT}/${kind}/ws?n=${n}`);
      ws.onmessage = (event) => {
        const now = performance.now();
        const message = JSON.parse(String(event.data));
        if (message.type !== 'task.completed') return;
        const round = message.data.round as number;
        const times = arrivals.get(round) ?? [];
        times.push(now);
        arrivals.set(round, times);
      };
      sockets.push(ws);
      opened.push(
        new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = reject;
        }),
      );
    }
    await Promise.all(opened);
  }
  return { arrivals, sockets };
}

async function round(kind: 'room' | 'bare', fleet: Fleet, n: number): Promise<number[]> {
  const sent = performance.now();
  await fetch(`${BASE}/${kind}/publish?round=${n}`, { method: 'POST' });
  const deadline = sent + 30_000;
  while ((fleet.arrivals.get(n)?.length ?? 0) < CLIENTS && performance.now() < deadline) await Bun.sleep(2);
  const times = fleet.arrivals.get(n) ?? [];
  if (times.length < CLIENTS)
    throw new Error(`${kind} round ${n}: only ${times.length}/${CLIENTS} delivered`);
  return times.map((t) => t - sent);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

await ready();
console.log(`connecting ${CLIENTS} clients to each room…`);
const room = await connect('room');
const bare = await connect('bare');
await Bun.sleep(1000); // let presence messages of the joins settle
const latencies = { room: [] as number[], bare: [] as number[] };
// Two warm-up rounds each, then alternate so both see the same machine conditions.
for (let n = -2; n < ROUNDS; n++) {
  const r = await round('room', room, n);
  const b = await round('bare', bare, n);
  if (n >= 0) {
    latencies.room.push(...r);
    latencies.bare.push(...b);
  }
}
const report = (name: string, values: number[]) =>
  `${name.padEnd(16)} p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(values, 99).toFixed(1).padStart(7)} ms   (${values.length} deliveries)`;
console.log(
  `\nfan-out of one event to ${CLIENTS} WebSocket clients, ${ROUNDS} rounds each, wrangler dev on this machine`,
);
console.log(report('EngagementRoom', latencies.room));
console.log(report('bare DO', latencies.bare));
const ratio = percentile(latencies.room, 99) / percentile(latencies.bare, 99);
console.log(`p99 ratio room/bare: ${ratio.toFixed(2)} (target ≤ 1.5)`);
for (const ws of [...room.sockets, ...bare.sockets]) ws.close();
stop();
process.exit(0);
