// Parse + extract time for a ~1 MB HTML page (target < 50 ms), median over N runs after warm-up.
// Runs under Bun, which ships the same lol-html based HTMLRewriter as workerd; tests/extractions/parse-bench.test.ts
// prints the workerd figure. Usage: bun bench/extract-html/run.ts [runs=20]
import { extractEntities, mergeEntities, parsePage } from '../../src/modules/extractions/parse';
import { buildLargePage } from './page';

const RUNS = Number(process.argv[2] ?? 20);
const html = buildLargePage();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

const parseTimes: number[] = [];
const extractTimes: number[] = [];
let found = 0;
for (let run = 0; run < RUNS + 3; run++) {
  const t0 = performance.now();
  const page = await parsePage('https://www.firma-mueller.de/impressum', html);
  const t1 = performance.now();
  const entities = mergeEntities(extractEntities(page, 'impressum', 'DE'));
  const t2 = performance.now();
  if (run < 3) continue; // warm-up: JIT and regex compilation
  parseTimes.push(t1 - t0);
  extractTimes.push(t2 - t1);
  found = entities.length;
  if (run === 3)
    console.log(
      `page ${(html.length / 1e6).toFixed(2)} MB, text ${(page.text.length / 1e3).toFixed(0)} kB, ${page.links.length} links`,
    );
}
const p = median(parseTimes);
const e = median(extractTimes);
console.log(
  `parse ${p.toFixed(1)} ms + extract ${e.toFixed(1)} ms = ${(p + e).toFixed(1)} ms (median of ${RUNS}); ${found} entities`,
);
