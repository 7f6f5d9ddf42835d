// Webhook delivery at the issue's scale: starts its own `wrangler dev` (port 8795, fresh state), seeds ENDPOINTS
// companies with one active engagement each, gives each company one endpoint on its own loopback host (port
// 8800 + n, so each has its own `webhook:<host>` breaker; a tenth answer 500 at first, see FAILING) subscribed
// to `task.created`, then creates EVENTS tasks spread over the companies at RATE per second (10 per request,
// POST …/tasks/batch). Measured at the receivers: time from each event's commit (its `timestamp`) to its first
// attempt (p50/p95/p99), deliveries per second, and that every event reached its company's endpoint exactly once
// by webhook-id (a retried one twice as attempts, once as a distinct id).
// Usage: bun bench/webhooks/run.ts [events=10000] [endpoints=100] [rate events/s=200]
import { Database } from 'bun:sqlite';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../../src/lib/crypto';
import { devServer } from '../lib/dev-server';

const EVENTS = Number(process.argv[2] ?? 10_000);
const ENDPOINTS = Number(process.argv[3] ?? 100);
const RATE = Number(process.argv[4] ?? 200);
const PER_REQUEST = 10;
const FIRST_PORT = 8800;
const TIMEOUT_MS = 15 * 60_000;
const PASSWORD = 'bench-password';

const id = (prefix: string, n: number) =>
  `${prefix}_${`WHB${n.toString(36).toUpperCase()}`.padStart(26, '0')}`;
const range = (count: number) => Array.from({ length: count }, (_, n) => n);
const host = (n: number) => `localhost:${FIRST_PORT + n}`;

// --- the receivers: one server per endpoint, each its own host
interface Seen {
  firstAttemptMs: number[];
  /** When each event's first attempt arrived (epoch ms), for the stage breakdown. */
  arrivedAt: Map<string, number>;
  ids: Set<string>;
  attempts: Map<string, number>;
}
const seen = range(ENDPOINTS).map(
  (): Seen => ({ firstAttemptMs: [], arrivedAt: new Map(), ids: new Set(), attempts: new Map() }),
);
// A tenth of the endpoints answer 500 at first: the first attempt of each of their first FAILING events. Four,
// below the five consecutive failures that open a host's breaker: an endpoint failing every first attempt has its
// host's breaker open, and its deliveries then wait out the cool-down by design, which is not what is measured.
const FAILING = 4;
const failsFirst = (n: number) => n % 10 === 0;
const failed = range(ENDPOINTS).map(() => new Set<string>());
let deliveries = 0;
let firstArrival = 0;
let lastArrival = 0;
const servers = range(ENDPOINTS).map((n) =>
  Bun.serve({
    port: FIRST_PORT + n,
    hostname: 'localhost',
    async fetch(request) {
      const record = seen[n] as Seen;
      const webhookId = request.headers.get('webhook-id') ?? '';
      const body = (await request.json()) as { timestamp: string };
      const now = Date.now();
      firstArrival ||= now;
      lastArrival = now;
      const attempt = (record.attempts.get(webhookId) ?? 0) + 1;
      record.attempts.set(webhookId, attempt);
      if (attempt === 1) {
        record.firstAttemptMs.push(now - new Date(body.timestamp).getTime());
        record.arrivedAt.set(webhookId, now);
      }
      const failing = failed[n] as Set<string>;
      if (attempt === 1 && failsFirst(n) && failing.size < FAILING) {
        failing.add(webhookId);
        return new Response('try again', { status: 500 });
      }
      if (!record.ids.has(webhookId)) deliveries++;
      record.ids.add(webhookId);
      return new Response('ok');
    },
  }),
);

