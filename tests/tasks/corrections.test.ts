import { describe, expect, it } from 'vitest';
import { correctedFields } from '../../src/modules/tasks/corrections';

const invoice = {
  invoice_number: 'RE-1',
  net: 100000,
  supplier: { name: 'ACME', vat_id: 'DE123456789' },
  service_period: null,
  line_items: [{ description: 'Beratung', amount: 100000, source: { page: 1, line: 9, text: '…' } }],
  source: { invoice_number: { page: 1, line: 3, text: 'Rechnungsnummer: RE-1' } },
};

describe('correctedFields', () => {
  it('finds nothing when nothing changed, however the keys are ordered', () => {
    const reordered = Object.fromEntries(Object.entries(invoice).reverse());
    expect(correctedFields(invoice, reordered)).toEqual([]);
  });

  it('names changed leaves by their path', () => {
    const after = { ...invoice, net: 100100, supplier: { ...invoice.supplier, vat_id: 'DE999999999' } };
    expect(correctedFields(invoice, after)).toEqual(['net', 'supplier.vat_id']);
  });

  it('ignores where values were found: source, field_confidence and boxes', () => {
    const after = {
      ...invoice,
      source: {},
      field_confidence: { net: 40 },
      boxes: { net: { page: 1, x: 0, y: 0, w: 1, h: 1 } },
      line_items: [{ ...invoice.line_items[0], source: { page: 2, line: 1, text: 'x' } }],
    };
    expect(correctedFields(invoice, after)).toEqual([]);
  });

  it('counts a list as one field when any row changed, was added or removed', () => {
    const [item] = invoice.line_items;
    expect(correctedFields(invoice, { ...invoice, line_items: [{ ...item, amount: 1 }] })).toEqual([
      'line_items',
    ]);
    expect(correctedFields(invoice, { ...invoice, line_items: [item, item] })).toEqual(['line_items']);
    expect(correctedFields(invoice, { ...invoice, line_items: [] })).toEqual(['line_items']);
  });

  it('treats a missing value as null, and names the leaves of an object that appears or goes', () => {
    const { service_period: _, ...without } = invoice;
    expect(correctedFields(invoice, without)).toEqual([]);
    const filled = { ...invoice, service_period: { from: '2026-10-01', to: '2026-10-31' } };
    expect(correctedFields(invoice, filled)).toEqual(['service_period.from', 'service_period.to']);
    expect(correctedFields(filled, invoice)).toEqual(['service_period.from', 'service_period.to']);
  });

  it('reads every field of an output that had none before as corrected', () => {
    expect(correctedFields(null, { invoice_number: 'RE-1', supplier: { vat_id: 'DE1' } })).toEqual([
      'invoice_number',
      'supplier.vat_id',
    ]);
  });
});
