// Extraction benchmark: per-document time for a 20-page PDF (text extraction + the module's embedded engine),
// median over N runs after one cold run. Runs under Bun (unpdf's serverless PDF.js works there as in workerd).
// Usage: bun bench/extract/run.ts [runs=20] [pages=20]
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { tenderModule } from '../../src/modules/ai/modules/tender';
import { documentFromBytes } from '../../src/modules/ai/text';
import type { TaskTypeDefinition } from '../../src/modules/ai/types';
import { longInvoice, longRfp } from './documents';

const RUNS = Number(process.argv[2] ?? 20);
const PAGES = Number(process.argv[3] ?? 20);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function measure(name: string, bytes: Uint8Array, type: TaskTypeDefinition | undefined) {
  if (!type) throw new Error(`${name}: task type missing`);
  const once = async () => {
    const t0 = performance.now();
    // Read as the task queue reads it: in the order the task type declares (RFPs: by text column).
    const doc = await documentFromBytes(bytes, 'application/pdf', { order: type.readingOrder ?? 'rows' });
    const t1 = performance.now();
    const result = type.embedded(doc, {});
    const t2 = performance.now();
    return { text: t1 - t0, engine: t2 - t1, total: t2 - t0, doc, result };
  };
  const cold = await once();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  const chars = cold.doc.text.length;
  console.log(
    `${name.padEnd(8)} ${String(cold.doc.pages.length).padStart(3)} pages ${String(Math.round(bytes.length / 1024)).padStart(4)} KiB ${String(chars).padStart(6)} chars | ` +
      `cold ${ms(cold.total)} | median text ${ms(median(runs.map((r) => r.text)))} + engine ${ms(median(runs.map((r) => r.engine)))} = ${ms(median(runs.map((r) => r.total)))} ` +
      `(min ${ms(Math.min(...runs.map((r) => r.total)))}, max ${ms(Math.max(...runs.map((r) => r.total)))}) | confidence ${cold.result.confidence}`,
  );
}

console.log(
  `Extraction of ${PAGES}-page PDFs, ${RUNS} runs each (Bun ${process.versions.bun ?? '?'}, ${process.platform}/${process.arch})`,
);
await measure('invoice', await longInvoice(PAGES), ctaxModule.taskTypes.process_invoice);
await measure('rfp', await longRfp(PAGES), tenderModule.taskTypes.parse_rfp);