// --- a fresh Worker with ENDPOINTS companies, each with an active engagement and credits for its tasks
const server = devServer('webhooks', 8795, 9251);
const passwordHash = await hashPassword(PASSWORD);
const sql: string[] = [];
const at = new Date().toISOString();
for (const n of range(ENDPOINTS)) {
  const org = id('org', n);
  sql.push(
    `INSERT INTO orgs (id, name, created_at) VALUES ('${org}', 'Webhook Bench ${n}', '${at}');`,
    `INSERT INTO credit_accounts (org_id, balance, updated_at) VALUES ('${org}', 1000000, '${at}');`,
    `INSERT INTO credit_entries (id, org_id, amount, kind, source_key, note, created_at) VALUES ('${id('cre', n)}', '${org}', 1000000, 'grant', 'bench:${org}', 'Bench credits', '${at}');`,
    `INSERT INTO experts (id, name, modules, created_at, updated_at) VALUES ('${id('exp', n)}', 'Bench Expert ${n}', '["CTAX"]', '${at}', '${at}');`,
    `INSERT INTO users (id, email, name, role, org_id, password_hash, created_at) VALUES ('${id('usr', n)}', 'ops${n}@webhook-bench.test', 'Ops ${n}', 'company', '${org}', '${passwordHash}', '${at}');`,
    `INSERT INTO engagements (id, org_id, expert_id, title, modules, rate_amount, rate_currency, rate_interval, status, created_by, created_at, updated_at) VALUES ('${id('eng', n)}', '${org}', '${id('exp', n)}', 'Bench ${n}', '["CTAX"]', 100000, 'eur', 'month', 'active', '${id('usr', n)}', '${at}', '${at}');`,
    `INSERT INTO engagement_modules (engagement_id, module, status, created_at, updated_at) VALUES ('${id('eng', n)}', 'CTAX', 'active', '${at}', '${at}');`,
  );
}
server.execute(sql);
await server.start(
  {
    JWT_SECRET: 'webhook-bench-secret-'.repeat(3),
    WEBHOOK_ALLOWED_HOSTS: range(ENDPOINTS).map(host).join(','),
  },
  (line) => {
    if (
      line.includes('"level":"error"') ||
      line.includes('"level":"warn"') ||
      (process.env.VERBOSE && line.includes('engage-'))
    )
      console.log(`${Date.now()} ${line.slice(0, 300)}`);
  },
);
const BASE = server.base;

async function login(n: number): Promise<Record<string, string>> {
  const response = await fetch(`${BASE}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `ops${n}@webhook-bench.test`, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${n}: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}
// One at a time: a hundred password hashes at once is a burst no real sign-in sees.
const headers: Record<string, string>[] = [];
for (const n of range(ENDPOINTS)) headers.push(await login(n));
for (const n of range(ENDPOINTS)) {
  const response = await fetch(`${BASE}/v1/webhook-endpoints`, {
    method: 'POST',
    headers: headers[n],
    body: JSON.stringify({ url: `http://${host(n)}/in`, events: ['task.created'] }),
  });
  if (response.status !== 201) throw new Error(`endpoint ${n}: ${response.status} ${await response.text()}`);
}

