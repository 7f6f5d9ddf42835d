// What one cell of an item row holds, read on its own: money (spaced thousands too), a quantity, a discount in
// percent, a tax rate, a unit, an article code, a period line. The row readers in ./line-items decide which
// cell is which; these only read them.
import { amountsIn, parseDecimal } from '../../text/amounts';
import { datesIn } from '../../text/dates';

/**
 * A line that is only a date range: "01.07.2025 – 31.07.2025", "Jul 1, 2025 – Jul 31, 2025", or with the year
 * printed once at the end ("Jul 1 – Jul 31, 2025", borrowed by the start).
 */
export function periodLine(text: string): { from: string; to: string } | null {
  // Its label may open it: "Periodo de servicio: 2026-03-01 – 2027-02-28", "Service period: …", "Zeitraum: …".
  const unlabelled = text.trim().replace(/^\p{L}[\p{L} ]{2,30}:\s*(?=\d)/u, '');
  // Each separator in turn: the dashes inside an ISO date ("2026-03-01") are none, the one between the dates is.
  for (const separator of unlabelled.matchAll(/\s*(?:–|—|-|\s(?:to|bis|au|tot|t\/m|al|a)\s)\s*/gi)) {
    const start = unlabelled.slice(0, separator.index);
    const end = unlabelled.slice(separator.index + separator[0].length);
    const to = datesIn(end, { monthFirst: /^\p{L}/u.test(end) })[0];
    if (to?.index !== 0) continue;
    const from =
      datesIn(start, { monthFirst: /^\p{L}/u.test(start) })[0] ??
      datesIn(`${start}, ${to.iso.slice(0, 4)}`, { monthFirst: true })[0];
    if (from?.index !== 0 || from.iso > to.iso) continue;
    return { from: from.iso.slice(0, 10), to: to.iso.slice(0, 10) };
  }
  return null;
}

/** A cell that only states a row's tax rate: "IVA 21%", "21 %", "BTW 9%", "VAT 20%". */
const TAX_CELL =
  /^\s*(?:IVA|VAT|BTW|TVA|MwSt\.?|USt\.?|GST|IGST|CGST|SGST)?\s*\d{1,2}(?:[.,]\d{1,2})?\s?%\s*$/i;

export const withoutTaxCells = (text: string) =>
  text
    .split('\t')
    .filter((cell) => !TAX_CELL.test(cell))
    .join('\t');

/**
 * The money in a price or amount cell. One cell holds one value, so a space grouping thousands ("2 400,00 €",
 * French and Swiss style) is read as such: the quantity has its own column.
 */
export function cellMoney(text: string): { minor: number } | null {
  const spaced = amountsIn(text, { spacedThousands: true });
  if (spaced.length === 1 && amountsIn(text).length === 1) return spaced[0] ?? null;
  return amountsIn(text).at(-1) ?? plainMoney(text);
}

/** A discount cell: "5", "5,00", "10 %"; an empty cell or 0 is no discount. */
export function percentOf(text: string): number | null {
  const number = /^(\d{1,2}(?:[.,]\d{1,2})?)\s?%?$/.exec(text.trim())?.[1];
  const percent = number ? parseDecimal(number) : null;
  return percent && percent > 0 && percent < 100 ? percent : null;
}

/** An article code's shape: capitals and digits in parts joined by dashes, dots or slashes ("ST-FS131", "WP-HEG"). */
const CODE = '[A-Z0-9]+(?:[-./][A-Z0-9]+)+';
/** An article code opening a description ("ST-FS131 STIHL FS 131 bosmaaier"). */
export const ARTICLE_CODE = new RegExp(String.raw`^(${CODE})\s+(?=\S)`);
/** A text that is only an article code, such as a name read from an item table ("PR24-KG"). */
const ONLY_CODE = new RegExp(`^${CODE}$`);
export const isArticleCode = (text: string) => ONLY_CODE.test(text.trim());

/** A leading article code: capitals, digits and dashes, no lower-case letter ("FOR-ECO", "MSP-WP", "DEP"). */
export const CODE_WORD = /^([A-Z0-9][A-Z0-9._/-]{1,15})\s+(?=\S)/;

/** A unit of measure alone in its cell: "mq", "m²", "Stk.", "pz", "h", "ore", "u.", "forfait", "pers.". */
export const UNIT_CELL =
  /^(?:mq|m[²³23]?|mt|ml|lfm|km|kg|g|t|l|lt|h|hrs?|std\.?|stk\.?|st\.?|pz\.?|pcs?\.?|u\.?|ud[s]?\.?|nr\.?|n\.?|ore|uur|days?|tage?|giorni|jours?|d[íi]as?|forfait|pauschal|psch\.?|set|cad\.?|pers\.?|lic\.?)$/i;

/**
 * A unit that names a flat amount ("1 pauschal", "1 forfait", "1 lump sum", "1 a corpo"): a row with it and no
 * unit price is a lump sum, booked without quantity or unit price like one printed without a quantity.
 */
export const FLAT_UNIT =
  /(?:^|\s)(?:pauschal|pauschale|psch\.?|pschl\.?|pausch\.?|forfait(?:aire)?|lump\s?sum|flat(?:\s?rate)?|a\s?corpo|forfettari[oa]|tanto\s?alzado|global)\s*$/i;

/** One token with a digit in it: a position or article number ("3", "978-84-1", "PAP-010"). */
export const CODE_CELL = /^[^\s]*\d[^\s]*$/;

/** A price without decimals or currency ("950"), or to four places ("9,9000"): in a price column, money. */
export function plainMoney(text: string): { minor: number } | null {
  const trimmed = text.trim();
  // A unit price printed to four places ("9,9000", "0.5500"): money when the places past the cent are zeros.
  const fine = /^(-?\d+)[.,](\d{2})00$/.exec(trimmed);
  if (fine) return { minor: Number(`${fine[1]}${fine[2]}`) };
  const match = /^-?\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})*$|^-?\d+$/.exec(trimmed);
  return match ? { minor: Number(text.replace(/[^\d-]/g, '')) * 100 } : null;
}

/**
 * "12", "2,5", "2 u.", "10 Std.", "1.000" (grouped thousands, as quantities are printed in Europe); "-2 Stk."
 * on a returned item (a credit note's rows); "× 2" as shops print it.
 */
export function quantityOf(text: string): number | null {
  const match = /^(?:[x×]\s?)?([-−]\s?)?(\d{1,3}(?:[.,'\u00a0 ]\d{3})+|\d+(?:[.,]\d+)?)/.exec(text.trim());
  const number = match?.[2];
  if (!number) return null;
  const sign = match?.[1] ? -1 : 1;
  if (/^\d{1,3}(?:[.,'\u00a0 ]\d{3})+$/.test(number)) return sign * Number(number.replace(/\D/g, ''));
  const value = parseDecimal(number);
  return value === null ? null : sign * value;
}
