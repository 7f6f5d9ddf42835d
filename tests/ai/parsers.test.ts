// The small readers the engines are built from: amounts, dates, IBANs, VAT IDs.
import { describe, expect, it } from 'vitest';
import { vatIdFormatValid } from '../../src/lib/vat-id';
import { amountsIn, percentsIn } from '../../src/modules/ai/text/amounts';
import { datesIn, monthPeriodIn } from '../../src/modules/ai/text/dates';
import { ibansIn, validIban } from '../../src/modules/ai/text/iban';
import { vatIdIn } from '../../src/modules/ai/text/vat-id';

const minors = (line: string) => amountsIn(line).map((a) => [a.minor, a.currency]);

describe('amountsIn', () => {
  it('reads German and English number formats as minor units with their currency', () => {
    expect(minors('Gesamtbetrag 1.234,56 €')).toEqual([[123456, 'eur']]);
    expect(minors('Total £1,234.56')).toEqual([[123456, 'gbp']]);
    expect(minors("USD 99.5 / CHF 12'500.00 / 7,00 EUR")).toEqual([
      [9950, 'usd'],
      [1250000, 'chf'],
      [700, 'eur'],
    ]);
    expect(minors('Auftragswert 450.000 EUR, ca. 1,5 Mio. EUR')).toEqual([
      [45000000, 'eur'],
      [150000000, 'eur'],
    ]);
  });

  it('leaves out quantities, years, dates, percentages and account numbers', () => {
    expect(minors('Pos 3: 12 Std. im Jahr 2024, am 12.03.2024, 19 % auf DE89 3704 0044')).toEqual([]);
    expect(minors('Rabatt -50,00 €')).toEqual([[-5000, 'eur']]);
  });

  it('reads percentages', () => {
    expect(percentsIn('zzgl. 19 % USt. und 7,5% Gebühr')).toEqual([19, 7.5]);
  });
});

describe('datesIn', () => {
  const isos = (line: string) => datesIn(line).map((d) => d.iso);

  it('reads German, English and ISO dates, with times where given', () => {
    expect(isos('Datum: 05.03.2024')).toEqual(['2024-03-05']);
    expect(isos('10. Mai 2024 und 1. März 25')).toEqual(['2024-05-10']);
    expect(isos('5 April 2024, April 4, 2025 at 5:00 pm')).toEqual(['2024-04-05', '2025-04-04T17:00']);
    expect(isos('Angebotsfrist: 07.04.2025, 10:00 Uhr; 2025-01-02T08:30')).toEqual([
      '2025-04-07T10:00',
      '2025-01-02T08:30',
    ]);
    expect(isos('bis 15.5.2025 12 Uhr')).toEqual(['2025-05-15T12:00']);
  });

  it('reads slashes day-first unless only month-first makes a date', () => {
    expect(isos('03/04/2024')).toEqual(['2024-04-03']);
    expect(isos('03/14/2024')).toEqual(['2024-03-14']);
  });

  it('rejects impossible dates', () => {
    expect(isos('31.02.2024 and 2023-13-01')).toEqual([]);
  });

  it('reads a month as a period', () => {
    expect(monthPeriodIn('Februar 2024')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
  });
});

describe('IBANs', () => {
  it('accepts valid IBANs printed in groups and rejects a swapped digit', () => {
    expect(validIban('DE89370400440532013000')).toBe(true);
    expect(validIban('GB29NWBK60161331926819')).toBe(true);
    expect(validIban('GB29NWBK60161331928619')).toBe(false);
    expect(ibansIn('IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX')).toEqual([
      { iban: 'DE89370400440532013000', valid: true, index: 6 },
    ]);
  });

  it('does not take a creditor reference for an IBAN', () => {
    expect(ibansIn('Verwendungszweck RF18 5390 0754 7034')).toEqual([]);
  });
});

describe('VAT IDs', () => {
  it('checks the format per country', () => {
    for (const id of [
      'DE123456789',
      'ATU12345678',
      'GB123456789',
      'GB123456789012',
      'FRXX123456789',
      'NL123456789B01',
      'CHE123456789MWST',
      'GBGD123', // UK government department (GD000–GD499)
      'GBHA599', // UK health authority (HA500–HA999)
    ]) {
      expect(vatIdFormatValid(id), id).toBe(true);
    }
    for (const id of ['DE12345678', 'AT12345678', 'GB12345678', 'XX123456789', 'GBGD999', 'GBHA123'])
      expect(vatIdFormatValid(id), id).toBe(false);
  });

  it('reads a spaced VAT ID and stops before the next word', () => {
    expect(vatIdIn(': GB 123 4567 89 Company No 0123')).toEqual({ id: 'GB123456789', valid: true });
    expect(vatIdIn('DE 12345678')).toEqual({ id: 'DE12345678', valid: false });
  });
});
