// Per-field confidence of a reading: each field found starts at the reading's base trust, and a failed check
// lowers the fields it concerns to that check's cap. A reviewer sees which fields to check, not only that
// something is wrong. Each task type declares its fields and what each check vouches for.
import type { ScoredCheck } from './confidence';

export interface FieldTrust {
  /** Field paths ("supplier.vat_id") scored when the reading filled them. */
  fields: readonly string[];
  /** The fields each check vouches for (a failed sum concerns its operands). */
  checkFields: Record<string, string[]>;
}

function present(output: object, path: string): boolean {
  const [head, tail] = path.split('.') as [string, string | undefined];
  const top = (output as Record<string, unknown>)[head];
  const value = tail ? (top as Record<string, unknown> | null)?.[tail] : top;
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
}

/** `{path: 0–100}` for every field the reading filled; `caps` lowers single fields further. */
export function fieldConfidence(
  trust: FieldTrust,
  output: object,
  checks: ScoredCheck[],
  base: number,
  caps: Record<string, number> = {},
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const path of trust.fields)
    if (present(output, path)) result[path] = Math.min(base, caps[path] ?? 100);
  for (const check of checks) {
    if (check.passed) continue;
    for (const path of trust.checkFields[check.name] ?? [])
      if (path in result) result[path] = Math.min(result[path] ?? 100, check.capIfFailed);
  }
  return result;
}
