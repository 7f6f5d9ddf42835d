// Display formatting: money from integer minor units (the currency's own exponent, so JPY has none), dates
// in the reader's locale, confidence as a percentage.

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

export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** exponentOf(currency));
}

/** Parses what a person types ("1,500.00", "1500") into minor units; null when it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,_']/g, '');
  if (!/^\d+(\.\d{0,3})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 10 ** exponentOf(currency));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value)} %`;
}

/** A share 0–1 (e.g. a success rate) as a whole percentage; — when there is none. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatPercent(value * 100);
}

/** A calendar day (`2026-12-04`) as a short weekday and date in the reader's locale. */
export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
}

export const titleCase = (text: string) => text.replaceAll('_', ' ').replace(/^\w/, (c) => c.toUpperCase());
