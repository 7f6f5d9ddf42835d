// The control characters of Spanish tax numbers, which decide whether an unlabelled one is read at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareNationalVatId, spanishCheckOk } from '../../src/lib/vat-id';

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

describe('Spanish tax numbers', () => {
  it('accepts a person’s NIF only with the letter its number gives, and no other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const digits = String(n).padStart(8, '0');
        const right = NIF_LETTERS[n % 23] ?? '';
        expect(spanishCheckOk(`${digits}${right}`)).toBe(true);
        const wrong = NIF_LETTERS[(n + 1) % 23] ?? '';
        expect(spanishCheckOk(`${digits}${wrong}`)).toBe(false);
      }),
    );
  });

  it('accepts a company’s CIF with its control digit, and rejects each other digit', () => {
    // Real registered CIFs (public registries) and one changed in its control digit.
    for (const cif of ['A28015865', 'B86123452', 'A41276395', 'B93154284'])
      expect(spanishCheckOk(cif)).toBe(true);
    const controls = Array.from({ length: 10 }, (_, d) => spanishCheckOk(`A2801586${d}`));
    expect(controls.filter(Boolean)).toHaveLength(1);
  });

  it('reads a bare number only in the Spanish form, letters included', () => {
    expect(bareNationalVatId(' B86123452 ')).toBe('ESB86123452');
    expect(bareNationalVatId('86123452')).toBeNull();
    expect(bareNationalVatId('03829150378')).toBeNull();
    expect(bareNationalVatId('Rechnung')).toBeNull();
  });
});
