// Real-invoice check: every `<name>.pdf` in a folder beside an invoice2data-style `<name>.json` (the expected
// fields `invoice_number`, `date`, `date_due`, `amount`, `amount_untaxed`, `amount_tax`, `currency`, `vat`,
// `iban`, `issuer`) through documentFromBytes and the embedded CTAX engine. Real documents are not committed
// (their licences differ); point this at a folder of them, e.g. invoice2data's tests/compare.
// Usage: bun bench/invoices/real.ts <folder> [--verbose]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import { documentFromBytes } from '../../src/modules/ai/text';

const folder = process.argv[2];
if (!folder) throw new Error('usage: bun bench/invoices/real.ts <folder> [--verbose]');
const verbose = process.argv.includes('--verbose');

const compact = (value: unknown) =>
  String(value ?? '')
    .replace(/[\s.]/g, '')
    .toUpperCase();
const cents = (value: unknown) => (typeof value === 'number' ? Math.round(value * 100) : null);

let exact = 0;
let total = 0;
let completed = 0;
let completedWrong = 0;
const files = (await readdir(folder)).filter((f) => f.endsWith('.pdf')).sort();
for (const file of files) {
  const expectedPath = join(folder, file.replace(/\.pdf$/, '.json'));
  const expected =
    (JSON.parse(await readFile(expectedPath, 'utf8').catch(() => '[{}]')) as Record<string, unknown>[])[0] ??
    {};
  const doc = await documentFromBytes(new Uint8Array(await readFile(join(folder, file))), 'application/pdf');
  const { output, confidence, checks } = ctaxModule.taskTypes.process_invoice.embedded(doc);
  const o = output;
  const pairs: [string, unknown, unknown][] = [];
  const want = (name: string, exp: unknown, got: unknown) => {
    if (exp === undefined || exp === null) return;
    pairs.push([name, exp, got]);
  };
  want('invoice_number', expected.invoice_number, o.invoice_number);
  want('issue_date', expected.date, o.issue_date);
  want('due_date', expected.date_due, o.due_date);
  want('gross', cents(expected.amount), o.gross === null ? null : Math.abs(o.gross));
  want('net', cents(expected.amount_untaxed), o.net === null ? null : Math.abs(o.net));
  want('vat_amount', cents(expected.amount_tax), o.vat_amount === null ? null : Math.abs(o.vat_amount));
  want(
    'currency',
    typeof expected.currency === 'string' ? expected.currency.toLowerCase() : undefined,
    o.currency,
  );
  want(
    'supplier.vat_id',
    typeof expected.vat === 'string' ? compact(expected.vat) : undefined,
    o.supplier.vat_id && compact(o.supplier.vat_id),
  );
  want('iban', expected.iban, o.iban);
  const wrong = pairs.filter(([, exp, got]) => exp !== got);
  exact += pairs.length - wrong.length;
  total += pairs.length;
  const done = confidence >= 80;
  if (done) completed++;
  if (done && wrong.length) completedWrong++;
  const failed = checks.filter((c) => !c.passed).map((c) => c.name);
  console.log(
    `${done ? '[done]' : '[rev] '} ${String(confidence).padStart(3)} ${file.padEnd(36)} ${pairs.length - wrong.length}/${pairs.length}  checks: ${failed.join(', ') || '—'}`,
  );
  for (const [name, exp, got] of wrong)
    console.log(`        ${name}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)}`);
  if (verbose)
    console.log(
      JSON.stringify(
        { ...o, line_items: o.line_items.length, field_confidence: undefined, sources: undefined },
        null,
        1,
      ),
    );
}
console.log(
  `\nfields exact: ${((100 * exact) / Math.max(total, 1)).toFixed(1)} % (${exact}/${total}); complete unseen ${completed}/${files.length}; completed with a wrong field: ${completedWrong}`,
);
