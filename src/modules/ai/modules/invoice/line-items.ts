// Line items: the rows between a table header (description … amount) and the totals block.
import type { DocLine } from '../../text';
import { amountsIn, parseDecimal } from '../../text/amounts';
import { columnOf, overlap, type Span } from '../../text/spans';
import {
  ARTICLE_CODE,
  CODE_CELL,
  CODE_WORD,
  cellMoney,
  FLAT_UNIT,
  isArticleCode,
  percentOf,
  periodLine,
  quantityOf,
  UNIT_CELL,
  withoutTaxCells,
} from './item-cells';
import { DESCRIPTION, QUANTITY } from './item-columns';
import { totalKind } from './totals';

export interface LineItemRow {
  description: string;
  quantity: number | null;
  unit_price: number | null;
  /** The period a row bills, printed on a line of its own under it ("Jul 1 – Jul 31, 2025"). */
  period?: { from: string; to: string };
  /** The row's own discount in percent, where the table has a discount column and the row fills it. */
  discount_percent?: number;
  amount: number;
  line: DocLine;
}

/** What a row's quantity, unit price and discount come to (to the cent); null without quantity or price. */
export function rowTotal(
  row: Pick<LineItemRow, 'quantity' | 'unit_price' | 'discount_percent'>,
): number | null {
  if (row.quantity === null || row.unit_price === null) return null;
  return Math.round(row.quantity * row.unit_price * (1 - (row.discount_percent ?? 0) / 100));
}

