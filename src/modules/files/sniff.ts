// File type from the bytes (magic numbers), never from what the client claims.
// Hand-written because the few signatures we accept fit in a table; a library would add weight, not accuracy.
export const MIME = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xml: 'application/xml',
} as const;

export type Mime = (typeof MIME)[keyof typeof MIME];

/** Bytes needed from the start of a file to recognise every type below. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0));

/**
 * XML: an optional UTF-8 byte order mark and white space, then a declaration or an element. What kind of XML
 * it is (an e-invoice or not) is decided from more than these first bytes, after the upload is stored.
 */
const XML_START = /^(\uFEFF)?\s{0,8}<(\?xml[\s?]|[A-Za-z_][\w.:-]*([\s>/]|$))/;

/** The container type of the first bytes; ZIP files are refined to DOCX later by their central directory. */
export function sniffMime(head: Uint8Array): Mime | null {
  if (startsWith(head, ascii('%PDF-'))) return MIME.pdf;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return MIME.png;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return MIME.jpeg;
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return MIME.webp;
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return MIME.gif;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
    return MIME.zip;
  if (XML_START.test(new TextDecoder().decode(head))) return MIME.xml;
  return null;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
/** The end-of-central-directory record (22 bytes) plus the longest possible ZIP comment. */
export const EOCD_SEARCH_BYTES = 22 + 0xffff;
/** Directories larger than this are refused rather than read (a DOCX's is a few KiB). */
export const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024;

/** Where the central directory is, from the end-of-central-directory record in a file's tail. */
export function centralDirectoryLocation(
  tail: Uint8Array,
  tailStart = 0,
): { offset: number; size: number; entries: number } | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== EOCD_SIGNATURE) continue;
    // The record ends the file with its comment: a comment running past the end is no record (or a damaged one).
    if (i + 22 + view.getUint16(i + 20, true) > tail.byteLength) continue;
    const directory = {
      entries: view.getUint16(i + 10, true),
      size: view.getUint32(i + 12, true),
      offset: view.getUint32(i + 16, true),
    };
    // The directory lies before its end record.
    if (directory.offset + directory.size > tailStart + i) return null;
    return directory;
  }
  return null;
}

/** Entry names of a central directory (the bytes of the directory itself), or null when it is malformed. */
export function zipEntryNames(directory: Uint8Array, entries: number): string[] | null {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const decoder = new TextDecoder();
  const names: string[] = [];
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > directory.byteLength || view.getUint32(p, true) !== CENTRAL_ENTRY_SIGNATURE) return null;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    names.push(decoder.decode(directory.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

export function isDocx(names: string[]): boolean {
  return names.includes('[Content_Types].xml') && names.includes('word/document.xml');
}
