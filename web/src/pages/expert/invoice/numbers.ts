// Amounts and quantities as the invoice form reads them: parsed in the document's number style
// (ui/amounts.ts), a refusal worded in the dashboard's language with an example in the document's style.
import { exponentOf, formatAmount, formatQuantity, parseAmount, parseQuantity } from '../../../ui/amounts';
import type { InvoiceTexts } from './messages';

export type Checked = { ok: true; value: number } | { ok: false; error: string };

export function readAmount(
  text: string,
  currency: string | null,
  language: string | null,
  m: InvoiceTexts,
): Checked {
  const parsed = parseAmount(text, currency, language);
  if (parsed.ok) return parsed;
  if (parsed.reason === 'too_large') return { ok: false, error: m.tooLarge };
  const exponent = exponentOf(currency);
  const example = formatAmount(123456 * 10 ** (exponent - 2), currency, language);
  return { ok: false, error: m.notAnAmount(example, exponent) };
}

export function readQuantity(text: string, language: string | null, m: InvoiceTexts): Checked {
  const parsed = parseQuantity(text, language);
  return parsed.ok ? parsed : { ok: false, error: m.notAQuantity(formatQuantity(2.5, language)) };
}
