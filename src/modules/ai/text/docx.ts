// Turns a DOCX (a ZIP of WordprocessingML) into lines: paragraphs become lines, table rows tab-separated lines.
import { readZipEntry, type ZipEntry, zipEntries } from './zip';

const BODY = 'word/document.xml';
// Headers come before the body and footers after it, as a reader sees them; suppliers put bank details there.
const HEADER = /^word\/header\d*\.xml$/;
const FOOTER = /^word\/footer\d*\.xml$/;

/** True when the bytes are a ZIP holding a Word body part. */
export function isDocx(bytes: Uint8Array): boolean {
  return zipEntries(bytes)?.some((e) => e.name === BODY) ?? false;
}

export async function docxText(bytes: Uint8Array): Promise<string> {
  const entries = zipEntries(bytes);
  const body = entries?.find((e) => e.name === BODY);
  if (!entries || !body) throw new Error('Not a DOCX: word/document.xml is missing');
  const byName = (a: ZipEntry, b: ZipEntry) => (a.name < b.name ? -1 : 1);
  const parts = [
    ...entries.filter((e) => HEADER.test(e.name)).sort(byName),
    body,
    ...entries.filter((e) => FOOTER.test(e.name)).sort(byName),
  ];
  const decoder = new TextDecoder();
  const texts: string[] = [];
  for (const part of parts) {
    const text = wordXmlToText(decoder.decode(await readZipEntry(bytes, part))).trim();
    // Word repeats a header per section; one copy is enough.
    if (text && !texts.includes(text)) texts.push(text);
  }
  return texts.join('\n\n');
}

const TOKEN = /<(\/?)([\w:]+)[^>]*?(\/?)>|([^<]+)/g;

/**
 * Walks the XML once: only text inside <w:t> counts (so deleted text and field codes are skipped),
 * <w:tab/> inside a run is a tab (the ones in <w:tabs> are tab stops), cells end with a tab.
 */
export function wordXmlToText(xml: string): string {
  let out = '';
  let inText = false;
  let runDepth = 0;
  let cellDepth = 0;
  for (const match of xml.matchAll(TOKEN)) {
    const [, closing, name, selfClosing, text] = match;
    if (text !== undefined) {
      if (inText) out += decodeXmlEntities(text);
      continue;
    }
    const open = !closing;
    const empty = Boolean(selfClosing);
    switch (name) {
      case 'w:t':
        inText = open && !empty;
        break;
      case 'w:r':
        if (!empty) runDepth += open ? 1 : -1;
        break;
      case 'w:tab':
        if (runDepth > 0 && open) out += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (open) out += cellDepth > 0 ? ' ' : '\n';
        break;
      case 'w:tc':
        if (!empty) cellDepth += open ? 1 : -1;
        if (closing) out = `${out.trimEnd()}\t`;
        break;
      case 'w:p':
        if (closing || empty) out = cellDepth > 0 ? `${out.trimEnd()} ` : `${out}\n`;
        break;
      case 'w:tr':
        if (closing) out = `${out.replace(/[\t ]+$/, '')}\n`;
        break;
    }
  }
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, code: string) => {
    if (code[0] !== '#') return NAMED[code.toLowerCase()] ?? entity;
    const point =
      code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
    return Number.isInteger(point) && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
  });
}
