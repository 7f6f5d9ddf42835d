// PDF text per page via unpdf (PDF.js built for serverless runtimes), rebuilt into reading-order lines, and the
// e-invoice XML a PDF may carry (ZUGFeRD, Factur-X), read from the same parsed document.
import { extractTextItems, getDocumentProxy, type StructuredTextItem } from 'unpdf';
import { type EmbeddedXml, embeddedInvoiceXml } from '../einvoice/pdf';

export interface PdfContent {
  /** Each page's text: lines top to bottom, a tab between distant columns, an empty line for a paragraph gap. */
  pages: string[];
  /** Per page, per line of `pages`: where the line is printed (null for the empty gap lines). */
  layout: (LineBox | null)[][];
  einvoice: EmbeddedXml | null;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  // PDF.js may detach the buffer it is given; copying keeps the caller's bytes intact.
  const pdf = await getDocumentProxy(bytes.slice());
  const { items } = await extractTextItems(pdf);
  const pages: string[] = [];
  const layout: (LineBox | null)[][] = [];
  for (const [i, pageItems] of items.entries()) {
    const { width, height } = (await pdf.getPage(i + 1)).getViewport({ scale: 1 });
    const page = pageLines(pageItems, { width, height });
    pages.push(page.text);
    layout.push(page.boxes);
  }
  return { pages, layout, einvoice: await embeddedInvoiceXml(pdf, bytes) };
}

interface Row {
  y: number;
  size: number;
  items: StructuredTextItem[];
}

/** Where a line is printed: page fractions, origin top-left (as a viewer draws it). */
export interface LineBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

function pageLines(items: StructuredTextItem[], page: { width: number; height: number }) {
  const rows = groupRows(items.filter((item) => item.str.trim() !== ''));
  const lines: string[] = [];
  const boxes: (LineBox | null)[] = [];
  let previous: Row | undefined;
  for (const row of rows) {
    // A gap of two lines or more separates blocks (address, totals); engines use it to end a block.
    if (previous && previous.y - row.y > previous.size * 2) {
      lines.push('');
      boxes.push(null);
    }
    lines.push(rowText(row));
    boxes.push(rowBox(row, page));
    previous = row;
  }
  return { text: lines.join('\n'), boxes };
}

/** The row's extent from its items: PDF coordinates (origin bottom-left, baseline y) to page fractions. */
function rowBox(row: Row, page: { width: number; height: number }): LineBox {
  const left = Math.min(...row.items.map((item) => item.x));
  const right = Math.max(...row.items.map((item) => item.x + item.width));
  // Ascenders reach about one font size above the baseline, descenders a quarter below.
  const top = row.y + row.size;
  const bottom = row.y - row.size * 0.25;
  const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10_000) / 10_000;
  return {
    x: round(left / page.width),
    y: round(1 - top / page.height),
    w: round((right - left) / page.width),
    h: round((top - bottom) / page.height),
  };
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
