// Rows of a PDF page: text items grouped by baseline, split into cells at wide gaps, and placed on the page.
import type { StructuredTextItem } from 'unpdf';

export interface Row {
  /** Baseline, PDF coordinates (origin bottom-left). */
  y: number;
  size: number;
  /** Left to right. */
  items: StructuredTextItem[];
}

/** Where a line is printed: page fractions, origin top-left (as a viewer draws it). */
export interface LineBox {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Each tab-separated cell of the line's text, left to right: where it starts and how wide it is. */
  cells: { x: number; w: number }[];
}

/**
 * Groups items into rows by baseline rather than trusting content-stream order: generators often
 * draw a page column by column, and the engines read label and value from the same line.
 */
export function groupRows(items: StructuredTextItem[]): Row[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const item of sorted) {
    const size = itemSize(item);
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

export const itemSize = (item: StructuredTextItem) => item.fontSize || item.height || 10;

/** A wide gap is a column boundary (label … value, table cells); a narrow one a word space. */
const isCellGap = (gap: number, row: Row) => gap > row.size * 1.5;

/** The row's cells: runs of items without a wide gap, each a row of its own (same baseline and size). */
export function cellsOf(row: Row): Row[] {
  const cells: Row[] = [];
  let end: number | undefined;
  for (const item of row.items) {
    const cell = cells.at(-1);
    if (cell && end !== undefined && !isCellGap(item.x - end, row)) cell.items.push(item);
    else cells.push({ y: row.y, size: row.size, items: [item] });
    end = item.x + item.width;
  }
  return cells;
}

export function rowText(row: Row): string {
  let text = '';
  let end: number | undefined;
  for (const item of row.items) {
    if (end !== undefined) {
      const gap = item.x - end;
      if (isCellGap(gap, row)) text += '\t';
      else if (gap > row.size * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    }
    text += item.str;
    end = item.x + item.width;
  }
  return text.replace(/ {2,}/g, ' ').trim();
}

export const rowLeft = (row: Row) => Math.min(...row.items.map((item) => item.x));
export const rowRight = (row: Row) => Math.max(...row.items.map((item) => item.x + item.width));

/** The row's extent from its items: PDF coordinates (origin bottom-left, baseline y) to page fractions. */
export function rowBox(row: Row, page: { width: number; height: number }): LineBox {
  const left = rowLeft(row);
  const right = rowRight(row);
  // Ascenders reach about one font size above the baseline, descenders a quarter below.
  const top = row.y + row.size;
  const bottom = row.y - row.size * 0.25;
  const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10_000) / 10_000;
  return {
    x: round(left / page.width),
    y: round(1 - top / page.height),
    w: round((right - left) / page.width),
    h: round((top - bottom) / page.height),
    cells: cellsOf(row).map((cell) => ({
      x: round(rowLeft(cell) / page.width),
      w: round((rowRight(cell) - rowLeft(cell)) / page.width),
    })),
  };
}
