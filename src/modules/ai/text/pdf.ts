// PDF text per page via unpdf (PDF.js built for serverless runtimes), rebuilt into reading-order lines, and the
// e-invoice XML a PDF may carry (ZUGFeRD, Factur-X), read from the same parsed document.
import { extractTextItems, getDocumentProxy, type StructuredTextItem } from 'unpdf';
import { type EmbeddedXml, embeddedInvoiceXml } from '../einvoice/pdf';

export interface PdfContent {
  /** Each page's text: lines top to bottom, a tab between distant columns, an empty line for a paragraph gap. */
  pages: string[];
  einvoice: EmbeddedXml | null;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  // PDF.js may detach the buffer it is given; copying keeps the caller's bytes intact.
  const pdf = await getDocumentProxy(bytes.slice());
  const { items } = await extractTextItems(pdf);
  return { pages: items.map(pageText), einvoice: await embeddedInvoiceXml(pdf, bytes) };
}

interface Row {
  y: number;
  size: number;
  items: StructuredTextItem[];
}

export function pageText(items: StructuredTextItem[]): string {
  const rows = groupRows(items.filter((item) => item.str.trim() !== ''));
  const lines: string[] = [];
  let previous: Row | undefined;
  for (const row of rows) {
    // A gap of two lines or more separates blocks (address, totals); engines use it to end a block.
    if (previous && previous.y - row.y > previous.size * 2) lines.push('');
    lines.push(rowText(row));
    previous = row;
  }
  return lines.join('\n');
}

/**
 * Groups items into rows by baseline rather than trusting content-stream order: generators often
 * draw a page column by column, and the engines read label and value from the same line.
 */
function groupRows(items: StructuredTextItem[]): Row[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const item of sorted) {
    const size = item.fontSize || item.height || 10;
    const row = rows.at(-1);
    if (row && Math.abs(row.y - item.y) <= Math.min(row.size, size) * 0.4) {
      row.items.push(item);
      row.size = Math.max(row.size, size);
    } else {
      rows.push({ y: item.y, size, items: [item] });
    }
  }
  for (const row of rows) row.items.sort((a, b) => a.x - b.x);
  return rows;
}

function rowText(row: Row): string {
  let text = '';
  let end: number | undefined;
  for (const item of row.items) {
    if (end !== undefined) {
      const gap = item.x - end;
      // A wide gap is a column boundary (label … value, table cells); a narrow one a word space.
      if (gap > row.size * 1.5) text += '\t';
      else if (gap > row.size * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    }
    text += item.str;
    end = item.x + item.width;
  }
  return text.replace(/ {2,}/g, ' ').trim();
}
