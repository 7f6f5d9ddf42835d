// Tables of lots: a header row naming a lot column and a title column, optionally a deadline and a value
// column (Lot | Title | Deadline | Value in the six languages), and the rows below it read by the header's
// column positions rather than by counting cells, so an empty cell or a title wrapped onto a second line
// still lands in its column. The table ends at a row whose lot cell is no lot number or whose text spans
// several columns (prose under the table).
import type { DocLine } from '../../text';
import { amountsIn } from '../../text/amounts';
import { datesIn } from '../../text/dates';
import { columnOf, type Span as Position } from '../../text/spans';

type Kind = 'lot' | 'title' | 'deadline' | 'value';

const LOT_WORD = '(?:Teillos|Los|Lots?|Lotes?|Lotto|Lotti|Perceel|Percelen)';
const HEADERS: [Kind, RegExp][] = [
  ['lot', new RegExp(String.raw`^${LOT_WORD}\.?(?:\s*(?:Nr|No|n[°º]|#)\.?)?$`, 'i')],
  [
    'title',
    /^(?:Titel|Title|Bezeichnung|Beschreibung|Gegenstand|Leistung|Description|Subject|Name|Intitulé|Titre|Objet|Désignation|Título|Denominación|Descripción|Objeto|Titolo|Denominazione|Descrizione|Oggetto|Omschrijving|Naam)(?![a-zà-ÿ])/i,
  ],
  [
    'deadline',
    /(Deadline|Closing\s+date|Due\s+date|Frist|Schlusstermin|Date\s+limite|Échéance|Plazo|Fecha\s+l[íi]mite|Scadenza|Termine|Uiterste\s+datum|Sluitingsdatum)/i,
  ],
  [
    'value',
    /(Value|Budget|Amount|Wert|Betrag|Valeur|Montant|Valor|Importe|Presupuesto|Valore|Importo|Waarde|Bedrag)/i,
  ],
];
const LOT_NUMBER = new RegExp(String.raw`^(?:${LOT_WORD}\s*(?:Nr\.?|No\.?|n[°º])?\s*)?(\d{1,3})\.?$`, 'i');

export interface TableLot {
  number: number;
  title: string;
  /** ISO date (and time) from the deadline column. */
  deadline: string | null;
  value: { amount: number; currency: string | null } | null;
  line: DocLine;
}

export interface LotTable {
  lots: TableLot[];
  /** The header's words for the deadline and lot columns ("Frist", "Los"), to label each lot's deadline. */
  deadlineLabel: string | null;
  lotLabel: string;
  header: DocLine;
  /** Every line the table takes (header, rows, wrapped lines): no other reader reads them as prose. */
  lines: Set<number>;
}

interface Span extends Position {
  text: string;
}

/** The first table of lots in the document, or null. */
export function lotTable(lines: DocLine[]): LotTable | null {
  for (const line of lines) {
    const columns = headerColumns(line);
    if (columns) return readRows(lines, line, columns);
  }
  return null;
}

function spans(line: DocLine): Span[] {
  const texts = line.text.split('\t').map((t) => t.trim());
  // Without positions (DOCX, plain text) a cell's place is its index.
  const cells = line.cells?.length === texts.length ? line.cells : texts.map((_, i) => ({ x: i, w: 0.5 }));
  return texts.map((text, i) => ({ text, x: cells[i]?.x ?? i, w: cells[i]?.w ?? 0 }));
}

function headerColumns(line: DocLine): (Span & { kind: Kind })[] | null {
  const cells = spans(line);
  if (cells.length < 2) return null;
  const columns: (Span & { kind: Kind })[] = [];
  for (const cell of cells) {
    const kind = HEADERS.find(
      ([k, pattern]) => pattern.test(cell.text) && !columns.some((c) => c.kind === k),
    );
    if (!kind) return null;
    columns.push({ ...cell, kind: kind[0] });
  }
  const kinds = new Set(columns.map((c) => c.kind));
  return kinds.has('lot') && kinds.has('title') ? columns : null;
}

function readRows(lines: DocLine[], header: DocLine, columns: (Span & { kind: Kind })[]): LotTable | null {
  const lots: TableLot[] = [];
  const taken = new Set([header.index]);
  for (const line of lines.slice(header.index + 1)) {
    if (line.page !== header.page) break;
    if (line.text.trim() === '') continue;
    const cells = new Map<Kind, string>();
    let spansColumns = false;
    for (const cell of spans(line)) {
      const column = columnOf(cell, columns);
      const under = columns.filter((c) => cell.x < c.x + c.w && cell.x + cell.w > c.x).length;
      if (!column || under > 1 || cells.has(column.kind)) spansColumns = true;
      else cells.set(column.kind, cell.text);
    }
    if (spansColumns) break;
    const lot = cells.get('lot');
    const title = cells.get('title');
    if (lot !== undefined) {
      const number = LOT_NUMBER.exec(lot);
      if (!number || !title) break;
      const deadline = datesIn(cells.get('deadline') ?? '')[0]?.iso ?? null;
      const [amount] = amountsIn(cells.get('value') ?? '', { spacedThousands: true }); // the cell is one amount
      const value = amount && amount.minor > 0 ? { amount: amount.minor, currency: amount.currency } : null;
      lots.push({ number: Number(number[1]), title, deadline, value, line });
    } else {
      const previous = lots.at(-1);
      if (!previous || title === undefined) break;
      // A title wrapped onto the next line continues it.
      previous.title = `${previous.title} ${title}`;
    }
    taken.add(line.index);
  }
  if (lots.length === 0) return null;
  const word = (kind: Kind) => columns.find((c) => c.kind === kind)?.text.replace(/[\s:]+$/, '') ?? null;
  return {
    lots,
    deadlineLabel: word('deadline'),
    lotLabel: (word('lot') ?? 'Lot').split(/[\s.]/)[0] ?? 'Lot',
    header,
    lines: taken,
  };
}
