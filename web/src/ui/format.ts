// Display formatting: money from integer minor units (the currency's own exponent, so JPY has none), dates
// and numbers in the dashboard's language (i18n/locale.ts), confidence as a percentage.
import { intlLocale, locale } from '../i18n/locale';
import { exponentOf, formatAmount, parseAmount } from './amounts';

export { exponentOf };

export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: currency.toUpperCase() });
  return format.format(amount / 10 ** exponentOf(currency));
}

/**
 * Parses what a person types into minor units, in the dashboard's language: "4.500,00 €" in German and
 * "4,500.00" in English are both 450000 cents; a currency sign or code around the number is ignored.
 * Null when it is not a positive amount.
 */
export function parseMoney(text: string, currency: string): number | null {
  const bare = text.replace(/[\p{Sc}]|\b[A-Za-z]{3}\b/gu, '').trim();
  const parsed = parseAmount(bare, currency, locale());
  return parsed.ok && parsed.value >= 0 ? parsed.value : null;
}

/** Minor units as a person types them in the dashboard's language ("4.500,00" in German): prefills, examples. */
export function formatMoneyInput(amount: number, currency: string): string {
  return formatAmount(amount, currency, locale());
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value)} %`;
}

/** A plain number in the dashboard's language (1.234,5 in German). */
export function formatNumber(value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits }).format(value);
}

/** A time of day, e.g. for log rows. */
export function formatTime(iso: string | number | Date): string {
  return new Date(iso).toLocaleTimeString(intlLocale(), { timeStyle: 'medium' });
}

/** A share 0–1 (e.g. a success rate) as a whole percentage; — when there is none. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatPercent(value * 100);
}

/** A calendar day (`2026-12-04`) as a short weekday and date in the reader's locale. */
export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(intlLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
}

export const titleCase = (text: string) => text.replaceAll('_', ' ').replace(/^\w/, (c) => c.toUpperCase());
