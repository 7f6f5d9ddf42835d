// E-invoice benchmark: per-document time to read an EN 16931 e-invoice — the XML alone (CII and UBL, as
// uploaded) and a Factur-X PDF (text layer + embedded XML + page comparison) — median over N runs after
// one cold run. Runs under Bun (unpdf's serverless PDF.js works there as in workerd).
// Usage: bun bench/einvoice/run.ts [runs=50] [lines=40]
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { documentFromBytes } from '../../src/modules/ai/text';
import { ciiXml, type EInvoiceSpec, ublXml } from '../../tests/fixtures/einvoices/build';
import { facturXPdf } from '../../tests/fixtures/einvoices/pdf';

const RUNS = Number(process.argv[2] ?? 50);
const LINES = Number(process.argv[3] ?? 40);

const spec: EInvoiceSpec = {
  number: 'RE-2026-1000',
  issueDate: '2026-11-03',
  dueDate: '2026-12-03',
  currency: 'EUR',
  seller: {
    name: 'Lieferant GmbH',
    street: 'Weg 1',
    postcode: '10115',
    city: 'Berlin',
    country: 'DE',
    vatId: 'DE123456789',
  },
  buyer: {
    name: 'Kunde AG',
    street: 'Platz 2',
    postcode: '80331',
    city: 'München',
    country: 'DE',
    vatId: 'DE987654321',
  },
  iban: 'DE89370400440532013000',
  lines: Array.from({ length: LINES }, (_, i) => ({
    name: `Position ${i + 1}`,
    quantity: 1 + (i % 5),
    price: 10 + i * 1.25,
    rate: i % 3 === 0 ? 7 : 19,
  })),
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function measure(name: string, bytes: Uint8Array, type: string) {
  const once = async () => {
    const t0 = performance.now();
    const doc = await documentFromBytes(bytes, type);
    const result = ctaxModule.taskTypes.process_invoice.embedded(doc);
    return { ms: performance.now() - t0, result };
  };
  const cold = await once();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push((await once()).ms);
  console.log(
    `${name.padEnd(22)} ${String(Math.round(bytes.length / 1024)).padStart(4)} KiB | cold ${ms(cold.ms)} | median ${ms(median(runs))} ` +
      `(max ${ms(Math.max(...runs))}) | ${cold.result.model} confidence ${cold.result.confidence}`,
  );
}

const encode = (xml: string) => new TextEncoder().encode(xml);
await measure(`CII XML, ${LINES} lines`, encode(ciiXml(spec)), 'application/xml');
await measure(`UBL XML, ${LINES} lines`, encode(ublXml(spec)), 'application/xml');
await measure(
  'Factur-X PDF, 6 lines',
  await facturXPdf(
    { ...spec, lines: spec.lines.slice(0, 6) },
    ciiXml({ ...spec, lines: spec.lines.slice(0, 6) }),
  ),
  'application/pdf',
);
