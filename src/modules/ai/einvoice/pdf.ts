// The e-invoice XML embedded in a PDF (ZUGFeRD, Factur-X, XRechnung in a PDF/A-3 container).
//
// PDF.js lists the attachments of the EmbeddedFiles name tree. Its result changed shape between versions:
// older ones return a plain object of {filename, content}; newer ones a Map of {filename} whose content is
// fetched with getAttachmentContent(key). PDF/A-3 also links the file from the catalog's AF array, and a
// few generators write it only there, which PDF.js does not read: for those pdf-lib walks the AF array.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { looksLikeEInvoice } from './detect';

/** What getDocumentProxy returns, as far as attachments go (either PDF.js generation). */
export interface AttachmentSource {
  getAttachments(): Promise<unknown>;
  getAttachmentContent?(key: string): Promise<unknown>;
}

export interface EmbeddedXml {
  name: string;
  xml: string;
}

/** The names the standards give the invoice file, in the order they are tried. */
const KNOWN_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml', 'zugferd_invoice.xml'];

const rank = (name: string) => {
  const i = KNOWN_NAMES.indexOf(name.toLowerCase());
  return i === -1 ? KNOWN_NAMES.length : i;
};

export async function embeddedInvoiceXml(
  pdf: AttachmentSource,
  bytes: Uint8Array,
): Promise<EmbeddedXml | null> {
  const listed = await attachmentEntries(pdf);
  for (const entry of listed.sort((a, b) => rank(a.name) - rank(b.name))) {
    const xml = decodeXml(entry.content ?? (await pdf.getAttachmentContent?.(entry.key)));
    if (xml !== null && looksLikeEInvoice(xml)) return { name: entry.name, xml };
  }
  // Embedded file streams are never inside compressed object streams, so their marker is always visible.
  if (!containsAscii(bytes, '/EmbeddedFile') && !containsAscii(bytes, '/AF')) return null;
  return afArrayXml(bytes);
}

interface Entry {
  key: string;
  name: string;
  content?: unknown;
}

async function attachmentEntries(pdf: AttachmentSource): Promise<Entry[]> {
  const found = await pdf.getAttachments().catch(() => null);
  if (!found || typeof found !== 'object') return [];
  const pairs = found instanceof Map ? [...found.entries()] : Object.entries(found);
  return pairs.flatMap(([key, value]) => {
    if (!value || typeof value !== 'object') return [];
    const v = value as { filename?: unknown; content?: unknown };
    const name = typeof v.filename === 'string' ? v.filename : String(key);
    return [{ key: String(key), name, content: v.content }];
  });
}

function decodeXml(content: unknown): string | null {
  if (!(content instanceof Uint8Array) || content.byteLength === 0) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Files linked from the catalog's AF array (PDF/A-3 "associated files"). */
async function afArrayXml(bytes: Uint8Array): Promise<EmbeddedXml | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch {
    return null;
  }
  const af = doc.catalog.lookup(PDFName.of('AF'));
  if (!(af instanceof PDFArray)) return null;
  for (let i = 0; i < af.size(); i++) {
    const spec = af.lookup(i);
    if (!(spec instanceof PDFDict)) continue;
    const ef = spec.lookup(PDFName.of('EF'));
    const stream = ef instanceof PDFDict ? (ef.lookup(PDFName.of('UF')) ?? ef.lookup(PDFName.of('F'))) : null;
    if (!(stream instanceof PDFRawStream)) continue;
    const xml = decodeXml(decodePDFRawStream(stream).decode());
    if (xml !== null && looksLikeEInvoice(xml)) return { name: fileName(spec) ?? 'attachment.xml', xml };
  }
  return null;
}

function fileName(spec: PDFDict): string | null {
  const value = spec.lookup(PDFName.of('UF')) ?? spec.lookup(PDFName.of('F'));
  return value && 'decodeText' in value && typeof value.decodeText === 'function'
    ? String(value.decodeText())
    : null;
}

/** Byte search without decoding the whole (possibly 20 MB) file to a string. */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const codes = Array.from(needle, (c) => c.charCodeAt(0));
  const first = codes[0] ?? 0;
  for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
    if (codes.every((code, j) => bytes[i + j] === code)) return true;
  }
  return false;
}
