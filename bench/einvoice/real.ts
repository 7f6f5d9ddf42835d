// Real e-invoices: every `.xml` and `.pdf` in a folder (e.g. the KoSIT XRechnung test suite's business cases,
// or a ZUGFeRD library's sample files) through documentFromBytes and the embedded CTAX engine, as an upload
// would go. Reports per file the format and profile read, the confidence, the checks that failed, and the
// booking's key fields; a file that throws is a defect. Real documents are not committed; point this at them.
// Usage: bun bench/einvoice/real.ts <folder> [name-filter]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { documentFromBytes } from '../../src/modules/ai/text';

const folder = process.argv[2];
if (!folder) throw new Error('usage: bun bench/einvoice/real.ts <folder> [name-filter]');
const filter = process.argv[3] ?? '';
const money = (minor: number | null) => (minor === null ? '—' : (minor / 100).toFixed(2));

let completed = 0;
let read = 0;
const files = (await readdir(folder)).filter((f) => /\.(xml|pdf)$/i.test(f) && f.includes(filter)).sort();
for (const file of files) {
  const bytes = new Uint8Array(await readFile(join(folder, file)));
  const mime = file.endsWith('.pdf') ? 'application/pdf' : 'application/xml';
  try {
    const doc = await documentFromBytes(bytes, mime);
    const { output, confidence, checks, model_used } = ctaxModule.taskTypes.process_invoice.embedded(
      doc,
    ) as ReturnType<typeof ctaxModule.taskTypes.process_invoice.embedded> & { model_used?: string };
    read++;
    if (confidence >= 80) completed++;
    const failed = checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
    console.log(
      `${confidence >= 80 ? '[done]' : '[rev] '} ${String(confidence).padStart(3)} ${file.padEnd(44)} ${model_used ?? (doc.einvoice ? 'xml' : 'text')} ` +
        `${output.invoice_number} ${output.issue_date} net ${money(output.net)} vat ${money(output.vat_amount)} gross ${money(output.gross)} ${output.currency} items ${output.line_items.length}`,
    );
    for (const f of failed) console.log(`        ${f}`);
  } catch (error) {
    console.log(`[FAIL]     ${file}: ${(error as Error).message}`);
  }
}
console.log(`\n${read}/${files.length} read, ${completed} complete unseen`);
