// Confidence from weighted field coverage, capped by missing required fields and failed cross-checks.
import type { Check } from '../../types';

export interface FieldScore {
  weight: number;
  found: boolean;
  required?: boolean;
}

export interface ScoredCheck extends Check {
  /** The highest confidence a result may keep when this check fails. */
  capIfFailed: number;
}

/** Below the default threshold of 80, so that a missing required field always sends a result to review. */
export const MISSING_REQUIRED_CAP = 60;

/**
 * 100 × (weights found / all weights), floored (never rounded up into trust), then capped: by
 * MISSING_REQUIRED_CAP when a required field is missing, by each failed check's cap, and by `caps`.
 */
export function scoreConfidence(
  fields: Record<string, FieldScore>,
  checks: ScoredCheck[],
  caps: number[] = [],
): number {
  const entries = Object.values(fields);
  const total = entries.reduce((sum, f) => sum + f.weight, 0);
  const found = entries.reduce((sum, f) => sum + (f.found ? f.weight : 0), 0);
  let confidence = total > 0 ? Math.floor((100 * found) / total) : 0;
  if (entries.some((f) => f.required && !f.found)) confidence = Math.min(confidence, MISSING_REQUIRED_CAP);
  for (const check of checks) if (!check.passed) confidence = Math.min(confidence, check.capIfFailed);
  for (const cap of caps) confidence = Math.min(confidence, cap);
  return confidence;
}

/** The check that lists missing required fields, so a reviewer sees why a result was held back. */
export function requiredFieldsCheck(fields: Record<string, FieldScore>): ScoredCheck {
  const missing = Object.entries(fields)
    .filter(([, f]) => f.required && !f.found)
    .map(([name]) => name);
  return {
    name: 'required_fields_present',
    passed: missing.length === 0,
    ...(missing.length ? { detail: `missing: ${missing.join(', ')}` } : {}),
    capIfFailed: MISSING_REQUIRED_CAP,
  };
}

/** Checks as stored with the task (without the scoring detail). */
export function publicChecks(checks: ScoredCheck[]): Check[] {
  return checks.map(({ capIfFailed: _, ...check }) => check);
}
