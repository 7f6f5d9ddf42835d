// Scores the invoice corpus: field accuracy per field and per language, the share that would complete unseen,
// and every wrong field — shared by tests/ai/corpus.test.ts and bench/invoices/run.ts.
import type { CorpusFixture } from '../fixtures/invoices';
import { compareFields, type FieldResult, withoutSources } from './accuracy';

/** Results at or above this confidence complete without a reviewer. */
export const THRESHOLD = 80;

export interface CorpusResult {
  fixture: CorpusFixture;
  confidence: number;
  output: unknown;
  fields: FieldResult[];
  failedChecks: string[];
  ms?: number;
}

export function scoreResult(
  fixture: CorpusFixture,
  result: { output: unknown; confidence: number; checks: { name: string; passed: boolean }[] },
): CorpusResult {
  return {
    fixture,
    confidence: result.confidence,
    output: result.output,
    fields: compareFields(comparable(fixture.expected), comparable(withoutSources(result.output))),
    failedChecks: result.checks.filter((c) => !c.passed).map((c) => c.name),
  };
}

const comparable = <T>(booking: T): T => swissVatIds(byRate(booking));

/**
 * A Swiss VAT number is the company's UID with the register named after it ("CHE-123.456.789 MWST"): with or
 * without that suffix it is the same number, so both spellings compare equal.
 */
function swissVatIds<T>(booking: T): T {
  const o = booking as Record<string, { vat_id?: string | null } | undefined>;
  const strip = (party?: { vat_id?: string | null }) =>
    party && typeof party.vat_id === 'string'
      ? { ...party, vat_id: party.vat_id.replace(/^(CHE\d{9})(?:MWST|TVA|IVA)$/, '$1') }
      : party;
  if (!o || typeof o !== 'object') return booking;
  const copy = { ...o };
  for (const key of ['supplier', 'recipient']) if (key in copy) copy[key] = strip(copy[key]);
  return copy as T;
}

/** The VAT breakdown is a set of rates: compared in rate order, whichever order the page prints them in. */
function byRate<T>(booking: T): T {
  const o = booking as { vat_breakdown?: { rate?: number | null }[] };
  if (!Array.isArray(o?.vat_breakdown)) return booking;
  const sorted = [...o.vat_breakdown].sort((a, b) => (a.rate ?? -1) - (b.rate ?? -1));
  return { ...o, vat_breakdown: sorted } as T;
}

/** "line_items[3].amount" → "line_items[].amount": one report row per field, however many entries. */
export const fieldGroup = (path: string) => path.replace(/\[\d+\]/g, '[]');

export interface Ratio {
  ok: number;
  total: number;
}
const ratio = (fields: FieldResult[]): Ratio => ({
  ok: fields.filter((f) => f.ok).length,
  total: fields.length,
});
export const share = (r: Ratio) => (r.total === 0 ? 1 : r.ok / r.total);

export interface CorpusSummary {
  fixtures: number;
  fields: Ratio;
  /** Without `language`: what the hard assertions and floors are measured on. */
  fieldsWithoutLanguage: Ratio;
  perField: [string, Ratio][];
  perLanguage: [string, Ratio & { fixtures: number; complete: number; trusted: number }][];
  perLayout: [string, Ratio & { fixtures: number }][];
  /** Trusted fixtures at or above the threshold. */
  completeUnseen: Ratio;
  /** Fixtures whose expected fields all came out right. */
  allFieldsRight: Ratio;
  untrustedAbove: string[];
  /** Auto-completed results with a wrong field (other than `language`): must never happen. */
  completedWrong: { name: string; fields: FieldResult[] }[];
}

