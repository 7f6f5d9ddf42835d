// What the e-invoice readers produce: the EN 16931 semantic model reduced to what booking needs, with the
// business-term numbers (BT-…) so the checks can name the rule they apply. Amounts are integers in
// 1/10,000 of the currency unit: line prices carry up to four decimals, and the sums are checked exactly.

export interface EParty {
  name: string | null;
  address: string | null;
  vatId: string | null;
}

export interface ELine {
  id: string | null;
  name: string;
  quantity: number | null;
  /** BT-146 net price per unit (the price divided by its base quantity, BT-149). */
  unitPrice: number | null;
  /** BT-131 line net amount. */
  net: number;
  rate: number | null;
}

export interface EVatCategory {
  /** BT-118: S standard, Z zero, E exempt, AE reverse charge, K intra-community, G export, O outside scope. */
  category: string | null;
  rate: number | null;
  /** BT-116 */
  basis: number | null;
  /** BT-117 */
  tax: number | null;
}

export interface ETotals {
  lineTotal: number | null; // BT-106
  allowances: number | null; // BT-107
  charges: number | null; // BT-108
  taxBasis: number | null; // BT-109
  taxTotal: number | null; // BT-110
  grandTotal: number | null; // BT-112
  prepaid: number | null; // BT-113
  rounding: number | null; // BT-114
  due: number | null; // BT-115
}

export interface EInvoice {
  syntax: 'cii' | 'ubl';
  /** e.g. "factur-x", "zugferd1", "xrechnung-ubl"; with `profile`, what model_used names. */
  format: string;
  profile: string;
  /** The profile (MINIMUM, BASIC WL) carries no line items by design. */
  withoutLines: boolean;
  /** BT-3 (380 invoice, 381 credit note, 384 corrected, 389 self-billed, …). */
  typeCode: string | null;
  creditNote: boolean;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  serviceDate: string | null;
  period: { from: string; to: string } | null;
  currency: string | null;
  seller: EParty;
  buyer: EParty;
  iban: string | null;
  lines: ELine[];
  vat: EVatCategory[];
  totals: ETotals;
}

/** Amount units per currency unit. */
export const UNITS = 10_000;

/** "1234.5" → 12345000, "-0.01" → -100; null for anything that is not a plain decimal. */
export function toUnits(value: string | null): number | null {
  if (value === null) return null;
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!match || (match[2] === '' && !match[3])) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const digits = fraction.padEnd(5, '0');
  // Rounded half away from zero at the fifth decimal: prices rarely carry more than four.
  const units = Number(whole || '0') * UNITS + Number(digits.slice(0, 4)) + (Number(digits[4]) >= 5 ? 1 : 0);
  return sign === '-' ? -units : units;
}

/** Currencies without minor units (ISO 4217 exponent 0) among those invoices use. */
const ZERO_DECIMALS = new Set(['jpy', 'krw', 'isk', 'clp', 'vnd']);

/** Units → the output's integer minor units of the currency (cents; yen for JPY). */
export function unitsToMinor(units: number, currency: string | null): number {
  const perMinor = currency && ZERO_DECIMALS.has(currency) ? UNITS : UNITS / 100;
  return Math.sign(units) * Math.round(Math.abs(units) / perMinor);
}

/** "20160404" (format 102) or "2016-04-04" → "2016-04-04". */
export function isoDate(value: string | null): string | null {
  if (!value) return null;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return iso ? (iso[1] ?? null) : null;
}

export function decimal(value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** Street, postcode and city on one line, as the text engine writes addresses. */
export function addressLine(parts: {
  lines: (string | null)[];
  postcode: string | null;
  city: string | null;
  country: string | null;
}): string | null {
  const place = [parts.postcode, parts.city].filter(Boolean).join(' ');
  const all = [...parts.lines, place, parts.country].filter((p): p is string => !!p && p.trim() !== '');
  return all.length ? all.join(', ') : null;
}
