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
 * The labelled amounts right above the net, up from it to the item rows: one amount each (an item row has a
 * price and an amount, or opens with its position), other than a subtotal of the rows, VAT and income tax
 * withheld. Kept only when with them the rows add up to the net exactly, and only when without them they do not:
 * a line that does not close that gap is no adjustment, and rows the item reader missed never pass for one.
 */
export function adjustmentRows(
  lines: DocLine[],
  rows: LineItemRow[],
  net: Found<number> | null,
): LineItemRow[] {
  const last = rows.at(-1);
  if (!last || !net || net.line.index <= last.line.index) return [];
  const sum = rows.reduce((total, row) => total + row.amount, 0);
  if (Math.abs(sum - net.value) <= 1) return [];
  const found: LineItemRow[] = [];
  for (const line of lines.slice(last.line.index + 1, net.line.index).reverse()) {
    if (line.text.trim() === '') continue;
    const all = amounts(line.text);
    const amount = all.at(-1);
    if (!amount || all.length > 1 || POSITION.test(line.text)) break;
    if (amount.minor === sum) continue; // a subtotal of the rows ("Warenwert netto", "Total HT brut")
    const label = line.text.slice(0, amount.index).replace(/\s+/g, ' ').trim();
    if (!/\p{L}{3}/u.test(label) || WITHHOLDING.test(label) || totalKind(label) === 'vat') break;
    const value = ALLOWANCE.test(label) ? -Math.abs(amount.minor) : amount.minor;
    found.unshift({ description: label, quantity: null, unit_price: null, amount: value, line });
  }
  const adjusted = sum + found.reduce((total, row) => total + row.amount, 0);
  return found.length > 0 && Math.abs(adjusted - net.value) <= 1 ? found : [];
}

/** An item row's position number ("21 Lizenz …"). */
const POSITION = /^\s*\d{1,3}[.)]?\s+\p{L}/u;
