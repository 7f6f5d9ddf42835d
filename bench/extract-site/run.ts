// Extraction end to end against the running dev server (`bun run dev` first, which serves the 5-page German
// demo site on localhost:8790): POST /v1/extractions, then the time until GET shows it completed, per run.
// Each run asks for a different URL (a query parameter the site ignores) so no 24-hour reuse kicks in.
// Usage: bun bench/extract-site/run.ts [runs=4] [site=http://localhost:8790] [base URL]
// Four by default: the per-host budget (CRAWL_LIMITER, 30 requests per 10 s) fits four 7-request crawls (robots.txt,
// the five contact-data pages and one menu page); more runs, or a series right after another, show the crawler
// waiting for the budget, as it should.
const RUNS = Number(process.argv[2] ?? 4);
const SITE = process.argv[3] ?? 'http://localhost:8790';
const BASE = process.argv[4] ?? 'http://localhost:8787';

const login = await fetch(`${BASE}/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'ops@acme.test', password: 'demo-password' }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} (is bun run dev running?)`);
const { token } = (await login.json()) as { token: string };
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

interface Extraction {
  id: string;
  status: string;
  pages: { fetch_ms: number }[];
  entities: unknown[];
}

const totals: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const created = await fetch(`${BASE}/v1/extractions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: `${SITE}/?bench=${Date.now()}-${run}` }),
  });
  if (created.status !== 202) throw new Error(`create failed: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  let done: Extraction;
  for (;;) {
    done = (await (await fetch(`${BASE}/v1/extractions/${id}`, { headers })).json()) as Extraction;
    if (done.status === 'completed' || done.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ms = performance.now() - started;
  totals.push(ms);
  const fetchMs = done.pages.reduce((sum, p) => sum + p.fetch_ms, 0);
  console.log(
    `run ${run + 1}: ${done.status} in ${ms.toFixed(0)} ms — ${done.pages.length} pages (fetch ${fetchMs} ms), ${done.entities.length} entities`,
  );
}
const sorted = [...totals].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(
  `\n${RUNS} extractions: p50 ${at(0.5).toFixed(0)} ms, max ${at(1).toFixed(0)} ms (target < 1,000 ms)`,
);
