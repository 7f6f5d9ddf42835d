// Amounts as a bookkeeper reads them: major units in the number style of the document's language
// (de 1.234,56 · en 1,234.56 · fr 1 234,56), parsed back to the integer minor units the API stores.
// Written by hand rather than with Intl so the output is the same in every browser (es-ES, for one,
// does not group four-digit numbers, and fr-FR's narrow space differs between engines).

/** Digits after the decimal separator for a currency (2 for EUR, 0 for JPY); 2 for an unknown code. */
export function exponentOf(currency: string | null | undefined): number {
  try {
    return (
      new Intl.NumberFormat('en', {
        style: 'currency',
        currency: (currency || 'eur').toUpperCase(),
      }).resolvedOptions().maximumFractionDigits ?? 2
    );
  } catch {
    return 2; // an unknown code: cents, as the API's minor units most often are
  }
}

export type Language = 'de' | 'en' | 'fr' | 'nl' | 'es' | 'it' | 'unknown';

interface NumberStyle {
  group: string;
  decimal: string;
}

const DOT_COMMA: NumberStyle = { group: '.', decimal: ',' };
const STYLES: Record<Language, NumberStyle> = {
  de: DOT_COMMA,
  nl: DOT_COMMA,
  es: DOT_COMMA,
  it: DOT_COMMA,
  // A no-break space, so an amount never wraps inside a table cell.
  fr: { group: '\u00a0', decimal: ',' },
  en: { group: ',', decimal: '.' },
  // No language told: the style most readers of any language can read unambiguously.
  unknown: { group: ',', decimal: '.' },
};

export const styleOf = (language: string | null | undefined): NumberStyle =>
  STYLES[(language ?? 'unknown') as Language] ?? STYLES.unknown;

function groupDigits(digits: string, group: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** A number in the language's style with exactly `decimals` digits after the separator. */
export function formatNumber(value: number, language: string | null | undefined, decimals: number): string {
  const style = styleOf(language);
  const [whole = '0', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const sign = value < 0 && Number(Math.abs(value).toFixed(decimals)) !== 0 ? '-' : '';
  return `${sign}${groupDigits(whole, style.group)}${fraction ? style.decimal + fraction : ''}`;
}

/** Minor units as major units in the document's style: 123456 cents → "1.234,56" for German. */
export function formatAmount(minor: number, currency: string | null | undefined, language?: string | null) {
  const exponent = exponentOf(currency);
  return formatNumber(minor / 10 ** exponent, language, exponent);
}

/** A quantity as printed: no trailing zeros ("2,5", "40"). */
export function formatQuantity(value: number, language?: string | null): string {
  const decimals = Math.min(4, (String(value).split('.')[1] ?? '').length);
  return formatNumber(value, language, decimals);
}

/** A refusal names its reason; the form says it in words, in the dashboard's language. */
export type Parsed = { ok: true; value: number } | { ok: false; reason: 'format' | 'too_large' };

interface Decimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

/**
 * Reads what a person typed, accepting either separator as the decimal one: with both, the last is the
 * decimal; one used twice groups thousands; one used once before exactly three digits groups thousands
 * when three decimals are not allowed, else the document's style decides ("1.500" is 1500 in German).
 */
function readDecimal(text: string, language: string | null | undefined, maxDecimals: number): Decimal | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '').replace(/^−/, '-');
  const match = /^([-+]?)(\d[\d.,]*)$/.exec(compact) ?? /^([-+]?)([.,]\d+)$/.exec(compact);
  if (!match) return null;
  const negative = match[1] === '-';
  const body = match[2] ?? '';
  const separators = body.replace(/\d/g, '');
  let decimal: string | null = null;
  if (separators.includes('.') && separators.includes(',')) {
    decimal = separators.at(-1) ?? null;
  } else if (separators.length === 1) {
    const after = body.length - body.indexOf(separators) - 1;
    const group = after === 3 && (maxDecimals < 3 || separators === styleOf(language).group);
    decimal = group ? null : separators;
  }
  const cut = decimal === null ? -1 : body.lastIndexOf(decimal);
  const wholePart = cut === -1 ? body : body.slice(0, cut);
  const fraction = cut === -1 ? '' : body.slice(cut + 1);
  if (/[.,]/.test(fraction) || fraction.length > maxDecimals) return null;
  const groups = wholePart.split(/[.,]/);
  const groupSeparators = new Set(wholePart.replace(/\d/g, ''));
  // Grouping must be consistent: one separator, three digits after each (so "12.34.56" is no amount).
  if (groupSeparators.size > 1 || groups.slice(1).some((g) => g.length !== 3)) return null;
  if (groups.length > 1 && ((groups[0] ?? '').length === 0 || (groups[0] ?? '').length > 3)) return null;
  return { negative, whole: groups.join('') || '0', fraction };
}

/** "1.234,56" / "1,234.56" / "1234.5" → minor units; a refusal for anything else. */
export function parseAmount(
  text: string,
  currency: string | null | undefined,
  language?: string | null,
): Parsed {
  const exponent = exponentOf(currency);
  const read = readDecimal(text, language, exponent);
  if (!read) return { ok: false, reason: 'format' };
  const minor = Number(read.whole + read.fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'too_large' };
  return { ok: true, value: read.negative && minor !== 0 ? -minor : minor };
}

/** A quantity ("2,5", "1.000", "40"), up to four decimals. */
export function parseQuantity(text: string, language?: string | null): Parsed {
  const read = readDecimal(text, language, 4);
  if (!read) return { ok: false, reason: 'format' };
  const value = Number(`${read.whole}.${read.fraction || '0'}`);
  return { ok: true, value: read.negative ? -value : value };
}
