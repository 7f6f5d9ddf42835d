// Charges and allowances on the whole invoice (freight, packing, a global discount, a professional fund's
// contribution such as Italy's Inarcassa 4 %), printed between the item rows and the net. EN 16931 books them
// as document-level allowances and charges; here they become rows of their own, so the rows add up to the net.
import type { DocLine } from '../../text';
import type { Found } from '../shared/labels';
import type { LineItemRow } from './line-items';
import { amounts, totalKind, WITHHOLDING } from './totals';

/** An allowance printed without its minus ("Rabatt 10 % 49,80"): it lowers the net all the same. */
const ALLOWANCE =
  /(Rabatt|Nachlass|Abzug|Discount|Remise|Escompte|Korting|Descuento|Bonificaci[óo]n|Sconto|Abbuono)/i;

/**
 * The labelled amounts from the item rows down to the line stating the net (or, for rows priced with VAT, the
 * gross): one amount each (an item row has a price and an amount, or opens with its position), other than
 * subtotals, VAT and income tax withheld. Kept only when with them the rows add up to that total exactly, and
 * only when without them they do not: a line that does not close the gap is no adjustment.
 */
export function adjustmentRows(
  lines: DocLine[],
  rows: LineItemRow[],
  totals: { net: Found<number> | null; gross: Found<number> | null },
): LineItemRow[] {
  const sum = rows.reduce((total, row) => total + row.amount, 0);
  const { net, gross } = totals;
  // Rows that already add up to a total need nothing; a shop's rows with VAT in close the gap to the gross.
  if ([net, gross].some((total) => total && Math.abs(sum - total.value) <= 1)) return [];
  const toNet = adjustmentsTo(lines, rows, sum, net);
  return toNet.length > 0 ? toNet : adjustmentsTo(lines, rows, sum, gross);
}

function adjustmentsTo(
  lines: DocLine[],
  rows: LineItemRow[],
  sum: number,
  total: Found<number> | null,
): LineItemRow[] {
  const last = rows.at(-1);
  if (!last || !total) return [];
  const found: LineItemRow[] = [];
  let running = sum;
  for (const line of lines.slice(last.line.index + 1)) {
    if (line.text.trim() === '') continue;
    const all = amounts(line.text);
    const amount = all.at(-1);
    if (!amount || all.length > 1 || POSITION.test(line.text)) return [];
    const label = line.text.slice(0, amount.index).replace(/\s+/g, ' ').trim();
    const kind = totalKind(label);
    // The total itself: the adjustments found close the gap exactly, or there are none.
    if ((kind === 'net' || kind === 'gross') && Math.abs(amount.minor - total.value) <= 1)
      return Math.abs(running - total.value) <= 1 ? found : [];
    if (amount.minor === running) continue; // a subtotal ("Warenwert netto", "Total HT brut", "Totale onorari")
    if (!/\p{L}{3}/u.test(label) || WITHHOLDING.test(label) || kind === 'vat') return [];
    const value = ALLOWANCE.test(label) ? -Math.abs(amount.minor) : amount.minor;
    found.push({ description: label, quantity: null, unit_price: null, amount: value, line });
    running += value;
  }
  return [];
}

/** An item row's position number ("21 Lizenz …"). */
const POSITION = /^\s*\d{1,3}[.)]?\s+\p{L}/u;
