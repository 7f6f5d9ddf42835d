// Which fields an expert's correction changed, as field paths (`invoice_number`, `supplier.vat_id`), so the
// reports can say which fields the AI gets wrong. What describes the reading rather than the document
// (`source`, `field_confidence`, `boxes`, `printed`, `learned`) is ignored; a list (`line_items`, `lots`) is one
// field: its rows have no stable identity to name a changed row by.

const IGNORED_KEYS = new Set(['source', 'field_confidence', 'boxes', 'printed', 'learned']);

/** The sorted paths whose values differ between two outputs; missing and null count as the same. */
export function correctedFields(before: unknown, after: unknown): string[] {
  const changed = new Set<string>();
  compare(before, after, '', changed);
  return [...changed].sort();
}

function compare(before: unknown, after: unknown, path: string, changed: Set<string>) {
  // Descend while both sides are objects, or one is and the other absent (then its leaves are new or gone).
  const descend =
    (isRecord(before) || isEmpty(before)) &&
    (isRecord(after) || isEmpty(after)) &&
    !(isEmpty(before) && isEmpty(after));
  if (descend) {
    const a = isRecord(before) ? before : {};
    const b = isRecord(after) ? after : {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (IGNORED_KEYS.has(key)) continue;
      compare(a[key], b[key], path ? `${path}.${key}` : key, changed);
    }
  } else if (path && !sameValue(before, after)) changed.add(path);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(strip(a ?? null)) === JSON.stringify(strip(b ?? null));
}

/** A value without the ignored keys, with object keys sorted, so equal readings serialise alike. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value)
    .filter((key) => !IGNORED_KEYS.has(key) && !isEmpty(value[key]))
    .sort();
  return Object.fromEntries(keys.map((key) => [key, strip(value[key])]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isEmpty = (value: unknown) => value === null || value === undefined;
