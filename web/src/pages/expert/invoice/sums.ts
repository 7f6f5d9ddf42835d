// The sums a bookkeeper checks on an invoice, recomputed as the expert types: the line items against the
// net, net + VAT against the gross, and each row's quantity × unit price against its amount. The same
// one-cent tolerance as the Worker's checks, so the page and the checks agree on what a mismatch is.

const TOLERANCE = 1;

export interface LineAmounts {
  quantity: number | null;
  unit_price: number | null;
  amount: number | null;
}

export interface Totals {
  net: number | null;
  vat_amount: number | null;
  gross: number | null;
}

export type Comparison =
  | { state: 'unknown' }
  | { state: 'match' | 'mismatch'; actual: number; expected: number; difference: number };

function compare(actual: number | null, expected: number | null): Comparison {
  if (actual === null || expected === null) return { state: 'unknown' };
  const difference = actual - expected;
  return { state: Math.abs(difference) <= TOLERANCE ? 'match' : 'mismatch', actual, expected, difference };
}

/** Sum of the rows' amounts; null without rows (nothing to compare). */
export function itemsTotal(items: LineAmounts[]): number | null {
  if (items.length === 0) return null;
  return items.reduce((total, item) => total + (item.amount ?? 0), 0);
}

/** Items against the net; with no net on a VAT-free invoice, against the gross (as the Worker checks). */
export function itemsVersusNet(items: LineAmounts[], totals: Totals): Comparison {
  const target = totals.net ?? (totals.vat_amount === 0 ? totals.gross : null);
  return compare(itemsTotal(items), target);
}

export function netPlusVatVersusGross(totals: Totals): Comparison {
  const { net, vat_amount: vat, gross } = totals;
  return compare(net === null || vat === null ? null : net + vat, gross);
}

/** quantity × unit price against the row's amount; unknown when either factor is missing. */
export function rowArithmetic(item: LineAmounts): Comparison {
  if (item.quantity === null || item.unit_price === null) return { state: 'unknown' };
  return compare(item.amount, Math.round(item.quantity * item.unit_price));
}

/** The two totals lines in plain words, amounts written by `money` (the document's own style). */
export function describeSums(items: LineAmounts[], totals: Totals, money: (minor: number) => string) {
  const itemsCheck = itemsVersusNet(items, totals);
  const gross = netPlusVatVersusGross(totals);
  const itemsLabel = totals.net === null ? 'the gross' : 'the net';
  return {
    items: {
      comparison: itemsCheck,
      text:
        itemsCheck.state === 'unknown'
          ? items.length === 0
            ? 'No line items to add up.'
            : 'Line items total: no net to compare with.'
          : itemsCheck.state === 'match'
            ? `Line items add up to ${money(itemsCheck.actual)}, which matches ${itemsLabel}.`
            : `Line items add up to ${money(itemsCheck.actual)}, but ${itemsLabel} is ${money(itemsCheck.expected)}: ` +
              `${money(Math.abs(itemsCheck.difference))} ${itemsCheck.difference > 0 ? 'too much' : 'missing'}.`,
    },
    gross: {
      comparison: gross,
      text:
        gross.state === 'unknown'
          ? 'Net + VAT: net, VAT or gross is missing.'
          : gross.state === 'match'
            ? `Net + VAT is ${money(gross.actual)}, which matches the gross.`
            : `Net + VAT is ${money(gross.actual)}, but the gross is ${money(gross.expected)}: ` +
              `a difference of ${money(Math.abs(gross.difference))}.`,
    },
  };
}
