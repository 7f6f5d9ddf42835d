// Learning a supplier's layout from one corrected review, instead of a hand-written template per issuer.
//
// When an expert corrects a field, the corrected value is looked up in the document and what stands next
// to it is remembered: the label text in the same cell or the cell to its left ("right" of the label), or
// the cell above it ("below" a header). The next invoice of the same supplier (found by VAT ID, IBAN or
// name) reads that field from the same label first; the usual checks then judge the result as always,
// so a hint that no longer fits (a new layout) simply fails them and the invoice goes to review.
import { type DocLine, documentLines } from '../../text';
import { amountsIn } from '../../text/amounts';
import { datesIn } from '../../text/dates';
import { ibansIn } from '../../text/iban';
import { vatIdIn } from '../../text/vat-id';
import type { DocumentText, LearnedHint } from '../../types';
import type { Found } from '../shared/labels';
import { parseReference } from '../shared/reference';
import type { InvoiceOutput } from './schema';

export type { LearnedHint };

type Value = string | number;

interface FieldReader {
  read(text: string): Value | null;
  /** Where in `text` the value is printed, or -1. */
  find(text: string, value: Value): number;
}

/** One space for any run of spaces; tabs (column gaps) stay. */
const spaces = (text: string) => text.replace(/[ \u00a0]+/g, ' ');
const compact = (text: string) => text.replace(/[\s\u00a0]+/g, '').toUpperCase();
const SEPARATORS = /^[\s:.#°º–—-]+|[\s:.#°º–—-]+$/g;

const literal: FieldReader['find'] = (text, value) => text.indexOf(String(value));
const date: FieldReader = {
  read: (text) => datesIn(text)[0]?.iso.slice(0, 10) ?? null,
  find: (text, value) => datesIn(text).find((d) => d.iso.slice(0, 10) === value)?.index ?? -1,
};
const money: FieldReader = {
  read: (text) => amountsIn(text, { spacedThousands: true }).at(-1)?.minor ?? null,
  find: (text, value) =>
    amountsIn(text, { spacedThousands: true }).find((a) => Math.abs(a.minor) === Math.abs(Number(value)))
      ?.index ?? -1,
};
const name: FieldReader = {
  read: (text) => (text.split('\t')[0] ?? '').replace(SEPARATORS, '').trim() || null,
  find: literal,
};

/** The fields a hint can teach, each with how its value is read from text. */
const READERS: Record<string, FieldReader> = {
  invoice_number: {
    read: parseReference,
    // Where the number itself starts (not the first letter it shares with the label), however the page
    // spaces it out: "RE-2024 / 17" is printed "RE-2024/17".
    find: (text, value) => {
      const chars = [...String(value).replace(/\s+/g, '')].map((c) =>
        c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'),
      );
      return new RegExp(chars.join('\\s*'), 'i').exec(text)?.index ?? -1;
    },
  },
  issue_date: date,
  due_date: date,
  service_date: date,
  net: money,
  vat_amount: money,
  gross: money,
  'supplier.name': name,
  'recipient.name': name,
  'supplier.vat_id': {
    read: (text) => {
      const hit = vatIdIn(text);
      return hit?.valid ? hit.id : null;
    },
    find: (text, value) => (compact(text).includes(String(value)) ? 0 : -1),
  },
  iban: {
    read: (text) => ibansIn(text).find((hit) => hit.valid)?.iban ?? null,
    find: (text, value) => (compact(text).includes(String(value)) ? 0 : -1),
  },
};

export const LEARNABLE_FIELDS = Object.keys(READERS);

function get(output: InvoiceOutput, path: string): Value | null {
  const [head, tail] = path.split('.') as [keyof InvoiceOutput, string | undefined];
  const value = tail ? (output[head] as Record<string, unknown> | null)?.[tail] : output[head];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** Keys a supplier is known by, strongest first: its VAT ID, its IBAN, its normalised name. */
export function supplierKeys(output: Pick<InvoiceOutput, 'supplier' | 'iban'>): string[] {
  const keys: string[] = [];
  if (output.supplier.vat_id) keys.push(`vat:${compact(output.supplier.vat_id)}`);
  if (output.iban) keys.push(`iban:${compact(output.iban)}`);
  const normalised = output.supplier.name
    ?.toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (normalised && normalised.length >= 3) keys.push(`name:${normalised}`);
  return keys;
}

/** Keys of every valid VAT ID and IBAN printed anywhere: the supplier may be one the rules did not name. */
export function printedKeys(doc: DocumentText): string[] {
  const keys = new Set<string>();
  for (const line of documentLines(doc)) {
    for (const hit of ibansIn(line.text)) if (hit.valid) keys.add(`iban:${hit.iban}`);
    for (const match of line.text.matchAll(
      /\b[A-Z]{2}[\s\u00a0]?[A-Z0-9](?:[\s.\u00a0]?[A-Z0-9]){7,13}\b/g,
    )) {
      const hit = vatIdIn(match[0]);
      if (hit?.valid) keys.add(`vat:${hit.id}`);
    }
  }
  return [...keys];
}

/** Hints for the corrected fields whose value is printed in the document next to a label. */
export function learnHints(doc: DocumentText, corrected: InvoiceOutput, fields: string[]): LearnedHint[] {
  const lines = documentLines(doc);
  const hints: LearnedHint[] = [];
  for (const field of fields) {
    const reader = READERS[field];
    const value = get(corrected, field);
    if (!reader || value === null) continue;
    const hint = locate(lines, reader, value);
    if (hint) hints.push({ field, ...hint });
  }
  return hints;
}

function locate(lines: DocLine[], reader: FieldReader, value: Value): Omit<LearnedHint, 'field'> | null {
  for (const line of lines) {
    const cells = line.text.split('\t');
    const at = cells.findIndex((cell) => reader.find(cell, value) >= 0);
    if (at === -1) continue;
    const cell = cells[at] ?? '';
    const inCell = cell.slice(0, reader.find(cell, value)).replace(SEPARATORS, '');
    if (/\p{L}{2}/u.test(inCell)) return labelHint(inCell, 'right');
    const left = (cells[at - 1] ?? '').replace(SEPARATORS, '');
    if (at > 0 && /\p{L}{2}/u.test(left)) return labelHint(left, 'right');
    const above = lines
      .slice(0, line.index)
      .reverse()
      .find((l) => l.page === line.page && l.text.trim() !== '');
    if (!above) return null;
    const aboveCells = above.text.split('\t');
    const header = (aboveCells.length === 1 ? aboveCells[0] : aboveCells[at]) ?? '';
    return /\p{L}{2}/u.test(header) ? labelHint(header.replace(SEPARATORS, ''), 'below') : null;
  }
  return null;
}

function labelHint(label: string, position: LearnedHint['position']): Omit<LearnedHint, 'field'> | null {
  const text = spaces(label).trim();
  return text.length > 0 && text.length <= 60 ? { label: text, position } : null;
}

/** The value each hint finds in this document, where its label is printed. */
export function readHinted(lines: DocLine[], hints: LearnedHint[]): Map<string, Found<Value>> {
  const found = new Map<string, Found<Value>>();
  for (const hint of hints) {
    const reader = READERS[hint.field];
    if (!reader) continue;
    const value = readHint(lines, hint, reader);
    if (value) found.set(hint.field, value);
  }
  return found;
}

function readHint(lines: DocLine[], hint: LearnedHint, reader: FieldReader): Found<Value> | null {
  const label = hint.label.toLowerCase();
  for (const line of lines) {
    const text = spaces(line.text);
    const at = text.toLowerCase().indexOf(label);
    if (at === -1) continue;
    if (hint.position === 'right') {
      const value = reader.read(text.slice(at + label.length).replace(/^[\s:.#°º–—-]+/, ''));
      if (value !== null) return { value, line };
      continue;
    }
    const column = text.slice(0, at).split('\t').length - 1;
    const next = lines.slice(line.index + 1).find((l) => l.page === line.page && l.text.trim() !== '');
    if (!next) continue;
    const cells = next.text.split('\t');
    const below = cells.length === text.split('\t').length ? (cells[column] ?? '') : next.text;
    const value = reader.read(below);
    if (value !== null) return { value, line: next };
  }
  return null;
}

/** Puts hinted values into the output (and its source map); returns the fields they set. */
export function applyHints(
  output: InvoiceOutput,
  hinted: Map<string, Found<Value>>,
  sourceOf: (line: DocLine) => InvoiceOutput['source'][string],
): string[] {
  const learned: string[] = [];
  for (const [path, found] of hinted) {
    const [head, tail] = path.split('.') as [keyof InvoiceOutput, string | undefined];
    if (tail) (output[head] as Record<string, unknown>)[tail] = found.value;
    else (output as unknown as Record<string, unknown>)[head] = found.value;
    output.source[path] = sourceOf(found.line);
    learned.push(path);
  }
  return learned;
}
