// A small top-down A4 layout on pdf-lib: text at a cursor, two-column blocks, tables that break across pages.
// Deterministic by construction: fixed metadata (dates = the document's issue time, fixed producer and
// creator), no random ids, so the same content renders to the same bytes.
import {
  beginText,
  endText,
  lineTo,
  moveText,
  moveTo,
  PDFDocument,
  PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  setLineWidth,
  setStrokingGrayscaleColor,
  showText,
  stroke,
} from 'pdf-lib';
import { bold, regular } from '../fonts/dejavu';
import { type EmbeddedFont, embedFont } from './font';

const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;
export const CONTENT_WIDTH = A4[0] - 2 * MARGIN;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: 'left' | 'right';
  gray?: number;
}

export interface Column {
  label: string;
  width: number;
  align?: 'left' | 'right';
}

export interface DocumentMeta {
  title: string;
  subject: string;
  author: string;
  /** ISO time: the PDF's creation and modification dates. */
  issuedAt: string;
}

export class Layout {
  private page!: PDFPage;
  /** The baseline of the next line. */
  y = 0;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: EmbeddedFont; bold: EmbeddedFont },
  ) {
    this.newPage();
  }

  static async create(meta: DocumentMeta): Promise<Layout> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const issued = new Date(meta.issuedAt);
    doc.setTitle(meta.title);
    doc.setSubject(meta.subject);
    doc.setAuthor(meta.author);
    doc.setProducer('Engage documents (pdf-lib)');
    doc.setCreator('Engage');
    doc.setCreationDate(issued);
    doc.setModificationDate(issued);
    return new Layout(doc, { regular: embedFont(doc, regular), bold: embedFont(doc, bold) });
  }

  private newPage() {
    this.page = this.doc.addPage(A4);
    this.page.node.setFontDictionary(PDFName.of('F1'), this.fonts.regular.ref);
    this.page.node.setFontDictionary(PDFName.of('F2'), this.fonts.bold.ref);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensure(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }

  widthOf(text: string, style: TextStyle = {}) {
    return (style.bold ? this.fonts.bold : this.fonts.regular).widthOf(text, style.size ?? 9);
  }

  /** One line of text at `x` (its right edge for align right) on baseline `y`. */
  textAt(text: string, x: number, y: number, style: TextStyle = {}) {
    const size = style.size ?? 9;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const left = style.align === 'right' ? x - font.widthOf(text, size) : x;
    this.page.pushOperators(
      pushGraphicsState(),
      setFillingGrayscaleColor(style.gray ?? 0),
      beginText(),
      setFontAndSize(style.bold ? 'F2' : 'F1', size),
      moveText(round(left), round(y)),
      showText(font.encode(text)),
      endText(),
      popGraphicsState(),
    );
  }

  /** A line of text at the cursor, which moves down by the line height. */
  line(text: string, style: TextStyle & { x?: number } = {}) {
    const size = style.size ?? 9;
    this.ensure(size * 1.4);
    this.textAt(text, style.x ?? (style.align === 'right' ? MARGIN + CONTENT_WIDTH : MARGIN), this.y, style);
    this.y -= size * 1.4;
  }

  gap(points: number) {
    this.y -= points;
  }

  /** A hairline across the content, `above` points above the cursor (just under the previous line's text). */
  rule(above = 9, gray = 0.6) {
    this.page.pushOperators(
      pushGraphicsState(),
      setStrokingGrayscaleColor(gray),
      setLineWidth(0.5),
      moveTo(MARGIN, round(this.y + above)),
      lineTo(MARGIN + CONTENT_WIDTH, round(this.y + above)),
      stroke(),
      popGraphicsState(),
    );
  }

  /** Blocks of lines side by side (e.g. sender and recipient), each from the same top. */
  blocks(columns: { x: number; heading: string; lines: string[] }[]) {
    const height = Math.max(...columns.map((c) => c.lines.length + 1)) * 12.6;
    this.ensure(height);
    const top = this.y;
    for (const column of columns) {
      let y = top;
      this.textAt(column.heading, column.x, y, { size: 7.5, gray: 0.4 });
      y -= 12.6;
      for (const text of column.lines) {
        this.textAt(text, column.x, y);
        y -= 12.6;
      }
    }
    this.y = top - height - 6;
  }

  /** Label and value pairs, right-aligned values at the content's right edge (totals, facts). */
  pairs(rows: [string, string][], style: TextStyle = {}) {
    for (const [label, value] of rows) {
      this.ensure(13);
      this.textAt(label, MARGIN + CONTENT_WIDTH * 0.3, this.y, style);
      this.textAt(value, MARGIN + CONTENT_WIDTH, this.y, { ...style, align: 'right' });
      this.y -= 13;
    }
  }

  /** A table with a header row repeated on every page it spans; cells cut to fit their column. */
  table(columns: Column[], rows: string[][]) {
    const header = () => {
      this.ensure(30);
      this.cells(
        columns,
        columns.map((c) => c.label),
        { bold: true, size: 8 },
      );
      this.rule();
      this.y -= 2;
    };
    header();
    for (const row of rows) {
      if (this.y - 13 < MARGIN) {
        this.ensure(Number.POSITIVE_INFINITY);
        header();
      }
      this.cells(columns, row, {});
    }
    this.rule();
    this.y -= 6;
  }

  private cells(columns: Column[], values: string[], style: TextStyle) {
    let x = MARGIN;
    columns.forEach((column, i) => {
      const text = this.fit(values[i] ?? '', column.width - 6, style);
      this.textAt(text, column.align === 'right' ? x + column.width : x, this.y, {
        ...style,
        align: column.align,
      });
      x += column.width;
    });
    this.y -= 13;
  }

  private fit(text: string, width: number, style: TextStyle) {
    if (this.widthOf(text, style) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.widthOf(`${cut}…`, style) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }

  /** Page numbers in the footer, then the file. */
  async save(footer: string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      this.page = page;
      this.textAt(footer, MARGIN, MARGIN - 24, { size: 7, gray: 0.45 });
      this.textAt(`${i + 1} / ${pages.length}`, MARGIN + CONTENT_WIDTH, MARGIN - 24, {
        size: 7,
        gray: 0.45,
        align: 'right',
      });
    });
    return this.doc.save({ useObjectStreams: false });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
