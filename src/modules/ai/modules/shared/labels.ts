// Reading "Label: value" pairs however the layout puts them: same line, next line, or the cell below.
import { type DocLine, sourceOf } from '../../text';
import { columnOf, overlap } from '../../text/spans';
import type { SourceRef } from '../../types';

export interface Found<T> {
  value: T;
  /** The line the value was read from. */
  line: DocLine;
  /** The label as printed, where one was read. */
  label?: string;
}

/**
 * Collects where each output field was found: `take(path, found)` returns the value and records its line
 * under `path` in `source` (the output's source map).
 */
export function sourceCollector() {
  const source: Record<string, SourceRef> = {};
  const take = <T>(path: string, found: Found<T> | null): T | null => {
    if (!found) return null;
    source[path] = sourceOf(found.line);
    return found.value;
  };
  return { source, take };
}

export interface LabelOptions {
  /**
   * Whether a label in a row of several cells may take its value from the cell below. True for invoice
   * details printed as a header row over a value row; false for words that also head tables ("Lot | Title").
   */
  columns?: boolean;
  /** Every label of a line yields its value (a header row of several dates); by default only the first. */
  everyLabel?: boolean;
}

// What may sit between a label and its value: colons, dots, dashes, "Nr.", "No.", "#".
const SEPARATORS =
  /^[\s:.#–—-]*(?:(?:Nr|No|Number|Nummer|Num[ée]ro|N[úu]mero)\b\.?|N\s?[°º]|N\.º)?[\s:.#°º–—-]*/i;

/**
 * Every value a parser accepts after a label, in document order. When nothing follows the label on its
 * line, the value is looked for in the cell below (a header row over a value row) or the next line.
 */
export function allLabelled<T>(
  lines: DocLine[],
  label: RegExp,
  parse: (text: string) => T | null,
  options: LabelOptions = {},
): Found<T>[] {
  const found: Found<T>[] = [];
  const global = new RegExp(label.source, label.flags.includes('g') ? label.flags : `${label.flags}g`);
  for (const line of lines) {
    global.lastIndex = 0;
    for (let match = global.exec(line.text); match; match = global.exec(line.text)) {
      const value = labelValue(lines, line, match, parse, options);
      if (value) {
        found.push(value);
        if (!options.everyLabel) break;
      } else if (match[0].trim().includes('\t')) {
        // A match across two cells that gave nothing ("Invoice date | Due date" read as "date | Due") may have
        // swallowed the start of the real label: search again from its next character.
        global.lastIndex = match.index + 1;
      }
      if (match[0] === '') global.lastIndex++;
    }
  }
  return found;
}

/** The value `match` (a label in `line`) names: after it in its cell or the next, or below it. */
function labelValue<T>(
  lines: DocLine[],
  line: DocLine,
  match: RegExpExecArray,
  parse: (text: string) => T | null,
  options: LabelOptions,
): Found<T> | null {
  const afterLabel = line.text.slice(match.index + match[0].length);
  const rest = afterLabel.replace(SEPARATORS, '');
  // The label's own cell; empty when the value sits in the next cell or below.
  const cell = (afterLabel.split('\t')[0] ?? '').replace(SEPARATORS, '');
  const inline = parse(rest);
  const printed = match[0].trim();
  if (inline !== null) return { value: inline, line, label: printed };
  if (cell.trim() !== '') return null;
  const labelStart = match.index + (/^\s*/.exec(match[0])?.[0].length ?? 0);
  if (options.columns === false && line.text.includes('\t')) return null;
  const below = valueBelow(lines, line, labelStart, parse);
  return below ? { ...below, label: printed } : null;
}

export function firstLabelled<T>(
  lines: DocLine[],
  label: RegExp,
  parse: (text: string) => T | null,
  options: LabelOptions = {},
): Found<T> | null {
  return allLabelled(lines, label, parse, options)[0] ?? null;
}

function valueBelow<T>(
  lines: DocLine[],
  labelLine: DocLine,
  labelIndex: number,
  parse: (text: string) => T | null,
): Found<T> | null {
  const column = labelLine.text.slice(0, labelIndex).split('\t').length - 1;
  const columns = labelLine.text.split('\t').length;
  for (const next of lines.slice(labelLine.index + 1, labelLine.index + 3)) {
    if (next.page !== labelLine.page || next.text.trim() === '') continue;
    const cells = next.text.split('\t');
    const under =
      columns > 1 && cells.length === columns ? (cells[column] ?? '') : cellUnder(labelLine, column, next);
    // Positions known and nothing printed under the label on this row (a line of the block beside): the next.
    if (under === null && labelLine.cells?.[column] && next.cells) continue;
    const value = parse(under ?? next.text);
    return value === null ? null : { value, line: next };
  }
  return null;
}

/**
 * The cell of `next` under the label's cell, by position, when the rows have different numbers of cells (an
 * empty cell in the value row): the one overlapping the label's span most. PDFs only; null otherwise.
 */
function cellUnder(labelLine: DocLine, column: number, next: DocLine): string | null {
  const label = labelLine.cells?.[column];
  if (!label || !next.cells) return null;
  const under = columnOf(
    label,
    next.cells.map((cell, i) => ({ ...cell, i })),
  );
  return under && overlap(under, label) > 0 ? (next.text.split('\t')[under.i] ?? null) : null;
}

/** A label that only counts at the start of a line or cell: for text values, where a mention mid-sentence is no label. */
export function atCellStart(label: RegExp): RegExp {
  return new RegExp(String.raw`(?:^|\t)\s*(?:${label.source})(?=\s*[:\t]|\s|$)`, label.flags);
}

/** The cell under a row's cell: by position, or (plain text) the cell at its index in a row as wide. */
export function cellBelow(row: DocLine, column: number, next: DocLine): string | null {
  if (row.cells && next.cells) return cellUnder(row, column, next);
  const values = next.text.split('\t');
  return values.length === row.text.split('\t').length ? (values[column] ?? null) : null;
}
