// The fields an invoice reading is scored on: their weights (see the top of ctax.ts) and which are required.
// Shared by the text engine and the e-invoice reader, so a missing required field is named the same way.
import type { FieldScore } from '../shared/confidence';
import type { InvoiceOutput } from './schema';

export function coverage(o: InvoiceOutput, mixedRates: boolean): Record<string, FieldScore> {
  return {
    invoice_number: { weight: 15, found: o.invoice_number !== null, required: true },
    issue_date: { weight: 10, found: o.issue_date !== null, required: true },
    'supplier.name': { weight: 10, found: o.supplier.name !== null, required: true },
    currency: { weight: 10, found: o.currency !== null, required: true },
    gross: { weight: 20, found: o.gross !== null, required: true },
    net: { weight: 8, found: o.net !== null },
    vat_amount: { weight: 7, found: o.vat_amount !== null },
    vat_rate: { weight: 3, found: o.vat_rate !== null || mixedRates },
    'recipient.name': { weight: 5, found: o.recipient.name !== null },
    iban: { weight: 4, found: o.iban !== null },
    'supplier.vat_id': { weight: 3, found: o.supplier.vat_id !== null },
    service_date: { weight: 2, found: o.service_date !== null || o.service_period !== null },
    line_items: { weight: 3, found: o.line_items.length > 0 },
  };
}
