// Line items: the rows between a table header (description … amount) and the totals block.
import type { DocLine } from '../../text';
import { amountsIn, parseDecimal } from '../../text/amounts';
import { totalKind } from './totals';

export interface LineItemRow {
  description: string;
  quantity: number | null;
  unit_price: number | null;
  amount: number;
  line: DocLine;
}

const DESCRIPTION = /(Beschreibung|Bezeichnung|Leistung|Artikel|Position|Description|Item|Service|Details)/i;
const QUANTITY_OR_PRICE =
  /(Menge|Anzahl|Stunden|Std|Qty|Quantity|Hours|Units|Tage|Days|Einzelpreis|E-Preis|Preis|Unit\s*price|Rate|Price)/i;
const AMOUNT = /(Betrag|Gesamt|Summe|Amount|Total)/i;
const NUMBERED = /^\s*(Pos|Nr|#|No)\b/i;
const PAGE_FURNITURE =
  /^(Seite|Page)\s+\d+(\s+(von|of)\s+\d+)?$|^(Fortsetzung|continued)\b|Übertrag|carried\s+forward|brought\s+forward/i;
// A quantity closes the text before the unit price, optionally with a unit: "10 Std.", "2,5 h", "3 x".
const QUANTITY = /(?:^|\s)(\d+(?:[.,]\d+)?)\s*(?:[A-Za-zäöüÄÖÜ.²³]{1,10}\d?\s*)?[x×]?\s*$/;
const POSITION = /^\d{1,3}[.)]?\s+/;

const isHeader = (text: string) =>
  DESCRIPTION.test(text) && QUANTITY_OR_PRICE.test(text) && AMOUNT.test(text);

export function lineItems(lines: DocLine[]): LineItemRow[] {
  const header = lines.find((line) => isHeader(line.text) && amountsIn(line.text).length === 0);
  if (!header) return [];
  const numbered = NUMBERED.test(header.text);
  const rows: LineItemRow[] = [];
  // A numbered position whose amounts wrap onto the next line: "2  Material" / "   laut Aufstellung  1  412,30  412,30".
  let pending: string | null = null;
  for (const line of lines.slice(header.index + 1)) {
    const text = line.text.trim();
    const amounts = amountsIn(text);
    if (amounts.length > 0 && totalKind(text)) break; // the totals block ends the table
    if (text === '' || PAGE_FURNITURE.test(text) || isHeader(text)) continue;
    const row = parseRow(text, numbered);
    const previous = rows.at(-1);
    const words = text.replace(/\s+/g, ' ');
    if (row) {
      rows.push({ ...row, description: pending ? `${pending} ${row.description}` : row.description, line });
      pending = null;
    } else if (amounts.length === 0 && numbered && POSITION.test(text)) {
      pending = words.replace(POSITION, '');
    } else if (previous && amounts.length === 0 && previous.line.index === line.index - 1) {
      // A wrapped description continues on the very next line, without amounts.
      previous.description = `${previous.description} ${words}`;
    }
  }
  return rows;
}

function parseRow(text: string, numbered: boolean): Omit<LineItemRow, 'line'> | null {
  const amounts = amountsIn(text);
  const amount = amounts.at(-1);
  if (!amount) return null;
  const price = amounts.length >= 2 ? amounts.at(-2) : undefined;
  let before = text.slice(0, (price ?? amount).index).trim();
  let quantity: number | null = null;
  const qty = price ? QUANTITY.exec(before) : null;
  if (qty?.[1]) {
    quantity = parseDecimal(qty[1]);
    before = before.slice(0, qty.index).trim();
  }
  if (numbered) before = before.replace(POSITION, '');
  const description = before.replace(/\s+/g, ' ').trim();
  if (!description) return null;
  return { description, quantity, unit_price: price?.minor ?? null, amount: amount.minor };
}
