// Webhook delivery against the running dev server (`bun run dev` first; WEBHOOK_ALLOWED_HOSTS in .dev.vars
// must list localhost:8792, as .dev.vars.example does). Starts a receiver on localhost:8792, registers
// ENDPOINTS endpoints of the demo company subscribed to `task.created` (a tenth of them answer 500 to the
// first attempt of every event), creates EVENTS tasks (100 per request, POST …/tasks/batch) and measures:
// time from the event's commit (its `timestamp`) to the first attempt at each endpoint (p50/p99), deliveries
// per second, and that every event reached every endpoint exactly once by webhook-id (a retried one twice
// as attempts, once as a distinct id). Endpoints are deleted afterwards.
// Usage: bun bench/webhooks/run.ts [events=1000] [endpoints=10] [base URL]
const EVENTS = Number(process.argv[2] ?? 1000);
const ENDPOINTS = Number(process.argv[3] ?? 10);
const BASE = process.argv[4] ?? 'http://localhost:8787';
const PORT = 8792;
const ENGAGEMENT = `eng_${'ACMEANNA'.padStart(26, '0')}`;
const TIMEOUT_MS = 15 * 60_000;

interface Seen {
  firstAttemptMs: number[];
  ids: Set<string>;
  attempts: Map<string, number>;
}
const seen = new Map<number, Seen>();
for (let n = 0; n < ENDPOINTS; n++) seen.set(n, { firstAttemptMs: [], ids: new Set(), attempts: new Map() });
const failsFirst = (n: number) => n % 10 === 0;
let deliveries = 0;
let firstArrival = 0;
let lastArrival = 0;

const server = Bun.serve({
  port: PORT,
  hostname: 'localhost',
  async fetch(request) {
    const n = Number(new URL(request.url).pathname.split('/').pop());
    const record = seen.get(n);
    const id = request.headers.get('webhook-id') ?? '';
    const body = (await request.json()) as { timestamp: string };
    if (!record) return new Response('unknown endpoint', { status: 404 });
    const now = Date.now();
    firstArrival ||= now;
    lastArrival = now;
    const attempt = (record.attempts.get(id) ?? 0) + 1;
    record.attempts.set(id, attempt);
    if (attempt === 1) record.firstAttemptMs.push(now - new Date(body.timestamp).getTime());
    if (attempt === 1 && failsFirst(n)) return new Response('try again', { status: 500 });
    if (!record.ids.has(id)) deliveries++;
    record.ids.add(id);
    return new Response('ok');
  },
});

async function login(): Promise<string> {
  const response = await fetch(`${BASE}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ops@acme.test', password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} (is bun run dev running?)`);
  return ((await response.json()) as { token: string }).token;
}

const token = await login();
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const endpointIds: string[] = [];
for (let n = 0; n < ENDPOINTS; n++) {
  const response = await fetch(`${BASE}/v1/webhook-endpoints`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: `http://localhost:${PORT}/ep/${n}`, events: ['task.created'] }),
  });
  if (response.status !== 201) throw new Error(`endpoint: ${response.status} ${await response.text()}`);
  endpointIds.push(((await response.json()) as { id: string }).id);
}

const started = performance.now();
for (let next = 0; next < EVENTS; next += 100) {
  const tasks = Array.from({ length: Math.min(100, EVENTS - next) }, (_, i) => ({
    title: `Webhook bench ${next + i}`,
    module: 'CTAX',
    type: 'process_invoice',
    input: { text: `Rechnung WB-${next + i}\nGesamtbetrag: 119,00 EUR` },
  }));
  const response = await fetch(`${BASE}/v1/engagements/${ENGAGEMENT}/tasks/batch`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ tasks }),
  });
  if (response.status !== 202) throw new Error(`tasks: ${response.status} ${await response.text()}`);
}
const expected = EVENTS * ENDPOINTS;
while (deliveries < expected && performance.now() - started < TIMEOUT_MS) await Bun.sleep(200);
await Bun.sleep(3000); // anything arriving twice would arrive now

const latencies = [...seen.values()].flatMap((s) => s.firstAttemptMs).sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
let duplicates = 0;
for (const [n, record] of seen)
  for (const attempts of record.attempts.values()) duplicates += attempts - (failsFirst(n) ? 2 : 1);
const seconds = (lastArrival - firstArrival) / 1000;
console.log(`${EVENTS} events × ${ENDPOINTS} endpoints = ${expected} deliveries expected`);
console.log(
  `delivered (distinct webhook-id per endpoint): ${deliveries}; lost: ${expected - deliveries}; extra attempts beyond the planned retry: ${duplicates}`,
);
console.log(`commit → first attempt: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1) ?? 0} ms`);
console.log(
  `throughput: ${(deliveries / Math.max(seconds, 0.001)).toFixed(0)} deliveries/s over ${seconds.toFixed(1)} s`,
);

for (const id of endpointIds)
  await fetch(`${BASE}/v1/webhook-endpoints/${id}`, { method: 'DELETE', headers });
server.stop();
process.exit(deliveries === expected && duplicates === 0 ? 0 : 1);
