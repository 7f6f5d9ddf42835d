// The text engine measured against real e-invoice PDFs: each PDF whose embedded XML is read is also read by its
// page text alone (as if it had no XML), and the two bookings are compared field by field. The XML is ground
// truth written by the issuer's own software, so this measures the text engine on real layouts without anyone
// typing expected values. Real documents are not committed; point this at a folder of them.
// Usage: bun bench/einvoice/text-vs-xml.ts <folder> [--verbose]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ctaxModule, processInvoice } from '../../src/modules/ai/modules/ctax';
import { LEGAL_FORM } from '../../src/modules/ai/modules/invoice/parties';
import type { InvoiceOutput } from '../../src/modules/ai/modules/invoice/schema';
import { documentFromBytes } from '../../src/modules/ai/text';

const folder = process.argv[2];
if (!folder) throw new Error('usage: bun bench/einvoice/text-vs-xml.ts <folder> [--verbose]');
const verbose = process.argv.includes('--verbose');

const FIELDS = [
  'invoice_number',
  'issue_date',
  'due_date',
  'currency',
  'net',
  'vat_amount',
  'gross',
  'iban',
] as const;
const PARTY = ['supplier.name', 'supplier.vat_id', 'recipient.name'] as const;
const compact = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().toLowerCase() : v);
// A party's name with or without its legal form is the same party: EN 16931 asks for the full formal name
// (BT-27/BT-44) and some issuers' XML leaves the form out that their page prints ("… GMBH" in the footer).
const LEGAL_FORM_AT_END = new RegExp(`[\\s,]+(?:${LEGAL_FORM.source})\\.?$`, 'i');
const comparable = (path: string, v: unknown) =>
  path.endsWith('.name') && typeof v === 'string' ? compact(v.replace(LEGAL_FORM_AT_END, '')) : compact(v);
const get = (o: InvoiceOutput, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], o);

const tally = new Map<string, { same: number; total: number }>();
let docs = 0;
let completed = 0;
let completedWrong = 0;
for (const file of (await readdir(folder)).filter((f) => f.toLowerCase().endsWith('.pdf')).sort()) {
  const doc = await documentFromBytes(
    new Uint8Array(await readFile(join(folder, file))),
    'application/pdf',
  ).catch(() => null);
  if (!doc?.einvoice || doc.text.trim() === '') continue;
  const truth = ctaxModule.taskTypes.process_invoice.embedded(doc).output;
  const { einvoice: _drop, ...page } = doc;
  const text = processInvoice(page);
  docs++;
  const wrong: string[] = [];
  for (const path of [...FIELDS, ...PARTY]) {
    const expected = comparable(path, get(truth, path));
    if (expected === null || expected === undefined) continue;
    const same = expected === comparable(path, get(text.output, path));
    const t = tally.get(path) ?? { same: 0, total: 0 };
    tally.set(path, { same: t.same + (same ? 1 : 0), total: t.total + 1 });
    if (!same)
      wrong.push(
        `${path}: xml ${JSON.stringify(get(truth, path))}, text ${JSON.stringify(get(text.output, path))}`,
      );
  }
  const done = text.confidence >= 80;
  if (done) completed++;
  if (done && wrong.length) completedWrong++;
  console.log(
    `${done ? '[done]' : '[rev] '} ${String(text.confidence).padStart(3)} ${file}  ${wrong.length} differ`,
  );
  if (verbose || done) for (const w of wrong) console.log(`        ${w}`);
}
console.log(`\n${docs} e-invoice PDFs with a text layer; text reading agrees with the XML per field:`);
let same = 0;
let total = 0;
for (const [path, t] of tally) {
  same += t.same;
  total += t.total;
  console.log(
    `  ${path.padEnd(18)} ${((100 * t.same) / t.total).toFixed(1).padStart(5)} % (${t.same}/${t.total})`,
  );
}
console.log(`  all fields         ${((100 * same) / Math.max(total, 1)).toFixed(1)} %`);
console.log(
  `complete unseen by text: ${completed}/${docs}, of them with a field the XML contradicts: ${completedWrong}`,
);
