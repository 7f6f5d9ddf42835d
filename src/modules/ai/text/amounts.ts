// Finds money amounts in a line of text as integer minor units, however the locale groups and separates:
// 1.234,56 · 1,234.56 · 1'234.56 · 1 234,56 (see amountsIn).

export interface Money {
  /** Integer minor units (cents, pence). */
  minor: number;
  /** Lower-case ISO 4217 code when a symbol or code stands next to the number. */
  currency: string | null;
  /** Where the match starts in the line. */
  index: number;
}

const CURRENCIES: [RegExp, string][] = [
  [/^(€|EUR|Euros?)$/i, 'eur'],
  [/^(£|GBP)$/i, 'gbp'],
  [/^(\$|USD|US\$)$/i, 'usd'],
  [/^(CHF|S?Fr\.)$/i, 'chf'],
  [/^(₹|Rs\.?|INR)$/i, 'inr'],
  [/^(SEK|NOK|DKK|PLN|CZK|HUF|JPY|CAD|AUD)$/i, ''],
];
const CURRENCY = String.raw`€|£|₹|US\$|\$|\bEUR\b|\bEuros?\b|\bGBP\b|\bUSD\b|\bCHF\b|\bS?Fr\.|\bRs\.?|\bINR\b|\b(?:SEK|NOK|DKK|PLN|CZK|HUF|JPY|CAD|AUD)\b`;

// Indian invoices group lakhs and crores by two digits above the thousands: 3,38,660.00 (three lakh …).
const LAKH = String.raw`\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?`;
const NUMBER = String.raw`${LAKH}|\d{1,3}(?:[.,'’\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
// French and Swiss totals group thousands with a plain space ("1 234,56 €"). Only read so where no quantity
// can precede the amount (a totals line), or "1 399,00" in an item row would become 1,399.00.
const SPACED_NUMBER = String.raw`${LAKH}|\d{1,3}(?:[.,'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SCALE = String.raw`Mio\.|Millionen|millions?|Mrd\.|Tsd\.|k\b`;
// Not inside a longer number or word, not a percentage, not part of a date like 12.03.2024.
const moneyPattern = (number: string) =>
  new RegExp(
    String.raw`(?<![\w.,])(?:(${CURRENCY})[ \u00a0]?)?(-[ \u00a0]?)?(${number})(?![\d]|[.,]\d|[ \u00a0]?%)(?:[ \u00a0]?(${SCALE}))?(?:[ \u00a0]?(${CURRENCY}))?`,
    'gi',
  );
const MONEY = moneyPattern(NUMBER);
const SPACED_MONEY = moneyPattern(SPACED_NUMBER);

export function currencyCode(symbol: string): string | null {
  // An empty code in the table: the ISO code itself, lower-cased.
  for (const [pattern, code] of CURRENCIES) if (pattern.test(symbol)) return code || symbol.toLowerCase();
  return null;
}

/**
 * Amounts in reading order. A number counts as money only with decimals or a currency next to it,
 * so quantities, years, postcodes and account numbers stay out.
 */
export function amountsIn(line: string, options: { spacedThousands?: boolean } = {}): Money[] {
  const found: Money[] = [];
  for (const match of line.matchAll(options.spacedThousands ? SPACED_MONEY : MONEY)) {
    const [, before, minus, number = '', scale, after] = match;
    // "4,60 RS": in capitals after a number, a unit (a ream, Italian "risma"), not rupees ("Rs. 1,250.00").
    const symbol = before ?? (after && /^RS\.?$/.test(after) ? undefined : after);
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
  return [...line.matchAll(/(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)[ \u00a0]?%/g)].map((m) =>
    Number((m[1] ?? '').replace(',', '.')),
  );
}

function scaleFactor(scale: string): number {
  const s = scale.toLowerCase();
  if (s.startsWith('mrd')) return 1e9;
  if (s.startsWith('mio') || s.startsWith('million')) return 1e6;
  return 1e3;
}
