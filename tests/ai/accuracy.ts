// Field-by-field comparison of an engine's output with a fixture's expected fields (sources left out).

export interface FieldResult {
  path: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
}

/** One result per expected leaf value; a list of the wrong length also counts its missing or extra entries. */
export function compareFields(expected: unknown, actual: unknown, path = ''): FieldResult[] {
  if (Array.isArray(expected)) {
    const list = Array.isArray(actual) ? actual : [];
    const results = expected.flatMap((item, i) => compareFields(item, list[i], `${path}[${i}]`));
    for (let i = expected.length; i < list.length; i++) {
      results.push({ path: `${path}[${i}]`, expected: undefined, actual: list[i], ok: false });
    }
    if (expected.length === 0) results.push({ path, expected: [], actual, ok: list.length === 0 });
    return results;
  }
  if (expected !== null && typeof expected === 'object') {
    const record = (actual ?? {}) as Record<string, unknown>;
    return Object.entries(expected).flatMap(([key, value]) =>
      compareFields(value, record[key], path ? `${path}.${key}` : key),
    );
  }
  // One glyph, two code points (the micro sign µ and the Greek μ a PDF font maps it to): compared as NFKC.
  const same =
    typeof expected === 'string' && typeof actual === 'string'
      ? expected.normalize('NFKC') === actual.normalize('NFKC')
      : Object.is(expected, actual);
  return [{ path, expected, actual, ok: same }];
}

/** The output without `source` keys, to compare with a fixture's expected fields. */
export function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'source')
        .map(([key, item]) => [key, withoutSources(item)]),
    );
  }
  return value;
}
