// Rendering and VAT rules without the flows around them: the VAT table and rounding, byte-identical
// re-renders, text (umlauts, €) extractable from the embedded font, and tables that run over several pages.
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { sampleInvoice } from '../../bench/documents/sample';
import type { StatementContent } from '../../src/modules/documents/content';
import { renderDocument } from '../../src/modules/documents/render';
import { formatAmount, splitGross, taxCountry, vatTreatment } from '../../src/modules/documents/vat';
import { textOf } from './fixtures';

const platform = { country_code: 'DE', vat_id: 'DE123456789' };

describe('VAT', () => {
  it('splits a gross amount into net (rounded half up) and VAT that add up to it', () => {
    expect(splitGross(450_000, 1900)).toEqual({ net: 378_151, vat: 71_849, gross: 450_000 });
    expect(splitGross(12_001, 1900)).toEqual({ net: 10_085, vat: 1_916, gross: 12_001 });
    expect(splitGross(119, 1900)).toEqual({ net: 100, vat: 19, gross: 119 });
    expect(splitGross(1_255, 2550)).toEqual({ net: 1_000, vat: 255, gross: 1_255 });
    expect(splitGross(-119, 1900)).toEqual({ net: -100, vat: -19, gross: -119 });
    expect(splitGross(5_000, 0)).toEqual({ net: 5_000, vat: 0, gross: 5_000 });
  });

  it('charges the supplier’s rate at home and reverse-charges between member states', () => {
    expect(vatTreatment(platform, { country_code: 'DE', vat_id: 'DE811234567' })).toMatchObject({
      mode: 'standard',
      rate_bps: 1900,
    });
    expect(vatTreatment(platform, { country_code: 'FR', vat_id: 'FR40303265045' })).toMatchObject({
      mode: 'reverse_charge',
      rate_bps: 0,
    });
    // Without a VAT ID the customer is charged the platform's VAT, wherever it is.
    expect(vatTreatment(platform, { country_code: 'NL', vat_id: null })).toMatchObject({ rate_bps: 1900 });
    expect(vatTreatment({ country_code: 'NL', vat_id: 'NL123456789B01' }, platform).mode).toBe(
      'reverse_charge',
    );
    expect(vatTreatment({ ...platform, small_business: true }, platform).mode).toBe('small_business');
    expect(taxCountry({ country_code: null, vat_id: 'EL123456789' })).toBe('GR');
    expect(taxCountry({ country_code: 'at', vat_id: null })).toBe('AT');
  });

  it('formats minor units the German way', () => {
    expect(formatAmount(450_000, 'eur')).toBe('4.500,00 €');
    expect(formatAmount(-1_250, 'usd')).toBe('-12,50 USD');
    expect(formatAmount(5, 'eur')).toBe('0,05 €');
  });
});

describe('rendering', () => {
  it('renders the same content to the same bytes', async () => {
    const render = () =>
      renderDocument('invoice', 'INV-2026-000007', '2026-11-01T06:00:00.000Z', sampleInvoice);
    const [a, b] = await Promise.all([render(), render()]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const later = await renderDocument(
      'invoice',
      'INV-2026-000007',
      '2026-11-02T06:00:00.000Z',
      sampleInvoice,
    );
    expect(Buffer.from(a).equals(Buffer.from(later))).toBe(false); // only the issue time differs
  });

  it('embeds its fonts: umlauts, ß and € come back as text', async () => {
    const bytes = await renderDocument(
      'invoice',
      'INV-2026-000008',
      '2026-11-01T06:00:00.000Z',
      sampleInvoice,
    );
    const text = await textOf(bytes);
    expect(text).toContain('Königsallee 1');
    expect(text).toContain('Friedrichstraße 123');
    expect(text).toContain('4.500,00 €');
    expect(new TextDecoder('latin1').decode(bytes)).toContain('/FontFile2');
  });

  it('runs a long statement over several pages, repeating the table header', async () => {
    const entries = Array.from({ length: 120 }, (_, i) => ({
      date: '2026-11-02',
      kind: 'payment',
      engagement: `Engagement ${i + 1}`,
      payment_id: `pay_${i}`,
      paid: 1_000,
      fee: 200,
      amount: 800,
    }));
    const content: StatementContent = {
      currency: 'eur',
      supplier: { ...sampleInvoice.provider },
      recipient: { ...sampleInvoice.seller },
      payout: { id: 'po_long', week: '2026-W45' },
      period: { start: '2026-11-02', end: '2026-11-08' },
      entries,
      fees: 24_000,
      vat: { mode: 'small_business', rate_bps: 0, note: 'Gemäß § 19 UStG' },
      totals: { net: 96_000, vat: 0, gross: 96_000 },
    };
    const bytes = await renderDocument('payout_statement', 'GS-0042', '2026-11-09T09:00:00.000Z', content);
    const pdf = await getDocumentProxy(bytes.slice());
    expect(pdf.numPages).toBeGreaterThanOrEqual(3);
    const text = await textOf(bytes);
    expect(text).toContain('Engagement 120');
    expect(text).toContain('960,00 €');
    expect(text.match(/Datum/g)?.length).toBe(pdf.numPages);
    expect(text).toContain(`${pdf.numPages} / ${pdf.numPages}`);
  });
});
