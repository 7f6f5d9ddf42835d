// What each check of the AI result means, in words a bookkeeper reads without knowing the engine: shown
// for the checks that failed, with the check's own detail after it. Unknown names fall back to the name.

const SENTENCES: Record<string, string> = {
  required_fields_present: 'Some fields an invoice must have were not found.',
  net_plus_vat_equals_gross: 'Net plus VAT does not add up to the gross amount.',
  vat_matches_rate: 'The VAT amount does not match the VAT rate applied to the net.',
  line_items_sum_to_net: 'The line items do not add up to the net amount.',
  line_items_arithmetic: 'A line item’s quantity times unit price is not its amount.',
  line_items_present: 'No line items were found.',
  iban_checksum: 'The IBAN as printed fails its checksum: probably a typo on the invoice or a misread digit.',
  vat_id_format: 'A VAT ID does not have the format of its country.',
  parties_distinct: 'The supplier and the recipient could not be told apart.',
  dates_plausible: 'The dates do not fit together.',
  duplicate_invoice: 'This invoice looks like one already processed.',
  rejection_addressed: 'This task was rejected before and reads the same way again.',
  text_layer: 'The PDF has little or no text layer (a scan?), so the reading is uncertain.',
  xml_matches_page: 'The embedded e-invoice data differs from what the page shows.',
  einvoice_readable: 'The embedded e-invoice could not be read.',
  ai_agrees_with_embedded: 'The AI reading disagrees with the embedded e-invoice data.',
  en16931_line_total: 'E-invoice: the line totals do not add up to the stated sum of lines.',
  en16931_tax_basis: 'E-invoice: the taxable amount does not follow from the lines, allowances and charges.',
  en16931_vat_total: 'E-invoice: the VAT total does not equal the sum of the VAT per category.',
  en16931_vat_per_category: 'E-invoice: the VAT of a category does not match its rate and taxable amount.',
  en16931_vat_breakdown_basis: 'E-invoice: the taxable amounts per VAT category do not add up to the net.',
  en16931_gross: 'E-invoice: the total without VAT plus VAT is not the total with VAT.',
  en16931_amount_due: 'E-invoice: the amount due does not follow from the total, prepaid and rounding.',
};

/** A plain sentence for a check; an unknown EN 16931 rule or new check still reads as words. */
export function checkSentence(name: string): string {
  const known = SENTENCES[name];
  if (known) return known;
  const words = name.replace(/^en16931_/, '').replaceAll('_', ' ');
  return name.startsWith('en16931_')
    ? `E-invoice: the EN 16931 rule on ${words} is not met.`
    : `Check “${words}” failed.`;
}
