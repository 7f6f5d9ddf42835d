// PDF text per page via unpdf (PDF.js built for serverless runtimes), rebuilt into reading-order lines, and the
// e-invoice XML a PDF may carry (ZUGFeRD, Factur-X), read from the same parsed document.
import { extractTextItems, getDocumentProxy, type StructuredTextItem } from 'unpdf';
import { type EmbeddedXml, embeddedInvoiceXml } from '../einvoice/pdf';
import { columnOrder } from './columns';
import { groupRows, type LineBox, type Row, rowBox, rowText } from './rows';

export type { LineBox } from './rows';

export interface PdfContent {
  /** Each page's text: lines top to bottom, a tab between distant columns, an empty line for a paragraph gap. */
  pages: string[];
  /** Per page, per line of `pages`: where the line is printed (null for the empty gap lines). */
  layout: (LineBox | null)[][];
  einvoice: EmbeddedXml | null;
}

export interface PdfReading {
  /**
   * 'rows' reads each page row by row across the whole width (what label-and-value layouts such as invoices
   * need); 'columns' reads regions set in text columns column by column (./columns).
   */
  order?: 'rows' | 'columns';
}

export async function readPdf(bytes: Uint8Array, reading: PdfReading = {}): Promise<PdfContent> {
  // PDF.js may detach the buffer it is given; copying keeps the caller's bytes intact.
  const pdf = await getDocumentProxy(bytes.slice());
  const { items } = await extractTextItems(pdf);
  const pages: string[] = [];
  const layout: (LineBox | null)[][] = [];
  for (const [i, pageItems] of items.entries()) {
    const { width, height } = (await pdf.getPage(i + 1)).getViewport({ scale: 1 });
    const page = pageLines(pageItems, { width, height }, reading.order ?? 'rows');
    pages.push(page.text);
    layout.push(page.boxes);
  }
  return { pages, layout, einvoice: await embeddedInvoiceXml(pdf, bytes) };
}

function pageLines(
  items: StructuredTextItem[],
  page: { width: number; height: number },
  order: 'rows' | 'columns',
) {
  const rows = groupRows(items.filter((item) => item.str.trim() !== ''));
  const lines: string[] = [];
  const boxes: (LineBox | null)[] = [];
  let previous: Row | undefined;
  for (const row of order === 'columns' ? columnOrder(rows) : rows) {
    // A gap of two lines or more separates blocks (address, totals); engines use it to end a block. Reading
    // back up the page (the top of the next text column) starts a block too.
    if (previous && (previous.y - row.y > previous.size * 2 || row.y > previous.y)) {
      lines.push('');
      boxes.push(null);
    }
    lines.push(rowText(row));
    boxes.push(rowBox(row, page));
    previous = row;
  }
  return { text: lines.join('\n'), boxes };
}
