// Reading order for pages set in text columns (tender documents, notices): column by column, not across.
//
// The layout rule: a run of rows is set in columns when vertical gutters divide it so that no text crosses a
// gutter, each column holds at most one cell of every row, every column holds lines of prose (not a column
// of "Label:" cells beside their values), and at least one column is flowed prose — lines of several words,
// most of them reaching near the column's right edge (ragged right). Such a region is read column by column,
// left to right, each top to bottom. A row that crosses a gutter or puts several cells into one column (a
// title, a table across the page) ends the region and keeps its place. Label-and-value lists and tables have
// short or numeric cells and fail the prose test: they stay row by row.
// Gutters are looked for where prose lines start: a left edge that MIN_ROWS lines of prose share.
import { cellsOf, itemSize, type Row, rowLeft, rowRight } from './rows';

const MIN_ROWS = 4;
/** Words of two letters or more in a line of prose; labels, dates, amounts and lot numbers have fewer. */
const PROSE_WORDS = 3;
/** Ragged right: most lines of a column end within this share of its width from its right edge. */
const RAGGED = 0.3;

interface Cell {
  left: number;
  right: number;
  words: number;
  /** Ends with a colon: a label whose value stands beside or below it. */
  label: boolean;
}
interface Laid {
  row: Row;
  cells: Cell[];
}
interface Region {
  start: number;
  end: number;
  gutters: number[];
}

export function columnOrder(rows: Row[]): Row[] {
  const laid = rows.map((row) => ({
    row,
    cells: cellsOf(row).map((c) => ({
      left: rowLeft(c),
      right: rowRight(c),
      words: wordsIn(c),
      label: /:\s*$/.test(c.items.at(-1)?.str ?? ''),
    })),
  }));
  const candidates = candidateGutters(laid);
  if (candidates.length === 0) return rows;
  const ordered: Row[] = [];
  let next = 0;
  let start = 0;
  while (start < laid.length) {
    const region = regionAt(laid, start, candidates);
    if (!region) {
      start++;
      continue;
    }
    ordered.push(...rows.slice(next, region.start), ...readColumns(laid, region));
    next = start = region.end;
  }
  return [...ordered, ...rows.slice(next)];
}

const wordsIn = (row: Row) =>
  row.items
    .map((item) => item.str)
    .join(' ')
    .match(/\p{L}{2,}/gu)?.length ?? 0;

/** Just left of every left edge that MIN_ROWS prose lines share, right of the page's left margin. */
function candidateGutters(laid: Laid[]): number[] {
  const cells = laid.flatMap((l) => l.cells);
  const margin = Math.min(...cells.map((c) => c.left));
  const lefts = cells.filter((c) => c.words >= PROSE_WORDS && c.left > margin + 10).map((c) => c.left);
  lefts.sort((a, b) => a - b);
  const gutters: number[] = [];
  let cluster: number[] = [];
  for (const left of [...lefts, Number.POSITIVE_INFINITY]) {
    if (cluster.length && left - (cluster.at(-1) ?? left) > 3) {
      if (cluster.length >= MIN_ROWS) gutters.push((cluster[0] ?? 0) - 1);
      cluster = [];
    }
    cluster.push(left);
  }
  return gutters;
}

/** The gutters a row leaves free, when each column between them holds at most one of its cells; else none. */
function freeGutters(line: Laid, gutters: number[]): number[] {
  const free = gutters.filter((x) => !line.cells.some((c) => c.left < x && c.right > x));
  const columns = line.cells.map((c) => free.filter((x) => x <= c.left).length);
  return new Set(columns).size === columns.length ? free : [];
}

