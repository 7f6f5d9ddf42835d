// Net, VAT (rate and amount), gross and currency from the totals block, however it is laid out and in which
// of the six languages (de, en, fr, nl, es, it) it is labelled. Three layouts are read:
//  - a label and its amount on one line ("Gesamtbetrag: 1.190,00 €"; the last amount of the line wins, as
//    the rightmost column of a totals row is its final value);
//  - several label/amount pairs on one row ("Exclusief BTW € 593,36   Subtotaal € 717,97");
//  - a totals table: a header row naming the columns ("Montant HT | Montant TVA | Montant TTC") over a row
//    of amounts, matched from the right (amount columns are right-aligned; the row's label sits left).
import type { DocLine } from '../../text';
import { amountsIn, currencyCode, type Money, parseDecimal, percentsIn } from '../../text/amounts';
import type { Found } from '../shared/labels';
import { isItemTableHeader } from './item-columns';

export type TotalKind = 'net' | 'vat' | 'gross';

const NOT_A_TOTAL =
  /\b(USt|VAT|MwSt|Umsatzsteuer|BTW|TVA|IVA|GST)[\s.-]*(Id|Ident|Reg|No\b|Nr\b|Number|nummer|num[eé]ro|intra)|Steuer-?\s?nr|Steuernummer|\bTax\s*(ID|No\b|Number|Reg)|\bUID\b|\bIBAN\b|\bBIC\b|Übertrag|carried\s+forward|brought\s+forward|report[ée]?\b|Suma\s+(?:y\s+sigue|anterior)|A\s+transportar|Riporto|A\s+riportare|Partita\s+IVA|P\.\s?IVA|\bNIF\b|\bCIF\b|GSTIN|SIRE[NT]|KvK/i;
/** Explicitly before tax: outranks a bare "subtotal", which some shops print including VAT. */
// "Netto" as a word or heading its German compounds ("Nettobetrag", "Gesamtnetto"), not inside another word: the
// Italian "cuscinetto" (a bearing) and the French "nettoyage" are item rows, not the net.
const NET_STRONG =
  /(\bnetto(?:betrag|summe|wert|preis|gesamt)?\b|gesamtnetto\b|\bnet\b|excl\.?\s*(vat|tax|mwst|ust|btw|tva|iva)|exclusief|exkl\.?|ohne\s+(mwst|ust)|before\s+tax|\bHT\b|hors\s+taxes?|base\s+imponible|suma\s+(?:de\s+(?:las\s+)?)?bases|imponibile|grondslag|taxable\s+(value|amount)|importe\s+neto)/i;
/**
 * Income tax the payer withholds from a professional's fee and pays to the tax office itself (Spanish IRPF
 * retención, Italian ritenuta d'acconto, Indian TDS, Belgian précompte): not VAT and not part of the net, so
 * its line is no total ("Ritenuta d'acconto 20% su imponibile" names no net).
 */
export const WITHHOLDING =
  /(\bIRPF\b|Retenci[óo]n|Ritenuta|Withholding\s+tax|\bTDS\b|Pr[ée]compte\s+professionnel|Quellensteuer|Bronbelasting)/i;
/** "Net" meaning what is left to pay, not before tax: "Net à payer", "Netto a pagare", "Neto a pagar". */
const PAYABLE = /(net\s+à\s+payer|netto\s+a\s+pagare|neto\s+a\s+pagar|netto\s+te\s+betalen)/i;
const NET_WEAK = /(subtotal|sub-total|sub\s+total|subtotaal|sous-total|subtotale|zwischensumme|warenwert)/i;
const VAT =
  /\b(MwSt|Mehrwertsteuer|USt|Umsatzsteuer|Steuerbetrag|Steuersumme|VAT|Sales\s+tax|Tax|TVA|BTW|IVA|Imposta|[CSI]GST\d{0,2})\b/i;
const INCLUDED = /(inkl|incl|including|inclusief|brutto|gross|\bTTC\b|incluido|compresa|ivato)/i;
/**
 * VAT stated as contained in the gross, as shops print it under a gross total ("darin enthalten 19 % MwSt.",
 * "inkl. 19 % USt.", "waarvan BTW 21%", "dont TVA 20 %", "IVA 21 % incluido", "di cui IVA"): the net is
 * then the gross less that VAT.
 */
const CONTAINED_VAT =
  /(enthalten|davon|inkl\.?|incl\.?|including|inclusief|waarvan|\bdont\b|incluid[oa]|\bdi\s+cui\b|inclusa|compresa)/i;
