// A realistic invoice's content for the rendering benchmark (and a quick look at the layout).
import type { InvoiceContent } from '../../src/modules/documents/content';
import { splitGross, vatTreatment } from '../../src/modules/documents/vat';

const seller = {
  name: 'Engage Platform GmbH',
  lines: ['Friedrichstraße 123', '10117 Berlin', 'DE'],
  country_code: 'DE',
  vat_id: 'DE123456789',
  tax_number: null,
};
const buyer = {
  name: 'Acme GmbH',
  lines: ['Königsallee 1', '40212 Düsseldorf', 'DE'],
  country_code: 'DE',
  vat_id: 'DE987654321',
  tax_number: null,
};
const vat = vatTreatment(seller, buyer);

export const sampleInvoice: InvoiceContent = {
  currency: 'eur',
  seller,
  buyer,
  provider: {
    name: 'Anna Berger',
    lines: ['Lindenstraße 5', '80331 München', 'DE'],
    country_code: 'DE',
    vat_id: null,
    tax_number: '143/123/45678',
  },
  engagement: { id: 'eng_01JABCDEFGHJKMNPQRSTVWXYZ0', title: 'Tender desk' },
  period: { start: '2026-11-01', end: '2026-11-30' },
  payment_id: 'pay_01JABCDEFGHJKMNPQRSTVWXYZ0',
  description: 'Tender desk: 2026-11-01 to 2026-11-30 (Anna Berger)',
  vat,
  totals: splitGross(450000, vat.rate_bps),
};