/** The column region beginning at `start`, grown while rows fit its gutters; null when it is not prose. */
function regionAt(laid: Laid[], start: number, candidates: number[]): Region | null {
  const first = laid[start];
  let gutters = first ? freeGutters(first, candidates) : [];
  if (gutters.length === 0) return null;
  let end = start + 1;
  for (; end < laid.length; end++) {
    const line = laid[end];
    const free = line ? freeGutters(line, gutters) : [];
    if (free.length === 0) break;
    // Fewer gutters merge columns: the rows so far must still put one cell in each.
    if (
      free.length < gutters.length &&
      !laid.slice(start, end).every((l) => freeGutters(l, free).length === free.length)
    )
      break;
    gutters = free;
  }
  const band = laid.slice(start, end);
  // A gutter with too little text on its right (another region's) is no gutter here.
  const used = gutters.filter((x, i) => columnCells(band, x, gutters[i + 1]).length >= MIN_ROWS);
  if (used.length === 0 || !band.every((l) => freeGutters(l, used).length === used.length)) return null;
  const texts = [Number.NEGATIVE_INFINITY, ...used].map((x, i) => columnCells(band, x, used[i]));
  if (!texts.every(holdsProse) || !texts.some(isProse)) return null;
  return trimmed(laid, { start, end, gutters: used });
}

function columnCells(band: Laid[], from: number, to = Number.POSITIVE_INFINITY): Cell[] {
  return band.flatMap((l) => l.cells.filter((c) => c.left >= from && c.right <= to));
}

/** A column with some lines of prose, not a column of labels ("Frist:") beside their values. */
function holdsProse(cells: Cell[]): boolean {
  const labels = cells.filter((c) => c.label).length;
  return cells.filter((c) => c.words >= PROSE_WORDS).length >= 2 && labels < cells.length / 2;
}

/** Flowed prose: lines of several words, most of them reaching near the column's right edge. */
function isProse(cells: Cell[]): boolean {
  if (cells.length < MIN_ROWS) return false;
  const words = cells.reduce((sum, c) => sum + c.words, 0) / cells.length;
  const left = Math.min(...cells.map((c) => c.left));
  const right = Math.max(...cells.map((c) => c.right));
  const full = cells.filter((c) => c.right >= right - RAGGED * (right - left)).length;
  return words >= PROSE_WORDS && full >= cells.length / 2;
}

/**
 * Columns start side by side under what precedes them but end unevenly: lines above the first row with two
 * columns belong to the region only without a block gap between; below the last, a block gap ends it unless
 * prose follows (the longer column's last paragraphs), not a heading or a note under the columns.
 */
function trimmed(laid: Laid[], region: Region): Region | null {
  const spread = (i: number) => new Set(laid[i]?.row.items.map((item) => columnOf(item.x, region))).size > 1;
  let first = region.start;
  while (first < region.end && !spread(first)) first++;
  let last = region.end - 1;
  while (last > first && !spread(last)) last--;
  if (first >= region.end) return null;
  const gap = (i: number) => {
    const [above, below] = [laid[i - 1]?.row, laid[i]?.row];
    return !above || !below || above.y - below.y > above.size * 2;
  };
  let start = first;
  while (start > region.start && !gap(start)) start--;
  let end = last + 1;
  while (end < region.end) {
    if (gap(end)) {
      let block = end + 1;
      while (block < region.end && !gap(block)) block++;
      const cells = laid.slice(end, block).flatMap((l) => l.cells);
      if (cells.reduce((sum, c) => sum + c.words, 0) < PROSE_WORDS * cells.length) break;
      end = block;
    } else end++;
  }
  return { ...region, start, end };
}

const columnOf = (x: number, region: Region) => region.gutters.filter((g) => g <= x).length;

/** Each column's part of every row, left column first, each top to bottom. */
function readColumns(laid: Laid[], region: Region): Row[] {
  const rows: Row[] = [];
  for (let column = 0; column <= region.gutters.length; column++) {
    for (const { row } of laid.slice(region.start, region.end)) {
      const items = row.items.filter((item) => columnOf(item.x, region) === column);
      // The column's own baseline: a row groups baselines up to 0.4 lines apart across the page.
      if (items.length)
        rows.push({ y: Math.max(...items.map((i) => i.y)), size: Math.max(...items.map(itemSize)), items });
    }
  }
  return rows;
}
