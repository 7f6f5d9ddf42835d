// The IBAN's own check (ISO 13616 mod-97), run as the expert types so a corrected digit shows at once
// whether the number can receive a payment, the same test the Worker's iban_checksum applies.
import { messagesOf } from '../../../i18n/define';
import { type InvoiceTexts, invoiceMessages } from './messages';

/** Why a compact IBAN cannot be right, in words, or null when it passes. */
export function ibanProblem(compact: string, m: InvoiceTexts = messagesOf(invoiceMessages)): string | null {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return m.ibanFormat;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? null : m.ibanChecksum;
}
