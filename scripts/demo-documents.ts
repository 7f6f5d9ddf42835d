// Writes the demo documents (invoices and RFPs, PDF/DOCX/text, e-invoices) into demo/ for trying tasks locally: the same
// documents the engine's accuracy tests use, so what you upload is what is known to be read correctly.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { INVOICES, RFPS } from '../tests/fixtures/ai';
import { ciiXml, ublXml } from '../tests/fixtures/einvoices/build';
import { facturXPdf } from '../tests/fixtures/einvoices/pdf';
import { CREDIT, FRENCH, GERMAN } from '../tests/fixtures/einvoices/specs';
import { noticeXml, OPEN_GERMAN } from '../tests/fixtures/notices/build';

/**
 * Structured documents that complete at once: a Factur-X PDF, an XRechnung UBL invoice and a UBL credit note
 * (upload as `invoice`), and an EU eForms contract notice (upload as `rfp`).
 */
const EINVOICES: [string, () => Promise<Uint8Array> | Uint8Array][] = [
  ['einvoice-factur-x.pdf', () => facturXPdf(GERMAN, ciiXml(GERMAN))],
  ['einvoice-xrechnung-ubl.xml', () => new TextEncoder().encode(ublXml(FRENCH))],
  ['einvoice-credit-note-ubl.xml', () => new TextEncoder().encode(ublXml(CREDIT))],
  ['rfp-eforms-contract-notice.xml', () => new TextEncoder().encode(noticeXml(OPEN_GERMAN))],
];

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
};

export async function writeDemoDocuments(root: string): Promise<string[]> {
  const dir = path.join(root, 'demo');
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [kind, fixtures] of [
    ['invoice', INVOICES],
    ['rfp', RFPS],
  ] as const) {
    for (const fixture of fixtures) {
      const slug = fixture.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      const file = `${kind}-${slug}.${EXTENSIONS[fixture.mimeType.split(';')[0] ?? ''] ?? 'bin'}`;
      writeFileSync(path.join(dir, file), await fixture.bytes());
      written.push(file);
    }
  }
  for (const [file, bytes] of EINVOICES) {
    writeFileSync(path.join(dir, file), await bytes());
    written.push(file);
  }
  return written;
}

if (import.meta.main) {
  const files = await writeDemoDocuments(path.resolve(import.meta.dirname, '..'));
  console.log(`wrote ${files.length} demo documents to demo/: ${files.join(', ')}`);
}
