// Runs bench/extract-html/worker.ts under `wrangler dev` (local workerd) and times parse + extract of the
// 1 MB page from outside: median request time minus the median of a no-op request to the same Worker.
// Usage: bun bench/extract-html/workerd.ts [runs=30]
import { spawn } from 'node:child_process';
import path from 'node:path';

const RUNS = Number(process.argv[2] ?? 30);
const PORT = 8799;
const root = path.resolve(import.meta.dirname, '../..');
const wrangler = spawn(
  'bunx',
  ['wrangler', 'dev', '--config', 'bench/extract-html/wrangler.toml', '--port', String(PORT)],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
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
  for (let i = 0; i < 5; i++) await time(`${base}/`); // warm-up: JIT and regex compilation
  const both: number[] = [];
  const parse: number[] = [];
  const noop: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    both.push(await time(`${base}/`));
    parse.push(await time(`${base}/parse`));
    noop.push(await time(`${base}/noop`));
  }
  const result = (await (await fetch(`${base}/`)).json()) as { bytes: number; entities: number };
  const net = median(both) - median(noop);
  const parseOnly = median(parse) - median(noop);
  console.log(
    `workerd (wrangler dev): ${(result.bytes / 1e6).toFixed(2)} MB page, ${result.entities} entities — request ${median(both).toFixed(1)} ms − no-op ${median(noop).toFixed(1)} ms = parse + extract ≈ ${net.toFixed(1)} ms (parse alone ≈ ${parseOnly.toFixed(1)} ms; median of ${RUNS})`,
  );
} finally {
  wrangler.kill('SIGTERM');
}
