// The review form's plain logic — amounts in each document language's style and back, the live sums, the
// IBAN check, the check sentences, each in English and German — run in Node beside the browser flows: the
// dashboard has no unit-test setup of its own (the root vitest config runs inside workerd, for the Worker).
import { describe, expect, it } from 'vitest';
import { messagesOf } from '../../web/src/i18n/define';
import { checkSentence } from '../../web/src/pages/expert/check-sentences';
import { ibanProblem } from '../../web/src/pages/expert/invoice/iban';
import { setIn, withoutRowErrors, withSingleRateBreakdown } from '../../web/src/pages/expert/invoice/invoice';
import { invoiceMessages } from '../../web/src/pages/expert/invoice/messages';
import { readAmount, readQuantity } from '../../web/src/pages/expert/invoice/numbers';
import { describeSums, rowArithmetic } from '../../web/src/pages/expert/invoice/sums';
import { formatAmount, formatQuantity, parseAmount, parseQuantity } from '../../web/src/ui/amounts';

const value = (parsed: ReturnType<typeof parseAmount>) => (parsed.ok ? parsed.value : parsed.reason);
const english = messagesOf(invoiceMessages, 'en');
const german = messagesOf(invoiceMessages, 'de');
const refusal = (checked: ReturnType<typeof readAmount>) => (checked.ok ? checked.value : checked.error);

describe('amounts in the document’s number style', () => {
  it('formats minor units as major units per language', () => {
    expect(formatAmount(123456, 'eur', 'de')).toBe('1.234,56');
    expect(formatAmount(123456, 'gbp', 'en')).toBe('1,234.56');
    expect(formatAmount(123456, 'eur', 'fr')).toBe('1\u00a0234,56');
    for (const language of ['nl', 'es', 'it']) expect(formatAmount(123456, 'eur', language)).toBe('1.234,56');
    expect(formatAmount(-100000050, 'eur', 'de')).toBe('-1.000.000,50');
    expect(formatAmount(5, 'eur', 'de')).toBe('0,05');
    expect(formatAmount(1234, 'jpy', 'en')).toBe('1,234');
    expect(formatQuantity(12.5, 'de')).toBe('12,5');
    expect(formatQuantity(40, 'de')).toBe('40');
  });

  it('parses either separator style back to minor units', () => {
    expect(value(parseAmount('1.234,56', 'eur', 'de'))).toBe(123456);
    expect(value(parseAmount('1,234.56', 'eur', 'de'))).toBe(123456);
    expect(value(parseAmount('1234,5', 'eur', 'en'))).toBe(123450);
    expect(value(parseAmount('1 234,56', 'eur', 'fr'))).toBe(123456);
    expect(value(parseAmount('1\u202f234,56', 'eur', 'fr'))).toBe(123456);
    expect(value(parseAmount('-235,50', 'eur', 'de'))).toBe(-23550);
    // One separator before three digits groups thousands: cents have two digits.
    expect(value(parseAmount('1.234', 'eur', 'en'))).toBe(123400);
    expect(value(parseAmount('1,234', 'eur', 'de'))).toBe(123400);
    expect(value(parseAmount('10138,25', 'eur', 'de'))).toBe(1013825);
    expect(value(parseAmount('1,234', 'jpy', 'en'))).toBe(1234);
  });

  it('refuses what is not an amount, worded in the reader’s language with an example in the document’s', () => {
    for (const text of ['abc', '10.1x', '1,2,3', '12.34.56', '1.2345', '1,234.567', '--5', ''])
      expect(parseAmount(text, 'eur', 'de').ok, text).toBe(false);
    expect(value(parseAmount('99999999999999999', 'eur', 'de'))).toBe('too_large');
    expect(refusal(readAmount('abc', 'eur', 'de', english))).toBe(
      'Not an amount: type digits, e.g. 1.234,56, at most 2 decimals',
    );
    expect(refusal(readAmount('abc', 'eur', 'en', german))).toBe(
      'Kein Betrag: Geben Sie Ziffern ein, z. B. 1,234.56, höchstens 2 Nachkommastellen',
    );
    expect(refusal(readAmount('abc', 'jpy', 'de', english))).toBe('Not an amount: type digits, e.g. 1.235');
    expect(refusal(readQuantity('zwei', 'de', german))).toBe(
      'Keine Menge: Geben Sie eine Zahl ein, z. B. 2,5',
    );
  });

  it('reads quantities by the document’s style where a separator is ambiguous', () => {
    expect(value(parseQuantity('12,5', 'de'))).toBe(12.5);
    expect(value(parseQuantity('1.500', 'de'))).toBe(1500);
    expect(value(parseQuantity('1.500', 'en'))).toBe(1.5);
    expect(parseQuantity('zwei', 'de').ok).toBe(false);
  });
});