// A credit note's total says what is credited or refunded, as an invoice's says what is to pay: "Te crediteren",
// "À créditer", "Zu erstatten", "Amount to be credited", "A abonar", "Da accreditare".
const GROSS =
  /(gesamtbetrag|gesamtsumme|bruttobetrag|brutto|rechnungsbetrag|endbetrag|endsumme|zahlbetrag|zu\s+zahlen|\bgesamt\b|\bsumme\b|\btotal\b|amount\s+due|balance\s+due|amount\s+payable|due\s+payable|total\s+payable|grand\s+total|\bgross\b|\bTTC\b|à\s+payer|\bsomme\b|totaal|te\s+betalen|factuurbedrag|importe\s+total|total\s+a\s+pagar|\btotale\b|da\s+pagare|importo\s+totale|gutschrifts?betrag|erstattungsbetrag|credit\s+total|total\s+credit|montant\s+de\s+l['’]avoir|creditbedrag|importe\s+(?:del\s+)?abono|totale\s+nota\s+di\s+credito|te\s+crediteren|[àa]\s+cr[ée]diter|[àa]\s+rembourser|zu\s+erstatten|to\s+be\s+credited|credit\s+due|a\s+abonar|a\s+devolver|da\s+accreditare|da\s+rimborsare)/i;
// Invoices without VAT say why; then the VAT is a known zero rather than a missing value, and the reason
// names its EN 16931 category (UNCL 5305): AE reverse charge, K intra-EU supply, G export, E exempt, O
// outside the scope of VAT.
// Not "Whether tax is payable under reverse charge: No", which Indian invoices must print.
const REVERSE_CHARGE =
  /(?<!under\s)(Reverse[\s-]Charge|Steuerschuldnerschaft\s+des\s+Leistungsempfängers|autoliquidation|BTW\s+verlegd|verlegd|inversión\s+del\s+sujeto\s+pasivo|inversione\s+contabile)/i;
const INTRA_EU =
  /(innergemeinschaftliche\s+Lieferung|intra-?community\s+supply|livraison\s+intracommunautaire|intracommunautaire\s+levering|entrega\s+intracomunitaria|cessione\s+intracomunitaria)/i;
const EXPORT =
  /(Ausfuhrlieferung|steuerfreie\s+Ausfuhr|export\s+of\s+goods|exportation|uitvoer|exportación|esportazione)/i;
const OUTSIDE_SCOPE = /(nicht\s+steuerbar|outside\s+the\s+scope\s+of\s+VAT|non\s+soggett[ao]|hors\s+champ)/i;
const EXEMPT =
  /(§\s*19\s*UStG|Kleinunternehmer|steuerfrei|VAT\s+exempt|exempt\s+from\s+VAT|TVA\s+non\s+applicable|art(icle)?\.?\s*293\s*B|exonér|vrijgesteld|exent[oa]\s+de\s+IVA|esente\s+IVA)/i;
const NO_VAT = new RegExp(
  [REVERSE_CHARGE, INTRA_EU, EXPORT, OUTSIDE_SCOPE, EXEMPT].map((r) => r.source).join('|'),
  'i',
);

/** The VAT category of a rate: any positive rate is standard-rated (S); a zero rate by the reason printed. */
function vatCategory(rate: number, lines: DocLine[]): string {
  if (rate > 0) return 'S';
  const said = (reason: RegExp) => lines.some((line) => reason.test(line.text));
  if (said(REVERSE_CHARGE)) return 'AE';
  if (said(INTRA_EU)) return 'K';
  if (said(EXPORT)) return 'G';
  if (said(OUTSIDE_SCOPE)) return 'O';
  if (said(EXEMPT)) return 'E';
  return 'Z';
}

// The code right after the label, in capitals ("Valuta: EUR"), not the next column's word ("Valuta\tTotale").
const CURRENCY_LABEL =
  /(?:Währung|Currency|Devise|Valuta|Moneda)\s*:?[ \u00a0\t]*([\p{L}€£$]{1,3})(?![\p{L}])/iu;
const CURRENCY_CODE = /^(?:[A-Z]{3}|€|£|\$)$/;
/** A column of VAT rates ("BTW %", "Taux TVA"), not of VAT amounts. */
const RATE_COLUMN = /%|\b(rate|satz|taux|tarief|tipo|aliquota)\b/i;
const AMOUNT_WORD = /(betrag|bedrag|amount|montant|importe|importo)/i;

/** Which total a label states, if any: the order matters ("Total excl. VAT" is net, "Total incl. VAT" gross). */
export function totalKind(text: string): TotalKind | null {
  if (NOT_A_TOTAL.test(text) || WITHHOLDING.test(text)) return null;
  if (PAYABLE.test(text)) return 'gross';
  if (NET_STRONG.test(text) || NET_WEAK.test(text)) return 'net';
  if (VAT.test(text) && (!INCLUDED.test(text) || (CONTAINED_VAT.test(text) && !GROSS.test(text))))
    return 'vat';
  if (GROSS.test(text)) return 'gross';
  return null;
}

export interface VatRow {
  category: string | null;
  rate: number;
  net: number | null;
  vat: number;
}

export interface Totals {
  net: Found<number> | null;
  vat: Found<number> | null;
  rate: Found<number> | null;
  gross: Found<number> | null;
  currency: Found<string> | null;
  /** Several VAT rates: the amount is their sum and no single rate applies. */
  mixedRates: boolean;
  /** VAT per rate: from a VAT table's rows (with the taxable amount), else from one line per rate. */
  breakdown: VatRow[];
  /**
   * The sum proves nothing by itself: no net was printed (it is the gross less the VAT stated), or the VAT or
   * the gross was chosen among several statements because it adds up. Then the rate or the items must confirm.
   */
  sumUnproven: boolean;
  /** Several rates' taxable amounts were derived from their VAT (VAT ÷ rate), none printed: exact only to cents. */
  basesDerived: boolean;
  /** Income tax withheld (positive), proven by its rate; the amount paid is then net + VAT − it. */
  withholding: Found<number> | null;
}

interface Candidate extends Found<number> {
  kind: TotalKind;
  /** The label's text, for the rate and for ranking a "subtotal" below an explicit net. */
  label: string;
}

/**
 * Amounts of a totals line, spaced thousands read ("1 234,56 €"). A quantity may stand before an amount
 * ("Total | 1 278.61 | 40.39 319.00"): when the plain reading adds up (net + VAT = gross) and the spaced
 * one does not, the plain one is right.
 */
export function amounts(text: string): Money[] {
  const spaced = amountsIn(text, { spacedThousands: true });
  // Only a digit, a space and three digits can be read two ways.
  if (spaced.length >= 3 || !/\d[ \u00a0]\d{3}/.test(text)) return spaced;
  const plain = amountsIn(text);
  return plain.length > spaced.length && netVatGross(plain.map((m) => m.minor)) ? plain : spaced;
}

export function invoiceTotals(lines: DocLine[]): Totals {
  const candidates: Candidate[] = [];
  for (const line of lines) candidates.push(...pairsOnLine(line));
  const tables = tableTotals(lines);
  candidates.push(...tables.candidates);
  candidates.sort((a, b) => a.line.index - b.line.index);
  const of = (kind: TotalKind) => candidates.filter((c) => c.kind === kind);
  // The totals block closes the invoice: the last statement of each total is the final one.
  const nets = of('net');
  const net = nets.filter((c) => NET_STRONG.test(c.label)).at(-1) ?? nets.at(-1) ?? null;
  const grosses = of('gross');
  const read = vatOf(of('vat'), lines);
  const { perRate } = read;
  // The VAT read does not add up with the net to any gross, but one VAT statement does ("Steuerbetrag 20,16"
  // beside allowance lines that name a rate): the statements agree on that one.
  const adds = (v: number) => net !== null && grosses.some((g) => g.value === net.value + v);
  // Never a zero VAT this way: a tax-free line ("Versand (MwSt-frei) 0,00") adds up to a net misread as gross.
  const agreeing =
    read.vat && !adds(read.vat.value)
      ? of('vat')
          .filter((c) => c.value !== 0 && adds(c.value))
          .at(-1)
      : undefined;
  const vat = agreeing ? { value: agreeing.value, line: agreeing.line } : read.vat;
  // Of several gross statements ("Bruttosumme", then "Zahlbetrag" after a deposit), the one that is net +
  // VAT is the invoice's total; an amount due after prepayments is not. Else the last one.
  const summing = net && vat ? grosses.filter((g) => g.value === net.value + vat.value).at(-1) : undefined;
  const gross = summing ?? grosses.at(-1) ?? null;
  // A choice made because it adds up cannot then confirm itself by adding up.
  const chosen = agreeing !== undefined || (summing !== undefined && summing !== grosses.at(-1));
  // No net printed: it is the gross less the VAT stated beside it (contained in it, added to it, or a stated
  // zero), never a confirmation of the gross (sumUnproven).
  const derived = !net && vat && gross ? { value: gross.value - vat.value, line: vat.line } : null;
  const netFound = net ? { value: net.value, line: net.line } : derived;
  const printedRates = tables.breakdown.length > 1 ? tables.breakdown : read.mixedRates ? perRate : [];
  // The rows as read do not add up to the VAT, nor does one rate explain it: the lines that prove themselves
  // (net × rate = VAT) may.
  const oneRate =
    !read.mixedRates &&
    read.rate &&
    net &&
    vat &&
    Math.abs(Math.round((net.value * read.rate.value) / 100) - vat.value) <= 1;
  const proven = vat && !oneRate && !addsUpTo(printedRates, vat.value) ? provenRates(lines) : [];
  // Proven rows must add up to the VAT and, when a net is printed, to the net or with the VAT to a gross (a
  // quantity of 10 "proves" 10 % of its price; such rows add up to neither).
  const provenNet = proven.reduce((sum, row) => sum + (row.net ?? 0), 0);
  const useProven =
    vat !== null &&
    proven.length > 0 &&
    addsUpTo(proven, vat.value) &&
    (!net ||
      Math.abs(provenNet - net.value) <= proven.length ||
      grosses.some((g) => Math.abs(provenNet + vat.value - g.value) <= proven.length));
  const perRates = useProven ? proven : printedRates;
  // Proven rows say how many rates there are: one proven rate is the invoice's rate.
  const single = useProven && proven.length === 1 ? proven[0] : undefined;
  const mixedRates = useProven ? proven.length > 1 : read.mixedRates;
  const stated = single && vat ? { value: single.rate, line: vat.line } : useProven ? null : read.rate;
  // No rate beside the VAT ("VAT Amount £1,385.40") and no split: the one rate printed on the page (the rows'
  // VAT column, a note) that turns the net into the VAT, to a cent, is the invoice's rate.
  const rate =
    stated ??
    (!mixedRates && !perRates.length && netFound && vat && vat.value !== 0
      ? rateOnPage(lines, netFound.value, vat.value)
      : null);
  const rows = perRates.length
    ? netFound
      ? withNetsPerRate(perRates, netFound.value)
      : perRates
    : rate && netFound && vat
      ? [{ rate: rate.value, net: netFound.value, vat: vat.value }]
      : [];
  // Taxable amounts per rate worked out from the VAT rather than printed: estimates to a few cents.
  const basesDerived = rows.some((row, i) => row.net !== null && perRates[i]?.net === null);
  return {
    basesDerived,
    net: netFound,
    vat,
    rate,
    withholding: netFound ? withholdingOf(lines, netFound.value) : null,
    gross: gross && { value: gross.value, line: gross.line },
    currency: currencyOf(lines, gross),
    mixedRates,
    breakdown: rows.map((row) => ({ category: vatCategory(row.rate, lines), ...row })),
    sumUnproven: derived !== null || chosen,
  };
}

type RateRow = Omit<VatRow, 'category'>;

/**
 * A totals grid: a row of headings ("Base imponible | % IVA | Cuota IVA | % IRPF | Retención IRPF | TOTAL")
 * over a row of values, the rate printed without its sign. The value under the withholding's amount heading,
 * proven by the rate under its percent heading applied to the net.
 */
function withholdingInGrid(header: DocLine, values: DocLine | undefined, net: number): Found<number> | null {
  if (!values || amounts(header.text).length > 0) return null;
  const heads = header.text.split('\t');
  const cells = values.text.split('\t');
  if (heads.length !== cells.length) return null;
  const rateAt = heads.findIndex((h) => WITHHOLDING.test(h) && /%/.test(h));
  const amountAt = heads.findIndex((h) => WITHHOLDING.test(h) && !/%/.test(h));
  const rate = rateAt === -1 ? null : parseDecimal((cells[rateAt] ?? '').replace('%', '').trim());
  const withheld = amountAt === -1 ? undefined : amounts(cells[amountAt] ?? '')[0];
  if (!rate || !withheld) return null;
  const value = Math.abs(withheld.minor);
  return Math.abs(Math.round((Math.abs(net) * rate) / 100) - value) <= 1 ? { value, line: values } : null;
}

/** The one rate printed on the page of which the VAT is the net's share, to a cent; null for none or several. */
function rateOnPage(lines: DocLine[], net: number, vat: number): Found<number> | null {
  const fits = new Map<number, DocLine>();
  for (const line of lines)
    for (const rate of percentsIn(line.text))
      if (rate > 0 && !fits.has(rate) && Math.abs(Math.round((net * rate) / 100) - vat) <= 1)
        fits.set(rate, line);
  const [only, ...more] = [...fits];
  return only && more.length === 0 ? { value: only[0], line: only[1] } : null;
}

/**
 * The income tax withheld: the last withholding line whose printed rate turns the net (or a base printed on the
 * same line) into its amount, to a cent. A withholding line that proves nothing is left out, so the invoice's
 * sums do not add up and a person looks.
 */
function withholdingOf(lines: DocLine[], net: number): Found<number> | null {
  let found: Found<number> | null = null;
  for (const [i, line] of lines.entries()) {
    if (!WITHHOLDING.test(line.text)) continue;
    const below = lines.slice(i + 1, i + 3).find((next) => next.text.trim() !== '');
    const gridded = withholdingInGrid(line, below, net);
    if (gridded) found = gridded;
    const values = amounts(line.text).map((money) => Math.abs(money.minor));
    const withheld = values.at(-1);
    const rate = percentsIn(line.text)[0];
    if (!withheld || !rate) continue;
    const bases = [Math.abs(net), ...values.slice(0, -1)];
    if (bases.some((base) => Math.abs(Math.round((base * rate) / 100) - withheld) <= 1))
      found = { value: withheld, line };
  }
  return found;
}

/**
 * One net printed over several VAT lines ("Base imponible 730,00 | IVA 10 % 62,68 | IVA 21 % 21,67"): each
 * rate's taxable amount is its VAT over its rate, kept only when those add up to the printed net (within the
 * cents that rounding each VAT can hide), the last taking the remainder so the breakdown sums exactly.
 */
function withNetsPerRate(breakdown: RateRow[], net: number): RateRow[] {
  if (breakdown.length < 2 || breakdown.some((row) => row.net !== null || row.rate <= 0)) return breakdown;
  const nets = breakdown.map((row) => Math.round((row.vat * 100) / row.rate));
  const slack = breakdown.reduce((total, row) => total + 50 / row.rate, 1);
  if (Math.abs(nets.reduce((a, b) => a + b, 0) - net) > slack) return breakdown;
  const othersNet = nets.slice(0, -1).reduce((a, b) => a + b, 0);
  return breakdown.map((row, i) => ({
    ...row,
    net: i === nets.length - 1 ? net - othersNet : (nets[i] ?? 0),
  }));
}

/** Label/amount pairs of one line: each labelled cell takes the amounts up to the next labelled cell. */
function pairsOnLine(line: DocLine): Candidate[] {
  const cells = line.text.split('\t');
  const labelled = cells.map((cell) =>
    amounts(cell).length === 0 || labelBefore(cell) ? totalKind(cell) : null,
  );
  const found: Candidate[] = [];
  if (labelled.filter(Boolean).length <= 1) {
    // One label: the line's last amount (a totals row's rightmost column is its final value). The label
    // comes before the amount, and a sentence is no totals row ("… indemnité de 40 €. TVA acquittée …").
    const amount = amounts(line.text).at(-1);
    const before = amount ? line.text.slice(0, amount.index) : '';
    const kind = amount && !isProse(before) ? totalKind(before) : null;
    if (kind && amount) found.push({ kind, value: amount.minor, line, label: line.text });
    return found;
  }
  cells.forEach((cell, i) => {
    const kind = labelled[i];
    if (!kind) return;
    let value = amounts(cell.slice(labelBefore(cell)?.length ?? cell.length)).at(-1);
    for (let j = i + 1; j < cells.length && !labelled[j]; j++)
      value = amounts(cells[j] ?? '').at(-1) ?? value;
    if (value) found.push({ kind, value: value.minor, line, label: cell });
  });
  return found;
}

/**
 * Running text rather than a label: many words in one cell, or a sentence's full stop followed by more
 * words. An abbreviation's dot ("zzgl. Umsatzsteuer", "incl. VAT", "Ges.-Betrag") ends no sentence.
 */
function isProse(text: string): boolean {
  const cell = text.split('\t').at(-2) ?? text;
  if ((text.match(/\p{L}+/gu)?.length ?? 0) > 12) return true;
  return [...cell.matchAll(/(\p{L}{3,})\.\s+\p{L}+.*\p{L}/gu)].some((m) => !ABBREVIATION.test(m[1] ?? ''));
}

const ABBREVIATION =
  /^(zzgl|abzgl|inkl|exkl|incl|excl|ust|mwst|ggf|bzw|evtl|gem|vgl|usw|ges|betr|approx|resp|avg|exc|env|cca|ecc|pag|imp)$/i;

/** The text of a cell before its first amount, when that text is a label ("BTW 21% € 124,61" → "BTW 21% "). */
function labelBefore(cell: string): string | null {
  const first = amounts(cell)[0];
  if (!first) return null;
  const before = cell.slice(0, first.index);
  return /[a-zà-ÿ]{2,}/i.test(before) ? before : null;
}

/** Header rows of total columns over a row of amounts (a VAT summary or a totals table). */
function tableTotals(lines: DocLine[]): { candidates: Candidate[]; breakdown: RateRow[] } {
  const found: Candidate[] = [];
  const breakdown: RateRow[] = [];
  for (const header of lines) {
    const cells = header.text.split('\t');
    if (cells.length < 2 || amounts(header.text).length > 0 || isItemTableHeader(cells)) continue;
    const columns = cells.map((cell) =>
      RATE_COLUMN.test(cell) && !AMOUNT_WORD.test(cell) ? 'rate' : totalKind(cell),
    );
    const kinds = new Set(columns.filter((k): k is TotalKind => k !== null && k !== 'rate'));
    if (kinds.size < 2) continue;
    const row = totalsRow(lines, header, columns.length);
    if (!row) continue;
    if (columns.includes('rate')) breakdown.push(...rateRows(lines, header, row, columns));
    // A VAT table of several rates without a sum row: its last row is one rate's, no total.
    const rateLines = lines
      .slice(header.index + 1, row.index + 1)
      .filter((l) => percentsIn(l.text).length > 0);
    if (rateLines.length > 1 && percentsIn(row.text).length > 0) continue;
    const values = amounts(row.text);
    const summed = VAT.test(header.text) ? netVatGross(values.map((money) => money.minor)) : null;
    if (summed) {
      for (const kind of ['net', 'vat', 'gross'] as const)
        found.push({ kind, value: summed[kind], line: row, label: header.text });
      continue;
    }
    // A row of one cell per heading ("3.130,00 | 21 | 657,30 | 15 | -469,50 | 3.317,80 €" under "Base imponible | %
    // IVA | Cuota IVA | % IRPF | Retención IRPF | TOTAL"): each cell's amount is its heading's, bare rates and all.
    const rowCells = row.text.split('\t');
    if (rowCells.length === cells.length) {
      rowCells.forEach((cell, i) => {
        const kind = columns[i];
        const money = amounts(cell)[0];
        if (kind && kind !== 'rate' && money)
          found.push({ kind, value: money.minor, line: row, label: cells[i] ?? '' });
      });
      continue;
    }
    // Right-aligned: the last amount is the last column, and so on leftwards.
    const offset = columns.length - values.length;
    values.forEach((money, i) => {
      const kind = columns[offset + i];
      if (kind && kind !== 'rate')
        found.push({ kind, value: money.minor, line: row, label: cells[offset + i] ?? '' });
    });
  }
  return { candidates: found, breakdown };
}

/**
 * A totals row whose last three amounts add up (a + b = c) is net, VAT and gross whatever the order of its
 * header's cells, which are often merged or offset ("Grondslag BTW bedrag" over two columns); only under a header
 * that names VAT somewhere ("Warenwert | Versand | Gesamt" adds up too). The VAT is the smaller
 * of the two addends, as no VAT rate reaches 100 %. Null when the amounts do not add up.
 */
function netVatGross(values: number[]): Record<TotalKind, number> | null {
  const [a, b, c] = values.slice(-3);
  if (values.length < 3 || a === undefined || b === undefined || c === undefined) return null;
  if (a + b !== c || a === 0 || b === 0 || Math.sign(a) !== Math.sign(b)) return null;
  const [vat, net] = Math.abs(a) < Math.abs(b) ? [a, b] : [b, a];
  return { net, vat, gross: c };
}

/** The rows of a VAT table, one per rate: the rate, its taxable amount and its VAT, by column. */
function rateRows(lines: DocLine[], header: DocLine, total: DocLine, columns: (TotalKind | 'rate' | null)[]) {
  const rows: RateRow[] = [];
  // Down to the totals row, or further while rows with a rate follow (totals printed beside the table).
  for (const line of lines.slice(header.index + 1, Math.max(total.index + 1, header.index + 8))) {
    if (line.page !== header.page || (line.index > total.index && line.text.trim() === '')) break;
    const values = amounts(line.text);
    const rate = percentsIn(line.text)[0] ?? bareRate(line.text, values);
    // Past the totals row only rate rows continue the table ("Skonto 2 % …" below it is no VAT row).
    if (rate === undefined && line.index > total.index) break;
    if (rate === undefined) continue;
    // A zero rate's VAT is a zero amount; its taxable amount is the one before it.
    const zero = rate === 0 ? values.findIndex((money, i) => i > 0 && money.minor === 0) : -1;
    if (zero > 0) {
      rows.push({ rate, net: values[zero - 1]?.minor ?? null, vat: 0 });
      continue;
    }
    // The rate names its pair: the base it turns into the VAT (to a cent), wherever the columns sit.
    const pair = rateOf(
      values.map((money) => money.minor),
      rate,
    );
    if (pair) {
      rows.push({ rate, ...pair });
      continue;
    }
    const offset = columns.length - values.length;
    const at = (kind: TotalKind) => values[columns.indexOf(kind) - offset]?.minor ?? null;
    const vat = at('vat');
    if (vat !== null) rows.push({ rate, net: at('net'), vat });
  }
  return rows;
}

/**
 * A rate printed without its sign under a "%" column ("Umsatzsteuer (S) | 275,00 | 7 | 19,25"): the one number
 * of the row up to 30 that relates two of its amounts as net × rate = VAT. Undefined when none or several do.
 */
function bareRate(text: string, values: Money[]): number | undefined {
  const numbers = [...text.matchAll(/(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)(?![\d.,])/g)].map((m) => ({
    rate: Number((m[1] ?? '').replace(',', '.')),
    index: m.index,
  }));
  const fits = numbers.filter(
    (n) =>
      n.rate > 0 &&
      n.rate <= 30 &&
      rateOf(
        values.filter((v) => v.index !== n.index).map((v) => v.minor),
        n.rate,
      ),
  );
  return fits.length === 1 ? fits[0]?.rate : undefined;
}

/** Whether rows' VAT adds up to the total VAT, within a cent of rounding per row. */
const addsUpTo = (rows: RateRow[], vat: number) =>
  rows.length > 0 && Math.abs(rows.reduce((sum, row) => sum + row.vat, 0) - vat) <= rows.length;

/**
 * VAT per rate from the lines that prove themselves, whatever their labels and columns: a rate (with or without
 * its sign) and two amounts it relates as net × rate = VAT. The last such line of each rate counts (a summary
 * table follows the items). Allowance lines naming a rate do not prove themselves and stay out.
 */
function provenRates(lines: DocLine[]): RateRow[] {
  const byRate = new Map<number, RateRow>();
  for (const line of lines) {
    const values = amounts(line.text);
    if (values.length < 2) continue;
    const rate = percentsIn(line.text)[0] ?? bareRate(line.text, values);
    const pair =
      rate === undefined
        ? null
        : rateOf(
            values.map((m) => m.minor),
            rate,
          );
    if (rate !== undefined && pair) byRate.set(rate, { rate, ...pair });
  }
  return [...byRate.values()];
}

/** The one (net, VAT) pair among a row's amounts that the rate relates: net × rate = VAT to a cent. */
function rateOf(values: number[], rate: number): { net: number; vat: number } | null {
  if (rate <= 0) return null;
  const pairs = values.flatMap((net, i) =>
    values
      .filter((vat, j) => j !== i && vat !== 0 && Math.abs(vat) < Math.abs(net))
      .filter((vat) => Math.abs(Math.round((net * rate) / 100) - vat) <= 1)
      .map((vat) => ({ net, vat })),
  );
  // The same pair found twice is one ("Importe neto | Base imponible" print the same amount when nothing is exempt).
  const distinct = new Set(pairs.map((pair) => `${pair.net}/${pair.vat}`));
  return distinct.size === 1 ? (pairs[0] ?? null) : null;
}

/** The row that totals a table: one labelled as a total, else the last row of amounts before a gap. */
function totalsRow(lines: DocLine[], header: DocLine, columns: number): DocLine | null {
  let last: DocLine | null = null;
  for (const line of lines.slice(header.index + 1, header.index + 12)) {
    if (line.page !== header.page) break;
    // A blank line ends the table, but not the gap some layouts leave under its header.
    if (line.text.trim() === '') {
      if (last) break;
      continue;
    }
    const count = amounts(line.text).length;
    if (count === 0 || count > columns) break;
    last = line;
    // Labelled as the total in its first cell: "TOTAL FACTURA" beside a rate's row names another column.
    if (/^\s*(total(es|en)?|totaal|totale|gesamt|summe|somme)\b/i.test(line.text.split('\t')[0] ?? ''))
      return line;
  }
  return last;
}

/**
 * The taxable amount a rate's VAT line prints beside its VAT ("21% btw | over € 3.397,06 | € 713,38",
 * "4% | IVA 4% | 424,93 | 17,00"): the other amount of the line that the rate turns into the VAT (to a
 * cent). Null when none does: the net is then derived from the VAT, if at all.
 */
function printedBase(text: string, rate: number, vat: number): number | null {
  // A zero rate turns every base into no VAT: its base is the line's one other amount ("VAT 0% on £11,795.00 |
  // £0.00"), which only the bases' sum can confirm (checks: vat_bases_sum_to_net).
  if (rate <= 0) {
    const others = amountsIn(text).filter((a) => a.minor !== 0);
    return vat === 0 && others.length === 1 ? (others[0]?.minor ?? null) : null;
  }
  const bases = amountsIn(text).filter(
    (a) => a.minor !== vat && Math.abs(Math.round((a.minor * rate) / 100) - vat) <= 1,
  );
  return bases.length === 1 ? (bases[0]?.minor ?? null) : null;
}

/**
 * "CGST 9 % 25,830.00" and "SGST 9 % 25,830.00" are one GST of 18 %: each pair of halves at one rate becomes one
 * statement of their sum at twice the rate (the rate India's invoices are taxed at). IGST is charged whole.
 */
function halvesOfGst<T extends Candidate & { rate: number | null }>(found: T[]): T[] {
  const central = found.filter((f) => /\bCGST/i.test(f.label) && f.rate !== null);
  if (central.length === 0) return found;
  const used = new Set<T>();
  const merged: T[] = [];
  for (const c of central) {
    const state = found.find((f) => !used.has(f) && /\b(?:SGST|UTGST)/i.test(f.label) && f.rate === c.rate);
    if (!state) continue;
    used.add(c);
    used.add(state);
    merged.push({
      ...c,
      value: c.value + state.value,
      rate: (c.rate ?? 0) * 2,
      label: `${c.label} + ${state.label}`,
    });
  }
  return [...found.filter((f) => !used.has(f)), ...merged].sort((a, b) => a.line.index - b.line.index);
}

/**
 * The rate a VAT label states: its percent, or of several the one the others add up to — a US sales tax of state and
 * county parts, "Sales Tax (PA 6% + Allegheny 1%) 7%".
 */
function labelRate(label: string): number | undefined {
  const rates = percentsIn(label);
  if (rates.length < 3) return rates[0];
  const sum = (values: number[]) => Math.round(values.reduce((total, rate) => total + rate, 0) * 1000);
  return (
    rates.find((rate, i) => sum(rates.filter((_, j) => j !== i)) === Math.round(rate * 1000)) ?? rates[0]
  );
}

function vatOf(
  found: Candidate[],
  lines: DocLine[],
): Pick<Totals, 'vat' | 'rate' | 'mixedRates'> & { perRate: RateRow[] } {
  const withRate = halvesOfGst(
    found.map((f) => ({
      ...f,
      rate: labelRate(f.label) ?? percentsIn(f.line.text)[0] ?? null,
    })),
  );
  const rated = withRate.filter((f) => f.rate !== null);
  const rates = new Set(rated.map((f) => f.rate));
  if (rates.size > 1) {
    // One statement per rate (a VAT table may repeat them): the sum of the last of each.
    const lastPerRate = new Map(rated.map((f) => [f.rate, f]));
    const perRate = [...lastPerRate.values()].map((f): RateRow => {
      const rate = f.rate ?? 0;
      // A VAT table's row that ends in the rate's total, base plus VAT ("IVA 4% | 622,50 | 24,90 | 647,40"): the
      // pair the rate proves is its base and VAT, not its last amount.
      const pair = rateOf(
        amounts(f.line.text).map((money) => money.minor),
        rate,
      );
      if (pair && pair.net + pair.vat === f.value) return { rate, ...pair };
      return { rate, net: printedBase(f.line.text, rate, f.value), vat: f.value };
    });
    const sum = perRate.reduce((total, row) => total + row.vat, 0);
    return {
      vat: rated[0] ? { value: sum, line: rated[0].line } : null,
      rate: null,
      mixedRates: true,
      perRate,
    };
  }
  const last = withRate.at(-1);
  if (last) {
    const rateLine = rated.at(-1);
    // "Btw verlegd | EUR 0,00": a zero VAT the invoice says why of is charged at a zero rate.
    const zeroBy = last.value === 0 && !rateLine ? lines.find((line) => NO_VAT.test(line.text)) : undefined;
    return {
      vat: { value: last.value, line: last.line },
      rate:
        rateLine?.rate != null
          ? { value: rateLine.rate, line: rateLine.line }
          : zeroBy
            ? { value: 0, line: zeroBy }
            : null,
      mixedRates: false,
      perRate: [],
    };
  }
  const exempt = lines.find((line) => NO_VAT.test(line.text));
  return exempt
    ? {
        vat: { value: 0, line: exempt },
        rate: { value: 0, line: exempt },
        mixedRates: false,
        perRate: [],
      }
    : { vat: null, rate: null, mixedRates: false, perRate: [] };
}

/** The gross line's currency; else the one most amounts carry; else a "Währung:" label. */
function currencyOf(lines: DocLine[], gross: Found<number> | null): Found<string> | null {
  const onGross = gross && amounts(gross.line.text).find((a) => a.currency)?.currency;
  if (gross && onGross) return { value: onGross, line: gross.line };
  // A code in the gross's label rather than beside its number: "Total EUR | 34,73", "Amount due (USD)".
  const inLabel =
    gross && /\b([A-Z]{3})\b/.exec(gross.line.text.slice(0, amounts(gross.line.text).at(-1)?.index));
  const labelCode = inLabel?.[1] && currencyCode(inLabel[1]);
  if (gross && labelCode) return { value: labelCode, line: gross.line };
  const counts = new Map<string, { count: number; line: DocLine }>();
  for (const line of lines) {
    for (const { currency } of amountsIn(line.text)) {
      if (!currency) continue;
      const seen = counts.get(currency);
      counts.set(currency, { count: (seen?.count ?? 0) + 1, line: seen?.line ?? line });
    }
  }
  const [top] = [...counts.entries()].sort(
    (a, b) => b[1].count - a[1].count || a[1].line.index - b[1].line.index,
  );
  if (top) return { value: top[0], line: top[1].line };
  for (const line of lines) {
    const code = CURRENCY_LABEL.exec(line.text)?.[1];
    if (!code || !CURRENCY_CODE.test(code)) continue;
    const currency = code && (currencyCode(code) ?? code.toLowerCase());
    if (currency) return { value: currency, line };
  }
  // A code heading the amounts ("Amount GBP", "TOTAL GBP"): when the page names one currency only.
  const named = lines.flatMap((line) =>
    [...line.text.matchAll(ISO_CODE)].map((m) => ({ value: (m[1] ?? '').toLowerCase(), line })),
  );
  return named.length > 0 && named.every((n) => n.value === named[0]?.value) ? (named[0] ?? null) : null;
}

const ISO_CODE = /(?<![\p{L}\d])(EUR|GBP|USD|CHF|INR|SEK|NOK|DKK|PLN|CZK|HUF|CAD|AUD|JPY)(?![\p{L}\d])/gu;
