// Turns an uploaded file (PDF, DOCX, plain text, or an image) into the DocumentText every engine reads.
// Scans (images, PDFs without a text layer) are read by OCR when one is given, else handed on empty with
// the reason, so the engines put them in front of a reviewer instead of failing them.
import { MIME, sniffMime } from '../../files/sniff';
import { looksLikeEInvoice } from '../einvoice/detect';
import { looksLikeNotice } from '../notices/detect';
import { MAX_OCR_IMAGE_BYTES, NO_OCR, OCR_MODEL, type Ocr, scannedPages } from '../ocr';
import type { DocumentText } from '../types';
import { docxText, isDocx } from './docx';
import { detectLanguage } from './language';
import { readPdf } from './pdf';

export { type DocLine, documentLines, sourceOf } from './lines';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The file cannot be read as a document; retrying will not help, so the task should fail at once. */
export class UnsupportedDocumentError extends Error {
  override name = 'UnsupportedDocumentError';
}

export interface ReadOptions {
  /** Reads text from images; without it, scans come back empty with `unreadable` set. */
  ocr?: Ocr | null;
  /** Why there is no OCR, when it is not that none is configured (e.g. the model is down). */
  noOcrReason?: string;
  /** How PDF pages are read into lines (the task type's `readingOrder`); row by row by default. */
  order?: 'rows' | 'columns';
}

export async function documentFromBytes(
  bytes: Uint8Array,
  mimeType: string,
  options: ReadOptions = {},
): Promise<DocumentText> {
  const format = detectFormat(bytes, mimeType.split(';')[0]?.trim().toLowerCase() ?? '');
  if (format === 'pdf') {
    const pdf = await readPdf(bytes, { order: options.order ?? 'rows' });
    const pages = pdf.pages.map(normalise);
    const einvoice = pdf.einvoice ? { einvoice: pdf.einvoice } : {};
    if (pages.some((page) => page.trim() !== ''))
      return { ...fromPages('pdf', pages), layout: pdf.layout, ...einvoice };
    // An e-invoice needs no OCR: its XML is the invoice; the page is only compared with it when it has text.
    if (pdf.einvoice) return { ...fromPages('pdf', ['']), ...einvoice };
    return readScan(options, () => scannedPages(bytes));
  }
  if (format === 'xml') return xmlDocument(new TextDecoder().decode(bytes));
  if (format === 'image') return readScan(options, async () => [bytes]);
  if (format === 'docx') return { ...documentFromText(await docxText(bytes)), format };
  if (format === 'text') return documentFromText(new TextDecoder().decode(bytes));
  throw new UnsupportedDocumentError(`Cannot read text from a ${mimeType || 'file of unknown type'}`);
}

function fromPages(format: DocumentText['format'], pages: string[]): DocumentText {
  const text = pages.join('\f');
  return { format, text, pages, language: detectLanguage(text) };
}

/** OCR of each page image; no OCR (or no page image in the PDF) leaves the document empty, with the reason. */
async function readScan(options: ReadOptions, images: () => Promise<Uint8Array[]>): Promise<DocumentText> {
  const empty = (unreadable: string): DocumentText => ({ ...fromPages('image', ['']), unreadable });
  const { ocr } = options;
  if (!ocr) return empty(options.noOcrReason ?? NO_OCR);
  const scans = await images();
  if (scans.length === 0) return empty('no text layer and no page image to read');
  if (scans.some((scan) => scan.byteLength > MAX_OCR_IMAGE_BYTES))
    return empty(
      `no text layer; the page image is over ${MAX_OCR_IMAGE_BYTES / 1024 / 1024} MB, too large for OCR`,
    );
  const pages: string[] = [];
  for (const scan of scans) pages.push(normalise(await ocr(scan)));
  return { ...fromPages('image', pages), ocrModel: OCR_MODEL };
}

/** The structured XML an engine reads exactly: an e-invoice or a procurement notice. */
function structuredXml(head: string): 'einvoice' | 'notice' | null {
  if (looksLikeEInvoice(head)) return 'einvoice';
  return looksLikeNotice(head) ? 'notice' : null;
}

/**
 * An e-invoice or notice upload: the XML is what its reader reads (CTAX, TENDER); its text content is what
 * other engines see.
 */
function xmlDocument(xml: string): DocumentText {
  const carried = { name: 'upload.xml', xml: xml.replace(/^\uFEFF/, '') };
  const content = normalise(
    xml
      .replace(/^\uFEFF/, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n\s*\n+/g, '\n'),
  );
  return {
    format: 'xml',
    text: content,
    pages: [content],
    language: detectLanguage(content),
    ...(structuredXml(xml) === 'notice' ? { notice: carried } : { einvoice: carried }),
  };
}

export function documentFromText(text: string): DocumentText {
  const normalised = normalise(text.replace(/^\uFEFF/, ''));
  return { format: 'text', text: normalised, pages: [normalised], language: detectLanguage(normalised) };
}

// The bytes decide where they are unambiguous: uploads often arrive as application/octet-stream.
function detectFormat(bytes: Uint8Array, mime: string): DocumentText['format'] | null {
  const sniffed = sniffMime(bytes);
  if (sniffed === MIME.pdf) return 'pdf';
  if (sniffed === MIME.zip && isDocx(bytes)) return 'docx';
  if (sniffed === MIME.png || sniffed === MIME.jpeg) return 'image'; // the image types invoices accept
  if (sniffed === MIME.xml && structuredXml(new TextDecoder().decode(bytes.subarray(0, 64 * 1024))))
    return 'xml';
  if (mime === 'application/pdf' || mime === DOCX_TYPE) return null;
  if (mime.startsWith('text/') || mime === 'application/json' || mime === 'application/xml') return 'text';
  if (mime === '' || mime === 'application/octet-stream') return looksLikeText(bytes) ? 'text' : null;
  return null;
}

function looksLikeText(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.subarray(0, 4096));
  } catch {
    return false; // a cut multi-byte character at 4096 is possible but rare; such files can be sent as text/plain
  }
  return !bytes.subarray(0, 4096).includes(0);
}

/** One line convention for every engine: LF line ends, no trailing spaces. */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();
}
