// The fee rule on odd amounts, and the properties money must keep: nothing created or lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expertShare, platformFee, refundDebit } from '../../src/modules/payments/fee';

describe('platformFee', () => {
  it('rounds half up, in integer cents', () => {
    expect(platformFee(3, 2000)).toBe(1); // 0.6 → 1
    expect(platformFee(2, 2000)).toBe(0); // 0.4 → 0
    expect(platformFee(25, 2000)).toBe(5);
    expect(platformFee(5, 1000)).toBe(1); // exactly 0.5 → 1
    expect(platformFee(123_457, 2000)).toBe(24_691);
    expect(platformFee(99_999_999, 2000)).toBe(20_000_000);
    expect(platformFee(1001, 0)).toBe(0);
    expect(platformFee(1001, 10_000)).toBe(1001);
  });

  it('refuses fractional or negative amounts and impossible rates', () => {
    expect(() => platformFee(10.5, 2000)).toThrow(RangeError);
    expect(() => platformFee(-1, 2000)).toThrow(RangeError);
    expect(() => platformFee(100, 10_001)).toThrow(RangeError);
    expect(() => platformFee(1e12, 2000)).toThrow(RangeError); // amount × bps would not be exact
  });

  it('equals exact half-up rounding for every amount and rate, and the expert gets the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9e11 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        // Computed independently in exact integers: floor(amount × bps / 10000 + 1/2).
        const exact = Number((BigInt(amount) * BigInt(bps) * 2n + 10_000n) / 20_000n);
        expect(platformFee(amount, bps)).toBe(exact);
        expect(expertShare(amount, bps)).toBe(amount - exact);
      }),
    );
  });

  it('debits partial refunds that add up to exactly the share of one full refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 1e9 }),
        fc.array(fc.integer({ min: 1, max: 1e6 }), { maxLength: 10 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, steps, bps) => {
          let refunded = 0;
          let debited = 0;
          for (const step of steps) {
            const next = Math.min(amount, refunded + step);
            debited += refundDebit(refunded, next, bps);
            refunded = next;
          }
          expect(debited).toBe(expertShare(refunded, bps));
        },
      ),
    );
  });
});
