// Extraction batches against the running dev server (`bun run dev` first): (1) 10,000 rows accepted in one
// request — the time of the POST, then the batch is cancelled so nothing is crawled; (2) a 1,000-row CSV over
// the local demo sites (rows repeat their sites with other paths, as lists do) followed until every row is
// terminal — time, rows/s, and the export's size.
// Usage: bun bench/extraction-batches/run.ts [rows=1000] [base URL]
import { DEMO_SITE_PORTS } from '../../scripts/demo-sites';

const ROWS = Number(process.argv[2] ?? 1000);
const BASE = process.argv[3] ?? 'http://localhost:8787';

const login = await fetch(`${BASE}/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'ops@acme.test', password: 'demo-password' }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} (is bun run dev running?)`);
const { token } = (await login.json()) as { token: string };
const auth = { authorization: `Bearer ${token}` };

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

// 1. Acceptance of 10,000 rows over 10,000 distinct sites (never crawled: cancelled at once).
const big = [
  'company,website',
  ...Array.from({ length: 10_000 }, (_, i) => `Firma ${i},www.bench-${Date.now()}-${i}.example`),
].join('\n');
const accepted = await post(big);
await fetch(`${BASE}/v1/extraction-batches/${accepted.batch.id}/cancel`, { method: 'POST', headers: auth });
console.log(
  `10,000 rows (${(big.length / 1024).toFixed(0)} KB, ${accepted.batch.sites} sites) accepted in ${accepted.ms.toFixed(0)} ms (target ≤ 2,000 ms)`,
);

// 2. A batch that runs to the end over the demo sites.
const rows = Array.from({ length: ROWS }, (_, i) => {
  const port = DEMO_SITE_PORTS[i % DEMO_SITE_PORTS.length];
  return `Row ${i},http://localhost:${port}/?row=${i}`;
});
const started = performance.now();
const run = await post(['name,url', ...rows].join('\n'));
let status = 'running';
let counts: Record<string, number> = {};
while (status === 'running') {
  await new Promise((resolve) => setTimeout(resolve, 200));
  const batch = (await (
    await fetch(`${BASE}/v1/extraction-batches/${run.batch.id}`, { headers: auth })
  ).json()) as {
    status: string;
    counts: Record<string, number>;
  };
  status = batch.status;
  counts = batch.counts;
}
const seconds = (performance.now() - started) / 1000;
const exported = await (
  await fetch(`${BASE}/v1/extraction-batches/${run.batch.id}/export.csv`, { headers: auth })
).text();
console.log(
  `${ROWS} rows over ${run.batch.sites} sites: ${status} in ${seconds.toFixed(1)} s (${(ROWS / seconds).toFixed(0)} rows/s), accepted in ${run.ms.toFixed(0)} ms; counts ${JSON.stringify(counts)}; export ${(exported.length / 1024).toFixed(0)} KB`,
);