// wrangler's local proxy sometimes resets a connection or answers 503 "restarted mid-request" under this load (and
// refuses to retry a POST itself): the request is sent again under the same Idempotency-Key, so no task is created
// twice.
let proxyRestarts = 0;
async function createTasks(n: number, r: number, tasks: unknown[]) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${BASE}/v1/engagements/${id('eng', n)}/tasks/batch`, {
      method: 'POST',
      headers: { ...headers[n], 'idempotency-key': `webhook-bench-${r}` },
      body: JSON.stringify({ tasks }),
    }).catch((error: Error) => {
      if (attempt === 5) throw error;
      return null; // a connection the proxy reset
    });
    if (response?.status === 202) return;
    const text = response ? await response.text() : '';
    if (response && (response.status !== 503 || attempt === 5))
      throw new Error(`tasks: ${response.status} ${text}`);
    proxyRestarts++;
    await Bun.sleep(1000);
  }
}

// --- EVENTS tasks at RATE per second, the companies in turn
console.log(`${EVENTS} events to ${ENDPOINTS} endpoints (one per company and host) at ${RATE} events/s …`);
const started = performance.now();
const requests = Math.ceil(EVENTS / PER_REQUEST);
const sends: Promise<void>[] = [];
for (let r = 0; r < requests; r++) {
  const due = (r * PER_REQUEST * 1000) / RATE;
  const wait = due - (performance.now() - started);
  if (wait > 0) await Bun.sleep(wait);
  const n = r % ENDPOINTS;
  const count = Math.min(PER_REQUEST, EVENTS - r * PER_REQUEST);
  const tasks = range(count).map((i) => ({
    title: `Webhook bench ${r}.${i}`,
    module: 'CTAX',
    type: 'process_invoice',
    input: { text: `Rechnung WB-${r}-${i}\nGesamtbetrag: 119,00 EUR` },
  }));
  sends.push(createTasks(n, r, tasks));
}
await Promise.all(sends);
const created = (performance.now() - started) / 1000;
let shown = 0;
while (deliveries < EVENTS && performance.now() - started < TIMEOUT_MS) {
  await Bun.sleep(200);
  if (performance.now() - started > shown + 10_000) {
    shown = performance.now() - started;
    console.log(`  … ${deliveries} of ${EVENTS} delivered after ${(shown / 1000).toFixed(0)} s`);
  }
}
await Bun.sleep(3000); // anything arriving twice would arrive now

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const pctOf = (values: number[], p: number) =>
  values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const latencies = sorted(seen.flatMap((s) => s.firstAttemptMs));
const pct = (p: number) => pctOf(latencies, p);
const healthy = sorted(seen.flatMap((s, n) => (failsFirst(n) ? [] : s.firstAttemptMs)));
const retried = failed.reduce((sum, ids) => sum + ids.size, 0);
let duplicates = 0;
for (const [n, record] of seen.entries())
  for (const [webhookId, attempts] of record.attempts)
    duplicates += attempts - (failed[n]?.has(webhookId) ? 2 : 1);
const seconds = (lastArrival - firstArrival) / 1000;
console.log(`created in ${created.toFixed(1)} s (${(EVENTS / created).toFixed(0)} events/s)`);
console.log(
  `delivered (distinct webhook-id per endpoint): ${deliveries} of ${EVENTS}; lost: ${EVENTS - deliveries}; retried after a 500: ${retried}; extra attempts beyond the planned retry: ${duplicates}`,
);
console.log(
  `commit → first attempt: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1) ?? 0} ms`,
);
console.log(
  `  endpoints that answer (90 %): p50 ${pctOf(healthy, 50)} ms, p95 ${pctOf(healthy, 95)} ms, p99 ${pctOf(healthy, 99)} ms, max ${healthy.at(-1) ?? 0} ms`,
);
console.log(
  `throughput: ${(deliveries / Math.max(seconds, 0.001)).toFixed(0)} deliveries/s over ${seconds.toFixed(1)} s`,
);
stages();
if (proxyRestarts)
  console.log(`(${proxyRestarts} task requests reset or answered 503 by the local proxy and sent again)`);
for (const s of servers) s.stop(true);
process.exit(deliveries === EVENTS && duplicates === 0 ? 0 : 1);

/**
 * Where the time goes, from the bench Worker's own D1 file (read after the run): commit → fan-out (the outbox
 * relay wrote the delivery row), fan-out → first attempt arriving (made by the relay itself after a response).
 */
function stages() {
  const dir = path.join(server.state, 'v3/d1/miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) return;
  const db = new Database(path.join(dir, file), { readonly: true });
  const rows = db
    .query(
      `SELECT d.event_id AS id, e.created_at AS committed, d.created_at AS fanned FROM webhook_deliveries d JOIN events e ON e.id = d.event_id`,
    )
    .all() as { id: string; committed: string; fanned: string }[];
  const arrived = new Map(seen.flatMap((s) => [...s.arrivedAt]));
  const relay: number[] = [];
  const attempt: number[] = [];
  for (const row of rows) {
    const at = arrived.get(row.id);
    if (at === undefined) continue;
    const fanned = Date.parse(row.fanned);
    relay.push(fanned - Date.parse(row.committed));
    attempt.push(at - fanned);
  }
  const show = (label: string, values: number[]) => {
    const s = sorted(values);
    console.log(
      `  ${label}: p50 ${pctOf(s, 50)} ms, p95 ${pctOf(s, 95)} ms, p99 ${pctOf(s, 99)} ms, max ${s.at(-1) ?? 0} ms`,
    );
  };
  show('commit → fan-out (outbox relay)', relay);
  show('fan-out → first attempt', attempt);
}