// A column of article numbers or codes, though its heading names the article ("Artikelnr.", "Item no.").
const CODE_COLUMN =
  /(-?\s?nr\.?\s*$|\bno\.?\s*$|#\s*$|number|nummer|num[ée]ro|n[úu]mero|\bcode\b|c[óo]digo|codice|\br[ée]f\b|r[ée]f[ée]rence|referencia|\bSKU\b|\bEAN\b)/i;
const PRICE =
  /(Einzelpreis|Einzelbetrag|E-Preis|Preis|Tarief|Tariffa|Tarifa|\bEP\b|Unit\s*price|Rate|Price|Prix|P\.\s?U\.?|\bPU\b|Prijs|Precio|Prezzo|Tarif)/i;
const QUANTITY_OR_PRICE = new RegExp(`${QUANTITY.source}|${PRICE.source}`, 'i');
// A cell that is only "Net" heads the amount column of UK and Irish invoices ("Qty | Unit Price | VAT | Net"); US
// ERPs head it with the extended price ("Ext. Price", "Extended Amount", "Extension").
const AMOUNT =
  /(Betrag|Gesamt|Summe|\bGP\b|Amount|Total|Montant|Bedrag|Totaal|Importe|Importo|Totale|(?:^|\t)\s*Net\s*(?:\t|$)|\bExt(?:ended|\.)?\s*(?:Price|Cost)\b|\bExtension\b)/i;
// The words that name a description outright; "Item", "Artikel", "Article" beside one of them head the codes.
const DESCRIPTION_PROPER =
  /(Beschreibung|Bezeichnung|Leistung|Description|Particulars|Désignation|Libellé|Omschrijving|Concepto|Descripci[óo]n|Descrizione)/i;
const VAT_COLUMN = /(USt|MwSt|VAT|TVA|BTW|IVA|GST|%)/i;
// A per-row discount in percent ("Rabatt %", "Disc%", "Remise", "Korting %", "Dto.", "Sconto"): wholesale
// tables print it between the unit price and the amount, empty on rows without one.
const DISCOUNT_COLUMN =
  /(Rabatt|Nachlass|\bDisc(ount)?\b|Remise|\bRem\.|Korting|Descuento|\bDto\b|\bDesc\b|Sconto|\bSc\.)/i;
const NUMBERED = /^\s*(Pos|Nr|#|No)\b/i;
const PAGE_FURNITURE =
  /^(Seite|Page)\s+\d+(\s+(von|of)\s+\d+)?$|^(Fortsetzung|continued)\b|Übertrag|carried\s+forward|brought\s+forward|^(?:Suma\s+y\s+sigue|Suma\s+anterior|A\s+transportar|Riporto|A\s+riportare|[AÀ]\s+reporter)\b/i;
// A quantity closes the text before the unit price, optionally with a unit: "10 Std.", "2,5 h", "3 x".
const TRAILING_QUANTITY = /(?:^|\s)(\d+(?:[.,]\d+)?)\s*(?:[A-Za-zäöüÄÖÜ.²³]{1,10}\d?\s*)?[x×]?\s*$/;
const POSITION = /^\d{1,3}[.)]?\s+/;
/**
 * The heading of a group of rows, alone on its line: a numbered lot or section ("Lot 2 - Salle de bains", "Titel
 * 3: Elektro"), or the labour/material split craftsmen print ("Lohn", "Material", "Main d'œuvre", "Materiales").
 */
const SECTION_HEADING =
  /^(?:(?:Lot|Los|Titel|Abschnitt|Section|Bereich|Partie|Capitolo|Cap[íi]tulo|Fase|Phase|Hoofdstuk|Gewerk)\s+[\dIVX]+\b.*|(?:Lohn(?:kosten)?|Arbeitsleistung(?:en)?|Material(?:ien|kosten)?|Labou?r|Materials?|Main[- ]d['’][œo]e?uvre|Fournitures?|Arbeid(?:sloon)?|Materia(?:al|les|li)|Mano\s+de\s+obra|Manodopera)\s*:?)$/i;
const CAPITALS_CODE = /^[A-Z][A-Z0-9._/-]{1,15}$/;
/** A unit closing a text: " MT", " Stk.", " m²". */
const TRAILING_UNIT = new RegExp(String.raw`\s(${UNIT_CELL.source.replace(/^\^|\$$/g, '')})$`, 'i');
/** How many lines a wrapped description may continue over. */
const MAX_WRAPPED_LINES = 3;

const isHeader = (text: string) =>
  DESCRIPTION.test(text) && QUANTITY_OR_PRICE.test(text) && (AMOUNT.test(text) || pricedLast(text));

/**
 * A shop's table ends in its price including VAT ("Aantal | Prijs per stuk | BTW | Prijs incl. BTW", "Preis inkl.
 * MwSt.", "Prix TTC"): the last column, a price with VAT in, is the row's amount.
 */
const PRICE_INCLUDING = /(incl|inkl|including|inclusief|TTC|IVA\s+incl|ivato)/i;
const pricedLast = (text: string) => {
  const last = text.split('\t').at(-1) ?? '';
  return PRICE.test(last) && PRICE_INCLUDING.test(last);
};

export function lineItems(lines: DocLine[]): LineItemRow[] {
  const header =
    lines.find((line) => isHeader(line.text) && amountsIn(line.text).length === 0) ??
    unnamedDescriptionHeader(lines);
  if (!header) return headerlessRows(lines);
  const numbered = NUMBERED.test(header.text);
  const columns = headerColumns(header.text);
  const codeBeforeDescription = codeColumnBeforeDescription(header.text, columns);
  const mergedAt = header.text.split('\t').findIndex(priceThenDiscount);
  const mergedDiscountAt = mergedAt === -1 ? null : mergedAt;
  const positions = header.cells;
  const rows: LineItemRow[] = [];
  // A numbered position whose amounts wrap onto the next line: "2  Material" / "   laut Aufstellung  1  412,30  412,30".
  let pending: string | null = null;
  // The last line of the latest row (its own, or a wrapped description line after it).
  let continued = -1;
  // The latest row's position number, in a numbered table: a wrapped line opening with a number is the next
  // position only if it counts on from it ("3" after "2", "30" after "20"), not "24. Auflage" or "500 Blatt".
  let position: number | null = null;
  for (const line of lines.slice(header.index + 1)) {
    const text = line.text.trim();
    const amounts = amountsIn(text);
    // The totals block ends the table; a row's tax cell ("IVA 21%", "BTW 9%") names no total.
    if (amounts.length > 0 && totalKind(withoutTaxCells(line.text))) break;
    if (text === '' || PAGE_FURNITURE.test(text) || isHeader(text)) continue;
    if (carriesTheSum(text, amounts, rows)) continue;
    // A VAT summary table follows the items: its header names totals, its rows start with a rate.
    if (amounts.length === 0 && totalsHeader(line.text)) break;
    if (/^\d{1,2}(?:[.,]\d{1,2})?\s?%/.test(text)) break;
    // By cell count and by position: the reading whose quantity × price gives its amount wins, else the first.
    const byCount = columns && parseColumns(line.text, columns, codeBeforeDescription, mergedDiscountAt);
    const byPosition = columns && positions && parsePositioned(line, columns, positions, numbered);
    // A group's heading between rows ("Lohn" / "Material", "Lot 2 - Salle de bains"): no row's wrapped text.
    if (amounts.length === 0 && SECTION_HEADING.test(text)) {
      pending = null;
      continued = -1;
      continue;
    }
    // A row without a unit price has fewer cells than the header, so by count its cells slide left (the code, or
    // the position's number, under the description's heading): then its cells' positions tell.
    const slid = byCount && noText(byCount) && byPosition && !noText(byPosition);
    const row =
      (byPosition && ((adds(byPosition) && !(byCount && adds(byCount))) || slid) ? byPosition : byCount) ||
      byPosition ||
      parseRow(text, numbered);
    const previous = rows.at(-1);
    const words = text.replace(/\s+/g, ' ');
    if (row) {
      rows.push({ ...row, description: pending ? `${pending} ${row.description}` : row.description, line });
      pending = null;
      if (numbered) position = positionOf(text) ?? position;
    } else if (
      amounts.length === 0 &&
      numbered &&
      POSITION.test(text) &&
      countsOn(positionOf(text), position)
    ) {
      pending = words.replace(POSITION, '');
    } else if (
      previous &&
      amounts.length === 0 &&
      continued === line.index - 1 &&
      line.index - previous.line.index <= MAX_WRAPPED_LINES
    ) {
      // A wrapped description continues on the very next lines, without amounts (a few: notes below the
      // table are not part of its last item). A line that is only a date range is the row's period, as
      // subscription invoices print it ("Jul 1 – Jul 31, 2025").
      const period = periodLine(words);
      if (period) previous.period = period;
      else previous.description = `${previous.description} ${words}`;
      continued = line.index;
      continue;
    }
    if (row) continued = line.index;
  }
  return withoutCodes(withoutNumbering(rows));
}

/**
 * A page's carry-forward under any name ("Transport", as Dutch and Flemish print it, where a row of that name may
 * also bill the transport): a short label and one amount, the sum of the rows read so far. Two rows at least.
 */
function carriesTheSum(text: string, amounts: { minor: number }[], rows: LineItemRow[]): boolean {
  const [amount] = amounts;
  if (amounts.length !== 1 || !amount || rows.length < 2) return false;
  const label = text.split('\t')[0]?.trim() ?? '';
  if (label.split(/\s+/).length > 3 || /\d/.test(label)) return false;
  return amount.minor === rows.reduce((sum, row) => sum + row.amount, 0);
}

/** A reading whose description is only a code or a position's number: its cells slid under the wrong headings. */
const noText = (row: Omit<LineItemRow, 'line'>) =>
  isArticleCode(row.description) || /^\d{1,3}$/.test(row.description);

/** The position number a numbered row opens with ("3", "3.", "3)"). */
const positionOf = (text: string) => {
  const match = /^(\d{1,3})[.)]?\s/.exec(text.trim());
  return match ? Number(match[1]) : null;
};
/** Whether `next` can be the position after `last`: the next one, or the next in steps of up to ten (SAP's 10, 20). */
const countsOn = (next: number | null, last: number | null) =>
  last === null || (next !== null && next > last && next <= last + 10);

/**
 * Every row's description opening with its running number ("1. Shopify storefront …", "2. Product photography …"):
 * a position column printed without a heading of its own (an "Item" heading over number and text). Two rows at
 * least, numbered one by one upwards ("1.", "1)" or "1" — the last only where a separate cell held it), or none
 * is touched: a description that merely starts with a number ("2 Paletten …") is left alone.
 */
function withoutNumbering(rows: LineItemRow[]): LineItemRow[] {
  const numbers = rows.map((row) => RUNNING_NUMBER.exec(row.description)?.[1]);
  const counted = numbers.every((n, i) => n !== undefined && Number(n) === Number(numbers[0]) + i);
  if (rows.length < 2 || !counted) return rows;
  return rows.map((row) => ({ ...row, description: row.description.replace(RUNNING_NUMBER, '') }));
}
const RUNNING_NUMBER = /^(\d{1,3})(?:[.)]\s+|\t)(?=\S)/;

/**
 * Every row's description opening with an article code: a code column printed without a heading of its own,
 * so the codes are no part of the descriptions. Two rows at least, and all of them, or none is touched.
 */
function withoutCodes(rows: LineItemRow[]): LineItemRow[] {
  if (rows.length < 2 || !rows.every((row) => ARTICLE_CODE.test(row.description))) return rows;
  return rows.map((row) => ({ ...row, description: row.description.replace(ARTICLE_CODE, '') }));
}

/**
 * Items printed without a table header, as a professional's letter bills its fees ("Progettazione strutturale …
 * 3.800,00" over "Totale onorari 5.850,00"): the lines right above the first total, each a description and one
 * amount at its end, kept only when they add up to that total or to the net. A line without an amount between
 * two of them continues the description above it; blank lines may separate them.
 */
function headerlessRows(lines: DocLine[]): LineItemRow[] {
  const kindOf = (line: DocLine) => {
    const amount = amountsIn(line.text).at(-1);
    return amount ? totalKind(line.text.slice(0, amount.index)) : null;
  };
  const total = lines.find(totalLine);
  if (!total) return [];
  const rows: LineItemRow[] = [];
  let pending: string[] = [];
  let rated: { quantity: number | null; unit_price: number | null } | null = null;
  for (const line of lines.slice(Math.max(0, total.index - MAX_HEADERLESS_LINES), total.index).reverse()) {
    const text = line.text.replace(/\s+/g, ' ').trim();
    if (text === '') {
      if (pending.length > 0) break;
      continue;
    }
    // How a row's amount came about, on the line under it ("50 Seiten à 0,50 €", "86 km à 0,42 €"): no row of its own,
    // but the quantity and unit price of the row above when they make its amount.
    const rate = RATE_LINE.exec(text);
    if (rate) {
      rated = { quantity: parseDecimal(rate[1] ?? ''), unit_price: cellMoney(rate[2] ?? '')?.minor ?? null };
      continue;
    }
    const amounts = amountsIn(text);
    if (amounts.length === 0) {
      pending.unshift(text);
      continue;
    }
    const item = descriptionAndAmount(line, text, amounts);
    // A field above the items ("Gegenstandswert: 28.500,00 €", "Project value:") ends them.
    if (!item || item.description.endsWith(':') || !/\p{L}{3}/u.test(item.description) || kindOf(line)) break;
    const row = {
      description: [item.description, ...pending].join(' '),
      quantity: null,
      unit_price: null,
      amount: item.amount,
      line,
    };
    const withRate = rated && { ...row, ...rated };
    rows.unshift(withRate && adds(withRate) ? withRate : counted(row));
    pending = [];
    rated = null;
  }
  const sum = rows.reduce((t, row) => t + row.amount, 0);
  const nets = lines
    .filter((line) => kindOf(line) === 'net')
    .map((line) => amountsIn(line.text).at(-1)?.minor);
  const first = amountsIn(total.text).at(-1)?.minor;
  return rows.length > 0 && (sum === first || nets.includes(sum)) ? rows : [];
}

/**
 * Lines that look like an item table's rows (a description, a price and an amount) from the first such line to
 * the first total after it, when no row was read at all: the invoice itemises what the reader could not, and a
 * person should look. (A single amount in a sentence is no such row; a summary above the table — a web shop's
 * "Gesamtzahlbetrag 907,41 €" in its order box — does not end it.)
 */
export function unreadItemLines(lines: DocLine[], rows: LineItemRow[]): DocLine[] {
  if (rows.length > 0) return [];
  const itemLike = lines.filter((line) => {
    const amounts = amountsIn(line.text);
    const label = amounts[0] ? line.text.slice(0, amounts[0].index) : '';
    return (
      amounts.length >= 2 &&
      /\p{L}{3}/u.test(label) &&
      !totalKind(label) &&
      !PAGE_FURNITURE.test(label.trim())
    );
  });
  const first = itemLike[0];
  const total = first && lines.slice(first.index + 1).find((line) => totalLine(line));
  // No total named after them (a shop's "Gesamtpreis" the totals reader takes by its sum): all of them.
  return total ? itemLike.filter((line) => line.index < total.index) : itemLike;
}

/** A line whose label before its last amount names a total (net, VAT or gross). */
function totalLine(line: DocLine): boolean {
  const amount = amountsIn(line.text).at(-1);
  return amount !== undefined && totalKind(line.text.slice(0, amount.index)) !== null;
}

/**
 * A header-less row's description and its one amount, closing the line: in a cell of its own, the description before
 * it may hold figures ("1,5 Einigungsgebühr §§ 13, 14 RVG, Nr. 1000 VV RVG | 1.561,50 €"); without cells, the line
 * holds no other amount.
 */
function descriptionAndAmount(
  line: DocLine,
  text: string,
  amounts: ReturnType<typeof amountsIn>,
): { description: string; amount: number } | null {
  const cells = line.text.split('\t');
  const own = cells.length === 2 ? amountsIn(cells[1] ?? '') : [];
  if (own.length === 1 && own[0])
    return { description: (cells[0] ?? '').replace(/\s+/g, ' ').trim(), amount: own[0].minor };
  const amount = amounts[0];
  const last = amount && amount.index + text.slice(amount.index).trim().length >= text.length - 1;
  return amount && amounts.length === 1 && last
    ? { description: text.slice(0, amount.index).trim(), amount: amount.minor }
    : null;
}

/**
 * A count opening a receipt's row ("3x Carpaccio van rund | 43,50"): the quantity, out of the description. Its unit
 * price is not printed and stays unread (the row then goes to a person; it is never worked out).
 */
function counted<T extends { description: string; quantity: number | null }>(row: T): T {
  const count = /^(\d{1,4})\s?[x×]\s+(?=\p{L})/u.exec(row.description);
  return count && row.quantity === null
    ? { ...row, quantity: Number(count[1]), description: row.description.slice(count[0].length) }
    : row;
}

/** A quantity at a rate: "50 Seiten à 0,50 €", "86 km à 0,42 €", "3 h x 85,00", "2 @ $40.00". */
const RATE_LINE =
  /^(\d+(?:[.,]\d+)?)\s*[\p{L}.]{0,12}\s*(?:à|a|x|×|@|zu\s+je|je)\s*((?:€|EUR|\$|£|CHF)?\s*\d+(?:[.,]\d+)?\s*(?:€|EUR|\$|£|CHF)?)$/u;

/** How far above the first total a header-less list of items may begin. */
const MAX_HEADERLESS_LINES = 40;

/**
 * A header that names only the number columns ("Aantal | Prijs | Bedrag", "Qty | Rate | Amount"), printed
 * over the right part of the table: the descriptions stand unheaded in the left column. Read as if the left
 * margin were headed "Description" (positions only: without them the left column cannot be told).
 */
function unnamedDescriptionHeader(lines: DocLine[]): DocLine | null {
  for (const line of lines) {
    const cells = line.text.split('\t').map((cell) => cell.trim());
    const first = line.cells?.[0];
    if (!first || first.x < 0.3 || cells.length < 2 || amountsIn(line.text).length > 0) continue;
    const named = cells.every(
      (cell) => QUANTITY_OR_PRICE.test(cell) || AMOUNT.test(cell) || VAT_COLUMN.test(cell),
    );
    if (!named || !AMOUNT.test(cells.at(-1) ?? '') || !cells.some((cell) => QUANTITY_OR_PRICE.test(cell)))
      continue;
    const below = lines.slice(line.index + 1, line.index + 4).find((next) => next.cells?.length);
    const left = below?.cells?.[0]?.x ?? 0;
    if (left >= first.x) continue;
    return {
      ...line,
      text: `Description\t${line.text}`,
      x: left,
      cells: [{ x: left, w: first.x - left - 0.01 }, ...(line.cells ?? [])],
    };
  }
  return null;
}

/** A header row of a totals table ("BTW-tarief | Grondslag | BTW | Totaal"): two or more total columns. */
function totalsHeader(text: string): boolean {
  const kinds = new Set(text.split('\t').map(totalKind).filter(Boolean));
  return kinds.size >= 2;
}

type Column = 'description' | 'quantity' | 'price' | 'discount' | 'amount' | 'vat' | 'other';

/** One cell heading a price and then a discount: "P.U. HTVA Rem. %", "Preis Rabatt". */
const priceThenDiscount = (cell: string) => {
  const price = PRICE.exec(cell);
  const discount = DISCOUNT_COLUMN.exec(cell);
  return Boolean(price && discount && price.index < discount.index && !AMOUNT.test(cell));
};

/** The header names an article number right before the description ("Art.-Nr. | Bezeichnung", "SKU | Item"). */
function codeColumnBeforeDescription(text: string, columns: Column[] | null): boolean {
  const at = columns?.indexOf('description') ?? -1;
  const left = at > 0 ? (text.split('\t')[at - 1] ?? '') : '';
  return /(?:art(?:ikel)?\.?\s?-?\s?nr|\bSKU\b|c[óo]digo|codice|\bcod\.|\br[ée]f\b|r[ée]f[ée]rence|artikelcode|item\s*(?:#|no|code)|part\s*(?:no|number))\.?\s*$/i.test(
    left.trim(),
  );
}

/** What each cell of the header row heads; null unless it names a description and an amount column. */
function headerColumns(text: string): Column[] | null {
  const cells = text.split('\t');
  if (cells.length < 3) return null;
  const columns = cells.map((cell): Column => {
    if (CODE_COLUMN.test(cell) && !AMOUNT.test(cell) && !QUANTITY.test(cell)) return 'other';
    if (DESCRIPTION.test(cell) && !AMOUNT.test(cell)) return 'description';
    // A price's heading and a discount's merged in one cell ("P.U. HTVA Rem. %") head the price (see parseColumns).
    if (priceThenDiscount(cell)) return 'price';
    if (DISCOUNT_COLUMN.test(cell) && !AMOUNT.test(cell)) return 'discount';
    // Two headings merged in one cell name the left column first ("Menge MwSt." over "× 2 | 7 %").
    if (QUANTITY.exec(cell)?.index === 0) return 'quantity';
    if (VAT_COLUMN.test(cell) && !AMOUNT.test(cell) && !PRICE.test(cell)) return 'vat';
    if (QUANTITY.test(cell)) return 'quantity';
    // "Gesamtpreis", "Prix total", "Total price": a price word with a total word heads the amounts.
    if (PRICE.test(cell) && !AMOUNT.test(cell)) return 'price';
    if (AMOUNT.test(cell)) return 'amount';
    return 'other';
  });
  if (!columns.includes('amount') && pricedLast(text)) columns[columns.length - 1] = 'amount';
  // Two headings merged in one cell, a quantity's then a price's ("Quantité Prix unitaire HT"; not a third, a
  // tax's), and no price column of its own: the cells under it hold the prices, the quantities run into the descriptions (read
  // from there only where quantity × price gives the amount).
  const merged = cells.findIndex(
    (cell, i) =>
      columns[i] === 'quantity' &&
      QUANTITY.exec(cell)?.index === 0 &&
      PRICE.test(cell) &&
      !VAT_COLUMN.test(cell),
  );
  if (merged !== -1 && !columns.includes('price')) columns[merged] = 'price';
  // The amount is the rightmost amount column ("Prix TTC | Total TTC": the total) — unless a VAT column stands
  // between two ("Subtotal | IVA | Total"): then the one before it is the row's net, the last its total with VAT.
  const rightmost = columns.lastIndexOf('amount');
  const vatAt = columns.lastIndexOf('vat');
  const netAt = vatAt > 0 && vatAt < rightmost ? columns.lastIndexOf('amount', vatAt) : -1;
  const last = netAt !== -1 ? netAt : rightmost;
  if (netAt !== -1) columns[rightmost] = 'other';
  if (!columns.includes('description') || last === -1) return null;
  // Two description columns ("Item | Description", "Artikel | Omschrijving"): the one naming a description
  // outright is it, the other holds codes.
  const proper = cells.findIndex((cell, i) => columns[i] === 'description' && DESCRIPTION_PROPER.test(cell));
  return columns.map((c, i) =>
    c === 'amount' && i !== last
      ? 'price'
      : c === 'description' && proper !== -1 && i !== proper
        ? 'other'
        : c,
  );
}

/**
 * A row read by the header's columns. A row may have more cells than its header when two narrow columns
 * share one heading ("Lín. Código" over "1 | 978-84-1"): the number columns are right-aligned, so the
 * columns right of the description are matched from the right and the extra cells belong to the left.
 */
function parseColumns(
  text: string,
  columns: Column[],
  codeBeforeDescription = false,
  mergedDiscountAt: number | null = null,
): Omit<LineItemRow, 'line'> | null {
  const cells = text.split('\t');
  // Under a price heading merged with a discount's, a row that grants one prints it in a cell of its own after the
  // price: read by the header with a discount column there.
  const merged = mergedDiscountAt === null ? -1 : mergedDiscountAt;
  if (cells.length === columns.length + 1 && merged !== -1 && percentOf(cells[merged + 1] ?? '') !== null)
    return parseColumns(
      text,
      [...columns.slice(0, merged + 1), 'discount', ...columns.slice(merged + 1)],
      codeBeforeDescription,
    );
  const extra = cells.length - columns.length;
  if (extra < 0) return null;
  const at = columns.indexOf('description');
  const cell = (kind: Column) => {
    const i = columns.indexOf(kind);
    return cells[i > at ? i + extra : i]?.trim() ?? '';
  };
  // The description is the text cell under its heading; codes the row adds before it are not part of it.
  const own = cells.slice(at, at + extra + 1).map((c) => c.trim());
  // (A code of capitals alone, "MON", "ANF", is one too when it stands in a cell of its own.)
  while (own.length > 1 && (CODE_CELL.test(own[0] ?? '') || CAPITALS_CODE.test(own[0] ?? ''))) own.shift();
  // Under an article-number heading the code may run into the description's cell when it is wide ("MO-P2725H
  // Monitor …" beside "NB-L5450 | Notebook …"): its opening code is that column's.
  if (codeBeforeDescription && own.length === 1) own[0] = (own[0] ?? '').replace(ARTICLE_CODE, '');
  // A unit printed in a column that shares its heading with the quantity ("U.m. Quantità" over "mq | 48,00").
  while (own.length > 1 && UNIT_CELL.test(own.at(-1) ?? '')) own.pop();
  return rowFrom(columns, cell, own.join(' ').replace(/\s+/g, ' '), amountsIn(text).length);
}

/** A row from the text under each of the header's columns; null without an amount or a description. */
function rowFrom(
  columns: Column[],
  under: (kind: Column) => string,
  description: string,
  amounts: number,
): Omit<LineItemRow, 'line'> | null {
  const amount = cellMoney(under('amount'));
  if (!amount || !description) return null;
  const price = columns.includes('price') ? cellMoney(under('price')) : null;
  const discount = columns.includes('discount') ? percentOf(under('discount')) : null;
  const quantityCell = columns.includes('quantity') ? under('quantity') : '';
  // "1 pauschal" over an empty price cell, the row's one amount its total: a lump sum, booked as one printed
  // without a quantity.
  const priceCell = columns.includes('price') ? under('price').trim() : '';
  const lumpSum =
    !priceCell && amounts === 1 && quantityOf(quantityCell) === 1 && FLAT_UNIT.test(quantityCell);
  const row = {
    description,
    quantity: quantityCell && !lumpSum ? quantityOf(quantityCell) : null,
    unit_price: price?.minor ?? null,
    ...(discount ? { discount_percent: discount } : {}),
    amount: amount.minor,
  };
  // "250.000 Kg", "46,820 kg": three places after one separator read as thousands ("1.000 Stück") unless the row's
  // arithmetic says they are decimals (weights to the gram, as English and Italian invoices print them).
  if (row.quantity !== null && /^\s*\d{1,3}[.,]\d{3}(?!\d)/.test(quantityCell) && !adds(row)) {
    const decimal = { ...row, quantity: row.quantity / 1000 };
    if (adds(decimal)) return decimal;
  }
  // A quantity run into the description (merged cells, or one heading over both): proven by its arithmetic.
  return row.quantity === null && row.unit_price !== null ? quantityInDescription(row) : row;
}

/**
 * A quantity printed so close to the description that both came as one cell ("… PX-400 38 cartelle | 22,00 €
 * | 836,00 €"): the description's trailing number (with its unit) is the quantity when it times the price
 * gives the amount, and only then.
 */
function quantityInDescription(row: Omit<LineItemRow, 'line'>): Omit<LineItemRow, 'line'> {
  const trailing = TRAILING_QUANTITY.exec(row.description);
  const quantity = trailing?.[1] ? parseDecimal(trailing[1]) : null;
  const split = { ...row, quantity, description: row.description.slice(0, trailing?.index).trim() };
  if (quantity !== null && split.description && adds(split)) return split;
  // Or before it, with its unit, where one heading covers both ("Menge Einheit / Bezeichnung" over
  // "6,50 Std. Arbeitszeit Elektroinstallateur").
  const leading = LEADING_QUANTITY.exec(row.description);
  const first = leading?.[1] ? parseDecimal(leading[1]) : null;
  const opened = {
    ...row,
    quantity: first,
    description: row.description.slice(leading?.[0].length ?? 0).trim(),
  };
  return first !== null && opened.description && adds(opened) ? opened : row;
}

/** A quantity opening a description, with its unit: "6,50 Std. …", "45,00 m …", "1,00 psch. …", "12 x …". */
const LEADING_QUANTITY = /^(\d+(?:[.,]\d+)?)\s*(?:[A-Za-zäöüÄÖÜ.²³]{1,8}\.?\s+|[x×]\s+)/;

/**
 * A row whose cells do not line up with the header's by count (an empty discount cell, a code printed in its
 * own cell) read by position: each cell goes to the header column whose span it overlaps most (PDFs only).
 */
function parsePositioned(
  line: DocLine,
  columns: Column[],
  header: Span[],
  numbered: boolean,
): Omit<LineItemRow, 'line'> | null {
  if (!line.cells || header.length !== columns.length) return null;
  const texts = line.text.split('\t');
  const byColumn = new Map<Column, string[]>();
  const indexed = header.map((span, k) => ({ ...span, k }));
  const add = (kind: Column, text: string) => byColumn.set(kind, [...(byColumn.get(kind) ?? []), text]);
  line.cells.forEach((cell, i) => {
    const k = columnOf(cell, indexed)?.k ?? -1;
    const kind = columns[k] ?? 'other';
    const text = texts[i]?.trim() ?? '';
    // A code printed so close to the description that both came as one cell ("FOR-ECO Formation …"): the cell
    // starts in the code column left of the description's, so its first word (capitals and digits) is the code.
    const code = kind === 'description' ? CODE_WORD.exec(text) : null;
    const left = indexed[k - 1];
    if (
      code &&
      left &&
      columns[k - 1] === 'other' &&
      cell.x < (indexed[k]?.x ?? 0) &&
      overlap(cell, left) > 0
    ) {
      add('other', code[1] ?? '');
      add('description', text.slice(code[0].length));
      return;
    }
    // A long description running into the unit column beside it ("… (difetto di tintura) MT" over "U.M."):
    // its last word, a unit, is that column's.
    const next = indexed[k + 1];
    const unit = kind === 'description' && next && cell.x + cell.w > next.x ? TRAILING_UNIT.exec(text) : null;
    if (unit) {
      add(kind, text.slice(0, unit.index));
      add(columns[k + 1] ?? 'other', unit[1] ?? '');
      return;
    }
    add(kind, text);
  });
  // A description printed left of its centred heading, under no heading of its own ("99001 | PORTES MADRID"
  // below "CÓDIGO | DESCRIPCIÓN"): the one cell of words the code column took is it.
  const words = (byColumn.get('other') ?? []).filter((text) => /\p{L}{2,}\s+\p{L}{2,}/u.test(text));
  if (!byColumn.has('description') && words.length === 1 && words[0]) {
    byColumn.set('description', words);
    byColumn.set(
      'other',
      (byColumn.get('other') ?? []).filter((text) => text !== words[0]),
    );
  }
  const one = (kind: Column) => byColumn.get(kind)?.join(' ') ?? '';
  const text = one('description').replace(/\s+/g, ' ');
  return rowFrom(columns, one, numbered ? text.replace(POSITION, '') : text, amountsIn(line.text).length);
}

/** Whether a row's quantity times its unit price is its amount (to a cent per unit of rounding). */
function adds(row: Omit<LineItemRow, 'line'>): boolean {
  const total = rowTotal(row);
  return total !== null && Math.abs(total - row.amount) <= 1;
}

function parseRow(text: string, numbered: boolean): Omit<LineItemRow, 'line'> | null {
  const amounts = amountsIn(text);
  const amount = amounts.at(-1);
  if (!amount) return null;
  const price = amounts.length >= 2 ? amounts.at(-2) : undefined;
  let before = text.slice(0, (price ?? amount).index).trim();
  let quantity: number | null = null;
  const qty = price ? TRAILING_QUANTITY.exec(before) : null;
  if (qty?.[1]) {
    quantity = parseDecimal(qty[1]);
    before = before.slice(0, qty.index).trim();
  }
  if (numbered) before = before.replace(POSITION, '');
  const description = before.replace(/\s+/g, ' ').trim();
  if (!description) return null;
  return { description, quantity, unit_price: price?.minor ?? null, amount: amount.minor };
}
