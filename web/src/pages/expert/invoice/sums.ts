// The sums a bookkeeper checks on an invoice, recomputed as the expert types: the line items against the
// net, net + VAT against the gross, and each row's quantity × unit price against its amount. The same
// one-cent tolerance as the Worker's checks, so the page and the checks agree on what a mismatch is.
import { messagesOf } from '../../../i18n/define';
import { type InvoiceTexts, invoiceMessages } from './messages';

const TOLERANCE = 1;

export interface LineAmounts {
  quantity: number | null;
  unit_price: number | null;
  /** The row's printed discount in percent (wholesale tables), as the Worker reads it. */
  discount_percent?: number | null;
  amount: number | null;
}

export interface Totals {
  net: number | null;
  vat_amount: number | null;
  gross: number | null;
  /** Income tax withheld (IRPF, ritenuta): a total stated after it is net + VAT − it. */
  withholding?: number | null;
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

/** Net + VAT − withholding against a gross stated after the withholding (as the Worker accepts it). */
export function afterWithholdingVersusGross(totals: Totals): Comparison {
  const { net, vat_amount: vat, gross, withholding } = totals;
  if (!withholding) return { state: 'unknown' };
  return compare(net === null || vat === null ? null : net + vat - withholding, gross);
}

/** quantity × unit price (less the row's discount) against its amount; unknown when a factor is missing. */
export function rowArithmetic(item: LineAmounts): Comparison {
  if (item.quantity === null || item.unit_price === null) return { state: 'unknown' };
  const discount = 1 - (item.discount_percent ?? 0) / 100;
  return compare(item.amount, Math.round(item.quantity * item.unit_price * discount));
}

/**
 * The two totals lines in plain words of the dashboard's language (`m`), amounts written by `money` (the
 * document's own style).
 */
export function describeSums(
  items: LineAmounts[],
  totals: Totals,
  money: (minor: number) => string,
  m: InvoiceTexts = messagesOf(invoiceMessages),
) {
  const itemsCheck = itemsVersusNet(items, totals);
  const plain = netPlusVatVersusGross(totals);
  const afterWithholding = afterWithholdingVersusGross(totals);
  const withheld = plain.state === 'mismatch' && afterWithholding.state === 'match';
  const gross = withheld ? afterWithholding : plain;
  const against = totals.net === null ? 'gross' : 'net';
  return {
    items: {
      comparison: itemsCheck,
      text:
        itemsCheck.state === 'unknown'
          ? items.length === 0
            ? m.noItems
            : m.itemsWithoutNet
          : itemsCheck.state === 'match'
            ? m.itemsMatch(money(itemsCheck.actual), against)
            : m.itemsMismatch(
                money(itemsCheck.actual),
                against,
                money(itemsCheck.expected),
                money(Math.abs(itemsCheck.difference)),
                itemsCheck.difference > 0,
              ),
    },
    gross: {
      comparison: gross,
      text:
        gross.state === 'unknown'
          ? m.grossUnknown
          : gross.state === 'match'
            ? withheld
              ? m.grossMatchAfterWithholding(money(gross.actual))
              : m.grossMatch(money(gross.actual))
            : m.grossMismatch(money(gross.actual), money(gross.expected), money(Math.abs(gross.difference))),
    },
  };
}