export function summarize(results: CorpusResult[]): CorpusSummary {
  const all = results.flatMap((r) => r.fields);
  const withoutLanguage = (fields: FieldResult[]) => fields.filter((f) => f.path !== 'language');
  const groups = new Map<string, FieldResult[]>();
  for (const f of all) {
    // Entries beyond the expected ones (a row read twice, a footer read as an item) get their own row.
    const group = f.expected === undefined ? `${fieldGroup(f.path)} (extra entries)` : fieldGroup(f.path);
    groups.set(group, [...(groups.get(group) ?? []), f]);
  }
  const by = <K extends string>(key: (r: CorpusResult) => K) => {
    const map = new Map<K, CorpusResult[]>();
    for (const r of results) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const trusted = results.filter((r) => r.fixture.trusted);
  return {
    fixtures: results.length,
    fields: ratio(all),
    fieldsWithoutLanguage: ratio(withoutLanguage(all)),
    perField: [...groups.entries()].map(([path, fields]): [string, Ratio] => [path, ratio(fields)]),
    perLanguage: by((r) => r.fixture.language).map(([language, rs]) => {
      const t = rs.filter((r) => r.fixture.trusted);
      return [
        language,
        {
          ...ratio(rs.flatMap((r) => r.fields)),
          fixtures: rs.length,
          trusted: t.length,
          complete: t.filter((r) => r.confidence >= THRESHOLD).length,
        },
      ];
    }),
    perLayout: by((r) => r.fixture.layout).map(([layout, rs]) => [
      layout,
      { ...ratio(rs.flatMap((r) => r.fields)), fixtures: rs.length },
    ]),
    completeUnseen: { ok: trusted.filter((r) => r.confidence >= THRESHOLD).length, total: trusted.length },
    allFieldsRight: { ok: results.filter((r) => r.fields.every((f) => f.ok)).length, total: results.length },
    untrustedAbove: results
      .filter((r) => !r.fixture.trusted && r.confidence >= THRESHOLD)
      .map((r) => r.fixture.name),
    completedWrong: results
      .filter((r) => r.confidence >= THRESHOLD)
      .map((r) => ({ name: r.fixture.name, fields: withoutLanguage(r.fields).filter((f) => !f.ok) }))
      .filter((r) => r.fields.length > 0),
  };
}

const pct = (r: Ratio) => `${(share(r) * 100).toFixed(1).padStart(5)} % (${r.ok}/${r.total})`;
const show = (value: unknown) => {
  const text = value === undefined ? '—' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** The report as text: totals, per field, per language, per layout, then every fixture with its wrong fields. */
export function formatReport(results: CorpusResult[], options: { maxWrongPerFixture?: number } = {}): string {
  const s = summarize(results);
  const out: string[] = [];
  out.push(`Invoice corpus: ${s.fixtures} fixtures, ${s.fields.total} expected fields`);
  out.push(`  fields exact:              ${pct(s.fields)}`);
  out.push(`  fields exact (no language): ${pct(s.fieldsWithoutLanguage)}`);
  out.push(`  fixtures fully right:      ${pct(s.allFieldsRight)}`);
  out.push(`  trusted complete unseen:   ${pct(s.completeUnseen)} (confidence >= ${THRESHOLD})`);
  out.push(`  untrusted above threshold: ${s.untrustedAbove.length ? s.untrustedAbove.join(', ') : 'none'}`);
  out.push(
    `  completed with a wrong field: ${s.completedWrong.length ? s.completedWrong.map((c) => c.name).join(', ') : 'none'}`,
  );
  out.push('', 'Per field:');
  for (const [path, r] of [...s.perField].sort(
    (a, b) => share(a[1]) - share(b[1]) || a[0].localeCompare(b[0]),
  )) {
    out.push(`  ${path.padEnd(28)} ${pct(r)}`);
  }
  out.push('', 'Per language:');
  for (const [language, r] of s.perLanguage) {
    out.push(
      `  ${language.padEnd(4)} ${String(r.fixtures).padStart(3)} fixtures  fields ${pct(r)}  complete unseen ${r.complete}/${r.trusted}`,
    );
  }
  out.push('', 'Per layout:');
  for (const [layout, r] of s.perLayout) {
    out.push(`  ${layout.padEnd(13)} ${String(r.fixtures).padStart(3)} fixtures  fields ${pct(r)}`);
  }
  out.push('', 'Per fixture (confidence, failed checks, wrong fields):');
  const max = options.maxWrongPerFixture ?? 12;
  for (const r of results) {
    const wrong = r.fields.filter((f) => !f.ok);
    const mark = r.fixture.trusted ? (r.confidence >= THRESHOLD ? 'OK ' : 'rev') : 'neg';
    out.push(
      `  [${mark}] ${String(r.confidence).padStart(3)} ${r.fixture.name}  ${wrong.length}/${r.fields.length} wrong` +
        (r.failedChecks.length ? `  checks: ${r.failedChecks.join(', ')}` : ''),
    );
    for (const f of wrong.slice(0, max)) {
      out.push(`        ${f.path}: expected ${show(f.expected)}, got ${show(f.actual)}`);
    }
    if (wrong.length > max) out.push(`        … ${wrong.length - max} more`);
  }
  return out.join('\n');
}
