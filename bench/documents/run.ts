// PDF rendering time per invoice in workerd: runs bench/documents/worker.ts under `wrangler dev` (local
// workerd) and times requests from outside — the median request rendering one invoice, and one rendering
// `batch` invoices, each minus the median of a no-op request to the same Worker. Target: ≤ 50 ms an invoice.
// Usage: bun bench/documents/run.ts [runs=30] [batch=20]
import { spawn } from 'node:child_process';
import path from 'node:path';

const RUNS = Number(process.argv[2] ?? 30);
const BATCH = Number(process.argv[3] ?? 20);
const PORT = 8798;
const root = path.resolve(import.meta.dirname, '../..');
const wrangler = spawn(
  'bunx',
  ['wrangler', 'dev', '--config', 'bench/documents/wrangler.toml', '--port', String(PORT)],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const base = `http://localhost:${PORT}`;
try {
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error('wrangler dev did not start');
    if (
      await fetch(`${base}/noop`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const time = async (url: string) => {
    const t0 = performance.now();
    await (await fetch(url)).text();
    return performance.now() - t0;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
  const cold = await time(`${base}/render?n=1`);
  for (let i = 0; i < 5; i++) await time(`${base}/render?n=1`); // warm-up
  const one: number[] = [];
  const many: number[] = [];
  const noop: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    one.push(await time(`${base}/render?n=1`));
    many.push(await time(`${base}/render?n=${BATCH}`));
    noop.push(await time(`${base}/noop`));
  }
  const { bytes } = (await (await fetch(`${base}/render?n=1`)).json()) as { bytes: number };
  const single = median(one) - median(noop);
  const perInvoice = (median(many) - median(noop)) / BATCH;
  console.log(
    `workerd (wrangler dev): invoice PDF ${(bytes / 1024).toFixed(1)} KiB — first request ${cold.toFixed(1)} ms; one per request ${median(one).toFixed(1)} − no-op ${median(noop).toFixed(1)} = ${single.toFixed(1)} ms; ${BATCH} per request: ${perInvoice.toFixed(1)} ms an invoice (median of ${RUNS}; target ≤ 50 ms)`,
  );
} finally {
  wrangler.kill('SIGTERM');
}
