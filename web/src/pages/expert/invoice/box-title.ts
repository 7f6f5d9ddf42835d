// The name of a field's box on the page, in words: `supplier.vat_id` reads "Supplier · VAT ID",
// `line_items[2]` "Line items, row 3"; keys of other task types (a tender's `lots[1]`) by the generic names.
import { messagesOf } from '../../../i18n/define';
import { formatNumber } from '../../../ui/format';
import { expertMessages } from '../messages';
import { invoiceFields, invoiceMessages } from './messages';

export function boxTitle(path: string): string {
  const fields = messagesOf(invoiceFields) as Record<string, string>;
  const name = (key: string) =>
    Object.hasOwn(fields, key) ? (fields[key] as string) : messagesOf(expertMessages).outputField(key);
  const row = /^(\w+)\[(\d+)\]$/.exec(path);
  if (row) return messagesOf(invoiceMessages).row(name(row[1] ?? ''), formatNumber(Number(row[2]) + 1));
  return path.split('.').map(name).join(' · ');
}
