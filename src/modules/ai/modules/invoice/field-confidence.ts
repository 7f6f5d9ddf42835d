// Per-field confidence for an invoice reading (../shared/field-confidence): the invoice's fields and what each
// of its checks vouches for.
import type { ScoredCheck } from '../shared/confidence';
import { type FieldTrust, fieldConfidence as scoreFields } from '../shared/field-confidence';
import type { InvoiceOutput } from './schema';

/** The fields each check vouches for (a failed sum concerns its operands). */
const CHECK_FIELDS: Record<string, string[]> = {
  net_plus_vat_equals_gross: ['net', 'vat_amount', 'gross', 'withholding'],
  vat_matches_rate: ['vat_rate', 'vat_amount'],
  vat_split_by_rate: ['vat_amount', 'vat_breakdown'],
  vat_bases_sum_to_net: ['vat_breakdown', 'net'],
  line_items_sum_to_net: ['line_items', 'net'],
  line_items_arithmetic: ['line_items'],
  line_items_complete: ['line_items'],
  line_items_read: ['line_items'],
  vat_bases_printed: ['vat_breakdown'],
  supplier_address_found: ['supplier.address'],
  party_names_plausible: ['supplier.name', 'recipient.name'],
  iban_checksum: ['iban'],
  vat_id_format: ['supplier.vat_id', 'recipient.vat_id'],
  vat_ids_attributed: ['supplier.vat_id', 'recipient.vat_id'],
  parties_distinct: ['supplier.name', 'recipient.name', 'supplier.address', 'recipient.address'],
  dates_plausible: ['issue_date', 'due_date', 'service_date', 'service_period'],
  service_date_label_known: ['service_date'],
  due_date_read: ['due_date'],
  service_period_read: ['service_period'],
  xml_matches_page: ['invoice_number', 'gross'],
  en16931_line_total: ['line_items', 'net'],
  en16931_tax_basis: ['net'],
  en16931_vat_total: ['vat_amount', 'vat_breakdown'],
  en16931_vat_per_category: ['vat_breakdown', 'vat_amount'],
  en16931_vat_breakdown_basis: ['vat_breakdown', 'net'],
  en16931_gross: ['net', 'vat_amount', 'gross'],
  en16931_amount_due: ['gross'],
};

const FIELDS = [
  'invoice_number',
  'issue_date',
  'service_date',
  'service_period',
  'due_date',
  'supplier.name',
  'supplier.address',
  'supplier.vat_id',
  'recipient.name',
  'recipient.address',
  'recipient.vat_id',
  'currency',
  'net',
  'vat_rate',
  'vat_amount',
  'vat_breakdown',
  'gross',
  'withholding',
  'iban',
  'line_items',
] as const;

const INVOICE_TRUST: FieldTrust = { fields: FIELDS, checkFields: CHECK_FIELDS };

/** `{path: 0–100}` for every field the reading filled; `caps` lowers single fields further. */
export function fieldConfidence(
  o: InvoiceOutput,
  checks: ScoredCheck[],
  base: number,
  caps: Record<string, number> = {},
): Record<string, number> {
  return scoreFields(INVOICE_TRUST, o, checks, base, caps);
}
