// Finds money amounts in a line of text, German (1.234,56) or English (1,234.56), as integer minor units.

export interface Money {
  /** Integer minor units (cents, pence). */
  minor: number;
  /** Lower-case ISO 4217 code when a symbol or code stands next to the number. */
  currency: string | null;
  /** Where the match starts in the line. */
  index: number;
}

const CURRENCIES: [RegExp, string][] = [
  [/^(€|EUR|Euro)$/i, 'eur'],
  [/^(£|GBP)$/i, 'gbp'],
  [/^(\$|USD|US\$)$/i, 'usd'],
  [/^(CHF|S?Fr\.)$/i, 'chf'],
];
const CURRENCY = String.raw`€|£|US\$|\$|\bEUR\b|\bEuro\b|\bGBP\b|\bUSD\b|\bCHF\b|\bS?Fr\.`;
const NUMBER = String.raw`\d{1,3}(?:[.,'’\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SCALE = String.raw`Mio\.|Millionen|millions?|Mrd\.|Tsd\.|k\b`;
// Not inside a longer number or word, not a percentage, not part of a date like 12.03.2024.
const MONEY = new RegExp(
  String.raw`(?<![\w.,])(?:(${CURRENCY})[ \u00a0]?)?(-[ \u00a0]?)?(${NUMBER})(?![\d]|[.,]\d|[ \u00a0]?%)(?:[ \u00a0]?(${SCALE}))?(?:[ \u00a0]?(${CURRENCY}))?`,
  'gi',
);

export function currencyCode(symbol: string): string | null {
  for (const [pattern, code] of CURRENCIES) if (pattern.test(symbol)) return code;
  return null;
}

/**
 * Amounts in reading order. A number counts as money only with decimals or a currency next to it,
 * so quantities, years, postcodes and account numbers stay out.
 */
export function amountsIn(line: string): Money[] {
  const found: Money[] = [];
  for (const match of line.matchAll(MONEY)) {
    const [, before, minus, number = '', scale, after] = match;
    const symbol = before ?? after;
    const hasDecimals = /[.,]\d{1,2}$/.test(number);
    if (!hasDecimals && !symbol && !scale) continue;
    let minor = parseMinor(number);
    if (scale) minor = Math.round(minor * scaleFactor(scale));
    found.push({
      minor: minus ? -minor : minor,
      currency: symbol ? currencyCode(symbol) : null,
      index: match.index,
    });
  }
  return found;
}

/** "1.234,56" → 123456, "1,234.56" → 123456, "1.234" → 123400 (a dot or comma before three digits groups). */
export function parseMinor(number: string): number {
  const decimal = /[.,](\d{1,2})$/.exec(number);
  const whole = (decimal ? number.slice(0, decimal.index) : number).replace(/\D/g, '');
  const cents = decimal ? (decimal[1] ?? '').padEnd(2, '0') : '00';
  return Number(whole) * 100 + Number(cents);
}

/** A plain decimal such as a quantity ("2,5", "10", "1.5"). */
export function parseDecimal(text: string): number | null {
  if (!/^\d+(?:[.,]\d+)?$/.test(text)) return null;
  return Number(text.replace(',', '.'));
}

/** Percentages on a line ("19 %", "7,5%"), in order. */
export function percentsIn(line: string): number[] {
  return [...line.matchAll(/(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)[ \u00a0]?%/g)].map((m) =>
    Number((m[1] ?? '').replace(',', '.')),
  );
}

function scaleFactor(scale: string): number {
  const s = scale.toLowerCase();
  if (s.startsWith('mrd')) return 1e9;
  if (s.startsWith('mio') || s.startsWith('million')) return 1e6;
  return 1e3;
}
