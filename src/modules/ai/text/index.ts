// Turns an uploaded file (PDF, DOCX or plain text) into the DocumentText every engine reads.
import type { DocumentText } from '../types';
import { docxText, isDocx } from './docx';
import { detectLanguage } from './language';
import { pdfPages } from './pdf';

export { type DocLine, documentLines, sourceOf } from './lines';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The file cannot be read as a document; retrying will not help, so the task should fail at once. */
export class UnsupportedDocumentError extends Error {
  override name = 'UnsupportedDocumentError';
}

export async function documentFromBytes(bytes: Uint8Array, mimeType: string): Promise<DocumentText> {
  const format = detectFormat(bytes, mimeType.split(';')[0]?.trim().toLowerCase() ?? '');
  if (format === 'pdf') {
    const pages = (await pdfPages(bytes)).map(normalise);
    const text = pages.join('\f');
    return { format, text, pages, language: detectLanguage(text) };
  }
  if (format === 'docx') return { ...documentFromText(await docxText(bytes)), format };
  if (format === 'text') return documentFromText(new TextDecoder().decode(bytes));
  throw new UnsupportedDocumentError(`Cannot read text from a ${mimeType || 'file of unknown type'}`);
}

export function documentFromText(text: string): DocumentText {
  const normalised = normalise(text.replace(/^\uFEFF/, ''));
  return { format: 'text', text: normalised, pages: [normalised], language: detectLanguage(normalised) };
}

// The bytes decide where they are unambiguous: uploads often arrive as application/octet-stream.
function detectFormat(bytes: Uint8Array, mime: string): DocumentText['format'] | null {
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, 'PK') && isDocx(bytes)) return 'docx';
  if (mime === 'application/pdf' || mime === DOCX_TYPE) return null;
  if (mime.startsWith('text/') || mime === 'application/json' || mime === 'application/xml') return 'text';
  if (mime === '' || mime === 'application/octet-stream') return looksLikeText(bytes) ? 'text' : null;
  return null;
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  return [...magic].every((char, i) => bytes[i] === char.charCodeAt(0));
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
