// The platform fee, in integer minor units. Rounding rule: half up on the fee, so the expert's share is
// `amount − fee` exactly and fee + share always equals the amount (no cent is created or lost). Refunds use
// the same rule on the cumulative refunded amount, so several partial refunds debit exactly what one refund
// of their total would.

const MAX_AMOUNT = Math.floor(Number.MAX_SAFE_INTEGER / 10_000);

/** Fee for `amount` at `bps` basis points (2000 = 20 %), rounded half up: 1 cent at 20 % of 3 is 1 (0.6 → 1). */
export function platformFee(amount: number, bps: number): number {
  // amount × bps must stay an exact integer in a double: up to 9 × 10^11 minor units, far above any payment.
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_AMOUNT) {
    throw new RangeError(`amount must be an integer from 0 to ${MAX_AMOUNT}: ${amount}`);
  }
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`bps must be 0–10000: ${bps}`);
  return Math.floor((amount * bps + 5_000) / 10_000);
}

/** What the expert is credited for `amount`. */
export const expertShare = (amount: number, bps: number) => amount - platformFee(amount, bps);

/** The expert's debit when the cumulative refunded amount goes from `before` to `after`. */
export const refundDebit = (before: number, after: number, bps: number) =>
  expertShare(after, bps) - expertShare(before, bps);
