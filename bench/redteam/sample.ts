// Request material from the OpenAPI document: a valid sample of a schema (so a probe passes validation and
// reaches the handler), and hostile values and bodies from fast-check (seeded, so a run is reproducible).
import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the OpenAPI document, walked loosely
export type Schema = any;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document
export type OpenApi = any;

/** A page of the red team's helper site, a loopback host:port the benchmark adds to both allow-lists: no request leaves. */
export const SAFE_URL = 'http://localhost:8789/safe';

export function deref(doc: OpenApi, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s && typeof s === 'object' && '$ref' in s && i < 20; i++) {
    const name = String(s.$ref).split('/').pop() ?? '';
    s = doc.components?.schemas?.[name];
  }
  return s ?? {};
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const week = Math.ceil(((day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
export const currentIsoWeek = () => isoWeek(new Date());
export const previousIsoWeek = () => isoWeek(new Date(Date.now() - 7 * 86_400_000));

const PATTERN_SAMPLES: [RegExp, string][] = [
  [/\^\[A-Z\]\[A-Z0-9_\]/, 'CTAX'],
  [/\^\[a-z\]\[a-z0-9_\]/, 'process_invoice'],
  [/\^\[a-z\]\{3\}\$/, 'eur'],
  [/\^\[A-Za-z\]\{2\}\$/, 'DE'],
  [/W/, currentIsoWeek()],
];

/** A value the schema accepts (best effort): examples and defaults first, then the least the type allows. */
export function sample(doc: OpenApi, schema: Schema, name = '', depth = 0): unknown {
  const s = deref(doc, schema);
  if (depth > 8) return undefined;
  if (/^urls?$/.test(name)) return name === 'urls' ? [SAFE_URL] : SAFE_URL;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v: unknown) => v !== '*') ?? s.enum[0];
  if (s.example !== undefined && typeof s.example !== 'object') return s.example;
  if (s.default !== undefined) return s.default;
  const choices = s.oneOf ?? s.anyOf;
  if (choices) return sample(doc, choices[0], name, depth + 1);
  if (s.allOf)
    return Object.assign({}, ...s.allOf.map((part: Schema) => sample(doc, part, name, depth + 1) ?? {}));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(doc, s.properties?.[key] ?? {}, key, depth + 1);
      return out;
    }
    case 'array': {
      const count = Math.max(s.minItems ?? 0, 1);
      return Array.from({ length: count }, () => sample(doc, s.items ?? {}, name, depth + 1));
    }
    case 'string': {
      if (s.format === 'email') return 'redteam@example.test';
      if (s.format === 'date-time') return new Date(Date.now() - 3600_000).toISOString();
      if (s.format === 'date') return new Date().toISOString().slice(0, 10);
      if (s.pattern) {
        for (const [pattern, value] of PATTERN_SAMPLES) if (pattern.test(s.pattern)) return value;
      }
      return 'r'.repeat(Math.max(s.minLength ?? 0, 8));
    }
    case 'integer':
    case 'number': {
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(low, 100), s.maximum ?? 100);
    }
    case 'boolean':
      return true;
    default:
      return 'r';
  }
}

// --- hostile material

/** Strings that have broken parsers, query builders, templates and path handling somewhere. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  'NaN',
  '../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '%',
  '%%%',
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  "1'); DELETE FROM engagements; --",
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '\u202e\u0644\u0627',
  '\ud800',
  '\udfff\ud800',
  '𝕳𝖊𝖑𝖑𝖔 🇩🇪 👩‍👩‍👧‍👦',
  'ﷺ'.repeat(500),
  'a'.repeat(70_000),
  'Ω'.repeat(5_000),
  '\r\nX-Injected: 1',
  'eng_00000000000000000000000000',
  'usr_000000000000000000000ADMIN',
  '*',
  'SELECT * FROM users',
  'ⓐⓓⓜⓘⓝ',
  '\t\n\v\f\r',
];

export const NASTY_NUMBERS = [
  -1,
  0,
  -0,
  1.5,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 63),
  1e-320,
  4294967296,
  -2147483649,
  Number.MAX_SAFE_INTEGER,
];

/** A value nested `depth` levels deep, as JSON text (JSON.stringify would recurse on it). */
export const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
export const deepObjectJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...NASTY_NUMBERS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [[[]]], { __proto__: null }) },
  { weight: 1, arbitrary: fc.array(fc.string(), { minLength: 1000, maxLength: 1000 }) },
);

/** A seeded stream of hostile values and random choices. */
export function hostileSource(seed: number) {
  const values = fc.sample(hostileValue, { numRuns: 5_000, seed });
  const roots = fc.sample(fc.oneof(fc.anything(), fc.jsonValue()), { numRuns: 2_000, seed: seed + 1 });
  let v = 0;
  let r = 0;
  // mulberry32: the choices (which field, which case) follow the seed too
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    value: () => values[v++ % values.length],
    root: () => roots[r++ % roots.length],
    random,
    pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T,
  };
}
export type HostileSource = ReturnType<typeof hostileSource>;

/** Every path (as keys) in a JSON value, objects and leaves alike. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  return [prefix, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

function setAt(root: unknown, path: string[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** A valid sample with one part replaced by a hostile value, or removed. */
export function mutate(valid: unknown, source: HostileSource): { body: unknown; note: string } {
  const paths = pathsOf(valid).filter((p) => p.length > 0);
  if (paths.length === 0) return { body: source.value(), note: 'root replaced' };
  const path = source.pick(paths);
  if (source.random() < 0.25)
    return { body: setAt(valid, path, undefined, true), note: `${path.join('.')} removed` };
  return { body: setAt(valid, path, source.value()), note: `${path.join('.')} replaced` };
}

/** Malformed JSON texts (a 400 each). */
export const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  '\ufeff{"a":1}',
  '{"a":1} trailing',
  '[1,2',
  '{"a":"\\x41"}',
  '{"a":1e99999}',
  '\u0000',
  '{"a":"unterminated}',
  '{"__proto__":{"admin":true}, "constructor":{"prototype":{"admin":true}}}',
];
