// The CTAX/process_invoice output as the review form reads it. The public API types a task's output as
// `unknown` (it differs per task type), so these accessors read it defensively: a missing or mistyped
// field reads as empty, never throws. Edits replace values immutably, so the page can compare with the
// original to tell an approval from a correction.

export type Output = Record<string, unknown>;

export interface Box {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LineItem {
  description: string;
  quantity: number | null;
  unit_price: number | null;
  /** Read from a discount column; not edited on the form, but the row's sum must allow for it. */
  discount_percent?: number | null;
  amount: number | null;
  source?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isInvoiceTask = (task: { module: string; type: string }) =>
  task.module === 'CTAX' && task.type === 'process_invoice';

/** The value at a dotted path ("supplier.vat_id", "line_items.0.amount"). */
export function getIn(output: unknown, path: string): unknown {
  let value: unknown = output;
  for (const key of path.split('.')) {
    if (Array.isArray(value)) value = value[Number(key)];
    else if (isRecord(value)) value = value[key];
    else return undefined;
  }
  return value;
}

/** A copy of `output` with the value at `path` replaced (objects created on the way as needed). */
export function setIn<T>(output: T, path: string, value: unknown): T {
  const [head = '', ...rest] = path.split('.');
  const next = rest.length
    ? setIn(
        Array.isArray(output) ? output[Number(head)] : isRecord(output) ? output[head] : {},
        rest.join('.'),
        value,
      )
    : value;
  if (Array.isArray(output)) {
    const copy = [...output];
    copy[Number(head)] = next;
    return copy as T;
  }
  return { ...(isRecord(output) ? output : {}), [head]: next } as T;
}

export const textAt = (output: unknown, path: string): string | null => {
  const value = getIn(output, path);
  return typeof value === 'string' ? value : null;
};

export const numberAt = (output: unknown, path: string): number | null => {
  const value = getIn(output, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** The rows as stored, for edits that must keep what the form does not show (each row's source). */
export function rawRows(output: unknown): unknown[] {
  const items = getIn(output, 'line_items');
  return Array.isArray(items) ? items : [];
}

export function lineItems(output: unknown): LineItem[] {
  return rawRows(output).map((item, i) => ({
    description: textAt(output, `line_items.${i}.description`) ?? '',
    quantity: numberAt(output, `line_items.${i}.quantity`),
    unit_price: numberAt(output, `line_items.${i}.unit_price`),
    discount_percent: numberAt(output, `line_items.${i}.discount_percent`),
    amount: numberAt(output, `line_items.${i}.amount`),
    source: isRecord(item) ? item.source : undefined,
  }));
}

/** A new row: the schema wants a source, and a typed-in row was read from nowhere. */
export const emptyLineItem = (): LineItem => ({
  description: '',
  quantity: null,
  unit_price: null,
  amount: null,
  source: { page: null, line: null, text: '' },
});

/** The per-field extras the Worker may add; every one optional (older tasks have none). */
export function readingExtras(output: unknown) {
  const record = (key: string) => {
    const value = getIn(output, key);
    return isRecord(value) ? value : {};
  };
  const boxes: Record<string, Box> = {};
  for (const [path, box] of Object.entries(record('boxes'))) {
    if (isRecord(box) && ['page', 'x', 'y', 'w', 'h'].every((k) => typeof box[k] === 'number'))
      boxes[path] = box as unknown as Box;
  }
  const numbers = Object.entries(record('field_confidence')).filter(([, v]) => typeof v === 'number');
  const strings = Object.entries(record('printed')).filter(([, v]) => typeof v === 'string');
  const learned = getIn(output, 'learned');
  const sources = record('source');
  return {
    boxes,
    confidence: Object.fromEntries(numbers) as Record<string, number>,
    printed: Object.fromEntries(strings) as Record<string, string>,
    learned: new Set(Array.isArray(learned) ? learned.filter((p) => typeof p === 'string') : []),
    sourceText: (path: string) => {
      const source = sources[path];
      return isRecord(source) && typeof source.text === 'string' && source.text ? source.text : null;
    },
  };
}

export type ReadingExtras = ReturnType<typeof readingExtras>;

/** Where the boxes name a row: `line_items[2]` (the form's paths use dots: `line_items.2.amount`). */
export const rowBoxPath = (index: number) => `line_items[${index}]`;

/** Field errors after removing row `index`: its own go, the rows below it move up one. */
export function withoutRowErrors(invalid: Record<string, string>, index: number): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(invalid)) {
    const match = /^line_items\.(\d+)\.(.+)$/.exec(path);
    const row = Number(match?.[1]);
    if (!match) result[path] = message;
    else if (row !== index) result[row > index ? `line_items.${row - 1}.${match[2]}` : path] = message;
  }
  return result;
}

/**
 * With one VAT rate the breakdown restates the totals: keep its one row in step with an edited net, rate or
 * VAT amount, so a corrected invoice does not book a breakdown that contradicts its own totals.
 */
export function withSingleRateBreakdown(output: Output): Output {
  const rows = getIn(output, 'vat_breakdown');
  if (!Array.isArray(rows) || rows.length !== 1 || !isRecord(rows[0])) return output;
  const rate = typeof output.vat_rate === 'number' ? output.vat_rate : rows[0].rate;
  return {
    ...output,
    vat_breakdown: [{ ...rows[0], rate, net: output.net ?? null, vat: output.vat_amount ?? null }],
  };
}
