// Invoice corpus benchmark: every fixture of tests/fixtures/invoices through documentFromBytes and the embedded
// CTAX engine — the accuracy report of tests/ai/corpus.test.ts, plus the median time per document (PDF text
// extraction + engine; the PDFs are rendered once beforehand) over N runs after one cold run.
// Runs under Bun (unpdf's serverless PDF.js works there as in workerd).
// Usage: bun bench/invoices/run.ts [runs=5] [name-filter] [--unseen]
// `--unseen` reads the held-out corpus (tests/fixtures/invoices-unseen, round 2) instead: invoices written without
// looking at the reader, in layouts it was not shaped on; `--round3` … `--round14` the later rounds.
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { documentFromBytes } from '../../src/modules/ai/text';
import { type CorpusResult, formatReport, scoreResult } from '../../tests/ai/corpus-report';
import { INVOICE_CORPUS } from '../../tests/fixtures/invoices';
import { UNSEEN_INVOICES } from '../../tests/fixtures/invoices-unseen';
import { UNSEEN_ROUND3 } from '../../tests/fixtures/invoices-unseen/round3';
import { UNSEEN_ROUND4 } from '../../tests/fixtures/invoices-unseen/round4';
import { UNSEEN_ROUND5 } from '../../tests/fixtures/invoices-unseen/round5';
import { UNSEEN_ROUND6 } from '../../tests/fixtures/invoices-unseen/round6';
import { UNSEEN_ROUND7 } from '../../tests/fixtures/invoices-unseen/round7';
import { UNSEEN_ROUND8 } from '../../tests/fixtures/invoices-unseen/round8';
import { UNSEEN_ROUND9 } from '../../tests/fixtures/invoices-unseen/round9';
import { UNSEEN_ROUND10 } from '../../tests/fixtures/invoices-unseen/round10';
import { UNSEEN_ROUND11 } from '../../tests/fixtures/invoices-unseen/round11';
import { UNSEEN_ROUND12 } from '../../tests/fixtures/invoices-unseen/round12';
import { UNSEEN_ROUND13 } from '../../tests/fixtures/invoices-unseen/round13';
import { UNSEEN_ROUND14 } from '../../tests/fixtures/invoices-unseen/round14';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const RUNS = Number(args[0] ?? 5);
const FILTER = args[1] ?? '';
const ROUNDS: Record<string, typeof INVOICE_CORPUS> = {
  '--unseen': UNSEEN_INVOICES,
  '--round3': UNSEEN_ROUND3,
  '--round4': UNSEEN_ROUND4,
  '--round5': UNSEEN_ROUND5,
  '--round6': UNSEEN_ROUND6,
  '--round7': UNSEEN_ROUND7,
  '--round8': UNSEEN_ROUND8,
  '--round9': UNSEEN_ROUND9,
  '--round10': UNSEEN_ROUND10,
  '--round11': UNSEEN_ROUND11,
  '--round12': UNSEEN_ROUND12,
  '--round13': UNSEEN_ROUND13,
  '--round14': UNSEEN_ROUND14,
};
const CORPUS = ROUNDS[process.argv.find((arg) => arg in ROUNDS) ?? ''] ?? INVOICE_CORPUS;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const fixtures = CORPUS.filter((f) => f.name.includes(FILTER));
const results: CorpusResult[] = [];
const medians: number[] = [];
let renderMs = 0;
for (const fixture of fixtures) {
  const t0 = performance.now();
  const bytes = await fixture.bytes();
  renderMs += performance.now() - t0;
  const once = async () => {
    const start = performance.now();
    const doc = await documentFromBytes(bytes, fixture.mimeType);
    const result = ctaxModule.taskTypes.process_invoice.embedded(doc);
    return { ms: performance.now() - start, result };
  };
  const cold = await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await once()).ms);
  const ms = median(times.length ? times : [cold.ms]);
  medians.push(ms);
  results.push({ ...scoreResult(fixture, cold.result), ms });
}

console.log(formatReport(results));
console.log('');
console.log(`Time per document (PDF text + engine), median of ${RUNS} runs after a cold run:`);
for (const r of [...results].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0)).slice(0, 5)) {
  console.log(`  slowest: ${(r.ms ?? 0).toFixed(2).padStart(7)} ms  ${r.fixture.name}`);
}
console.log(`  median over the corpus: ${median(medians).toFixed(2)} ms per document`);
console.log(`  rendering all ${fixtures.length} PDFs with pdf-lib: ${renderMs.toFixed(0)} ms`);