describe('live sums', () => {
  const money = (minor: number) => formatAmount(minor, 'eur', 'de');
  const items = [
    { quantity: 1, unit_price: 68000, amount: 68000 },
    { quantity: 6, unit_price: 6800, amount: 40800 },
  ];

  it('says the items match the net and net + VAT misses the gross, by how much', () => {
    const sums = describeSums(items, { net: 108800, vat_amount: 20672, gross: 134972 }, money);
    expect(sums.items.comparison.state).toBe('match');
    expect(sums.gross.comparison.state).toBe('mismatch');
    expect(sums.gross.text).toBe('Net + VAT is 1.294,72, but the gross is 1.349,72: a difference of 55,00.');
    const inGerman = describeSums(items, { net: 108800, vat_amount: 20672, gross: 134972 }, money, german);
    expect(inGerman.gross.text).toBe(
      'Netto + USt. ergibt 1.294,72, der Bruttobetrag ist aber 1.349,72: eine Differenz von 55,00.',
    );
    expect(inGerman.items.text).toBe('Die Positionen ergeben 1.088,00, das entspricht dem Nettobetrag.');
  });

  it('compares the items with the gross on a VAT-free invoice, and tolerates one cent', () => {
    const sums = describeSums(items, { net: null, vat_amount: 0, gross: 108801 }, money);
    expect(sums.items.comparison.state).toBe('match');
    expect(sums.items.text).toContain('matches the gross');
    const short = describeSums(items.slice(0, 1), { net: null, vat_amount: 0, gross: 108800 }, money, german);
    expect(short.items.text).toBe(
      'Die Positionen ergeben 680,00, der Bruttobetrag ist aber 1.088,00: 408,00 fehlen.',
    );
  });

  it('checks quantity × unit price per row', () => {
    expect(rowArithmetic({ quantity: 12.5, unit_price: 12000, amount: 150000 }).state).toBe('match');
    expect(rowArithmetic({ quantity: 2, unit_price: 95000, amount: 100000 }).state).toBe('mismatch');
    expect(rowArithmetic({ quantity: null, unit_price: 95000, amount: 100000 }).state).toBe('unknown');
  });

  it('accepts a total stated after the income tax withheld, and says so', () => {
    const totals = { net: 142000, vat_amount: 29820, gross: 150520, withholding: 21300 };
    const sums = describeSums([], totals, money);
    expect(sums.gross.comparison.state).toBe('match');
    expect(sums.gross.text).toBe(
      'Net + VAT − the income tax withheld is 1.505,20, which matches the total stated.',
    );
    expect(describeSums([], { ...totals, withholding: 20000 }, money).gross.comparison.state).toBe(
      'mismatch',
    );
  });

  it('allows for a row’s printed discount, as the Worker does', () => {
    const row = { quantity: 6, unit_price: 2495, amount: 14222 };
    expect(rowArithmetic({ ...row, discount_percent: 5 }).state).toBe('match');
    expect(rowArithmetic(row)).toMatchObject({ state: 'mismatch', expected: 14970 });
  });
});

describe('edits of the output', () => {
  it('replaces nested values without touching the original', () => {
    const original = { supplier: { name: 'A', vat_id: null }, line_items: [{ amount: 1 }, { amount: 2 }] };
    const edited = setIn(setIn(original, 'supplier.name', 'B'), 'line_items.1.amount', 3);
    expect(edited).toEqual({
      supplier: { name: 'B', vat_id: null },
      line_items: [{ amount: 1 }, { amount: 3 }],
    });
    expect(original.supplier.name).toBe('A');
    expect(original.line_items[1]?.amount).toBe(2);
  });

  it('moves the errors of the rows below a removed one up', () => {
    const invalid = {
      'line_items.0.amount': 'a',
      'line_items.1.amount': 'b',
      'line_items.2.quantity': 'c',
      net: 'd',
    };
    expect(withoutRowErrors(invalid, 1)).toEqual({
      'line_items.0.amount': 'a',
      'line_items.1.quantity': 'c',
      net: 'd',
    });
  });

  it('keeps a one-rate VAT breakdown in step with the totals, and leaves several rates alone', () => {
    const one = {
      net: 200,
      vat_rate: 7,
      vat_amount: 14,
      vat_breakdown: [{ category: 'S', rate: 19, net: 100, vat: 19 }],
    };
    expect(withSingleRateBreakdown(one).vat_breakdown).toEqual([
      { category: 'S', rate: 7, net: 200, vat: 14 },
    ]);
    const two = { net: 200, vat_breakdown: [{ net: 100 }, { net: 100 }] };
    expect(withSingleRateBreakdown(two)).toBe(two);
  });
});

describe('IBAN and check sentences', () => {
  it('tells a mistyped IBAN from a valid one', () => {
    expect(ibanProblem('GB29NWBK60161331926819')).toBeNull();
    expect(ibanProblem('GB29NWBK60161331928619', english)).toContain('checksum');
    expect(ibanProblem('DE89', english)).toContain('Not an IBAN');
    expect(ibanProblem('GB29NWBK60161331928619', german)).toContain('Prüfsumme');
    expect(ibanProblem('DE89', german)).toContain('Keine IBAN');
  });

  it('words every check, known or not', () => {
    expect(checkSentence('iban_checksum', 'en')).toContain('IBAN');
    expect(checkSentence('en16931_new_rule', 'en')).toBe(
      'E-invoice: the EN 16931 rule on new rule is not met.',
    );
    expect(checkSentence('something_new', 'en')).toBe('Check “something new” failed.');
    expect(checkSentence('net_plus_vat_equals_gross', 'de')).toBe(
      'Netto plus USt. ergibt nicht den Bruttobetrag.',
    );
    expect(checkSentence('something_new', 'de')).toBe('Die Prüfung „something new“ ist fehlgeschlagen.');
    expect(checkSentence('constructor', 'en')).toBe('Check “constructor” failed.');
  });
});
