// Invoice number and dates (issue, service date or period, due date), labelled in German, English, French,
// Dutch, Spanish or Italian.
import type { DocLine } from '../../text';
import { datesIn, monthPeriodIn } from '../../text/dates';
import { allLabelled, cellBelow, type Found, firstLabelled } from '../shared/labels';
import { parseReference } from '../shared/reference';

// Labels per language (de, en, fr, nl, es, it). Each list states how invoices print the field, not one
// fixture's wording; "n°", "nº", "no." after a label are separators (see shared/labels).
const NUMBER_LABEL = new RegExp(
  [
    String.raw`Rechnungs?[\s-]?(?:nummer|nr\b\.?|no\b\.?)|Rechnung(?:\s+\(\d{3}\))?\s+(?:Nr|Nummer)\b\.?|\bRe\.?-Nr\.?|Beleg-?(?:nummer|nr\b\.?)`,
    String.raw`Invoice\s*(?:No\b\.?|Number|Nr\b\.?|#|ID\b|Ref(?:erence)?\b\.?)|\bInv\.?\s*No\b\.?|Bill\s+No\b\.?|Document\s+No\b\.?`,
    String.raw`N(?:°|º|o\.?|uméro)\s*(?:de\s+)?facture|Facture\s*(?:N\s?°|N\s?º|no\b\.?|num[ée]ro)`,
    String.raw`Factuur\s*-?\s*(?:nummer|nr\b\.?|no\b\.?)|Factuurnr\.?`,
    String.raw`N(?:ú|u)mero\s+de\s+factura|N\.?º\s*(?:de\s+)?factura|Factura\s*(?:N\.?\s?º|nº|n°|no\b\.?|n(?:ú|u)mero)`,
    String.raw`Numero\s+(?:fattura|documento)|N\.\s*fattura|Fattura\s*(?:n\b\.?|nr\b\.?|N°|numero)`,
    // The XRechnung / ZUGFeRD viewer's title: the document type, its UNTDID 1001 code, then the number
    // ("Handelsrechnung (380) Nr. 471102 vom …", "Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. …").
    String.raw`(?<=^|\t)[^\t\d]{3,60}?\(\d{3}\)\s+Nr\b\.?`,
  ].join('|'),
  'i',
);
/**
 * Bare words heading the invoice's number: over a row of values, or as the key of a details column
 * ("Factura | LC/2024/0731"). The value is the whole cell, so a title's neighbour ("FACTUUR | 3511 ZK Utrecht",
 * the letterhead's place) is none.
 */
const NUMBER_HEADER = new RegExp(
  [
    // A bare "Number" heading a column beside the date's ("Numero | Data" over "12/2025 | 03/04/2025"): on an
    // invoice, the number of the document that heads its details so.
    String.raw`(?<=^|\t)(?:Numero|N[úu]mero|Nummer|Number|No\.?|Nr\.?|N\s?[°º])(?=\t(?:Data|Date|Datum|Fecha)\b)|(?<=(?:^|\t)(?:Data|Date|Datum|Fecha)\t)(?:Numero|N[úu]mero|Nummer|Number|No\.?|Nr\.?|N\s?[°º])(?=\t|$)`,
    // The document's kind over a row of values ("Klant | Order | Factuur | Vervaldatum").
    String.raw`(?<=^|\t)(?:Invoice|Rechnung|Facture|Factuur|Factura|Fattura)(?=\t)`,
  ].join('|'),
  'i',
);
// Invoices often print the number in the title instead: "Rechnung 2024-0815", "INVOICE #INV-7".
const TITLE_NUMBER =
  /^\s*(?:Rechnung|Gutschrift|Invoice|Tax invoice|Credit note|Facture|Avoir|Factuur|Creditnota|Factura|Fattura|Nota di credito)\b/i;
// Not the invoice date a payment term counts from ("30 jours date de facture", "30 days from invoice date", "30 Tage
// nach Rechnungsdatum").
const TERM_BEFORE = String.raw`(?<!\b(?:jours|days?|Tage[n]?|d[íi]as|giorni|dagen|gg)\.?\s+(?:(?:from|after|of|nach|ab|dès|desde|da|na|van)\s+(?:the\s+)?)?)`;
const ISSUE_LABEL = new RegExp(
  `${TERM_BEFORE}(?:${[
    'Rechnungsdatum|Ausstellungsdatum|Belegdatum',
    String.raw`(?<!(?:Original|Related|Referenced)\s)Invoice\s+date|Date\s+of\s+(?:issue|invoice)|Issue\s+date|Bill\s+date|Invoice\s+dated`,
    // Not the date of the invoice a credit note or a later invoice refers to ("Date de facture associée").
    String.raw`Date\s+(?:de\s+(?:la\s+)?)?(?:facture|facturation|d['’]émission|émission)(?!\s+(?:associ|d['’]origine|initiale|rectifi|corrig))`,
    String.raw`Factuur\s*datum|Factuurdatum`,
    String.raw`Fecha\s+(?:de\s+)?(?:factura|emisi[óo]n|expedici[óo]n)`,
    String.raw`Data\s+(?:(?:della\s+)?fattura|documento|emissione)`,
    // Tally and other Indian layouts head the invoice date "Dated" over its value.
    String.raw`(?<=^|\t)Dated(?=\s*[:\t]|\s*$)`,
    // The XRechnung/ZUGFeRD viewer's title: "… (380) Nr. 471102 vom 05.03.2020", whatever the type's name.
    String.raw`\(\d{3}\)\s+Nr\.?\s+\S+\s+vom(?=\s+\d)`,
    // Field-service and web-invoicing layouts key the dates with bare verbs: "Issued | Apr 3, 2026", "Due | …".
    String.raw`(?<=^|\t)(?:Issued|Date\s+issued|Issued\s+on)(?=\s*[:\t]|\s*$)`,
    // …and French ones with a participle: "Émise le 3 mars 2026".
    String.raw`(?<=^|\t)[ÉE]mise?\s+le(?=\s+\d)`,
    // "Facture n° 562044387 du 02 juillet 2015", "Rechnung 17 vom 3. März 2024": a title opening its cell; one inside
    // a line cites another ("abzgl. Vorschuss lt. Rechnung 2025/001873 vom 03.11.2025").
    String.raw`(?<=^|\t)\s*(?<!(?:Original|Related|Referenced)\s)(?:Rechnung|Invoice|Facture|Factuur|Factura|Fattura)\b(?!\s+(?:associ|d['’]origine|initiale|rectifi|corrig))\t?[^\t]{0,40}?\s(?:vom|von(?![^\t]*\bbis\b)|of|dated|issued(?:\s+(?:at|on))?|du|van|del)(?=\s+\d)`,
  ].join('|')})`,
  'i',
);
// With its gloss in another language too: "Datum / Date".
const PLAIN_DATE_LABEL =
  /(?:^|\t)\s*(?:Datum|Date|Fecha|Data)(?:\s*\/\s*(?:Datum|Date|Fecha|Data))?(?=\s*[:\t]|\s*$|\s+\d)/i;
const SERVICE_LABEL = new RegExp(
  [
    String.raw`Liefer-?\s*\/\s*Leistungsdatum|Leistungsdatum|Lieferdatum|Leistungszeitraum|Leistungsperiode|Abrechnungsperiode|Lieferzeitraum|Abrechnungszeitraum|Ausführungs(?:zeitraum|datum)`,
    String.raw`Service\s+date|Delivery\s+date|Dates?\s+of\s+(?:supply|service|delivery)|Supply\s+date|Service\s+period|Billing\s+period|Subscription\s+(?:term|period)|Tax\s+point`,
    // "Livraison du 01.04.2025", "Geliefert am …", "Delivered on …": the date of supply as a phrase.
    String.raw`Livraison\s+(?:du|le)|Livr[ée]e?\s+le|Geliefert\s+am|Delivered\s+on|Geleverd\s+op|Entregado\s+el|Consegnat[oa]\s+il`,
    // A period named in a sentence: "für Leistungen im Zeitraum 01.10.2025 bis 31.12.2025".
    String.raw`(?:Leistungen|Arbeiten|services|prestations|diensten|werkzaamheden|servicios|servizi|prestazioni)\s+(?:im|in\s+the|de\s+la|pour\s+la|in\s+de|en\s+el|nel)\s+(?:Zeitraum|period|p[ée]riode|periodo)`,
    // The job done on a day, in the subject line: "Oggetto: intervento del 03/11/2025", "Intervention du …",
    // "Einsatz vom …", "Werkzaamheden van …".
    String.raw`(?:intervento|lavori|intervention|travaux|prestation|intervenci[óo]n|trabajos|Einsatz|Arbeiten|werkzaamheden)\s+(?:del|du|des|el|vom|am|van|op)(?=\s+\d)`,
    // The event catered or staged: "Evento del 19/12/2025", "Veranstaltung am …", "Événement du …".
    String.raw`(?:Evento|Event|Veranstaltung|[ÉE]v[ée]nement|Evenement)\s+(?:del|on|am|vom|du|el|op|van)(?=\s+\d)`,
    // The work done on a date: "Restoration works … - completed 16/01/2026", "ausgeführt am", "réalisés le".
    String.raw`(?<!(?:payment|zahlung|paiement|pago|pagamento|betaling)\s+)(?:completed|carried\s+out|performed)(?:\s+on)?(?=\s+\d)|(?:erbracht|ausgeführt|durchgeführt)\s+(?:am|vom)|(?:réalis|effectu|exécut)[ée]e?s?\s+(?:le|du)|uitgevoerd\s+(?:op|van)|realizad[oa]s?\s+(?:el|del)|eseguit[oiae]\s+(?:il|dal)`,
    // The day the job was done: "Date d'intervention", "Datum reportage", a garage's "Datum werk", "Fecha de
    // operación" (the Spanish invoice's legal date of supply), "Data intervento", "Einsatzdatum".
    String.raw`Date\s+d['’]intervention|Date\s+des\s+travaux|Datum\s+(?:reportage|opname|uitvoering|werkzaamheden|werk|reparatie|onderhoud)|Werkdatum|Reparatiedatum|Reparaturdatum|(?:Work|Repair)\s+date|Fecha\s+de\s+(?:operaci[óo]n|intervenci[óo]n|los\s+trabajos)|Data\s+(?:dell['’])?intervento|Data\s+(?:dei\s+)?lavori|Einsatzdatum|Arbeitsdatum|Date\s+of\s+(?:work|visit|job|repair)`,
    String.raw`Date\s+de\s+(?:la\s+)?(?:livraison|prestation)|Date\s+d['’]ex[ée]cution|P[ée]riode\s+(?:de\s+|d['’])?(?:facturation|prestation|abonnement)`,
    'Leverdatum|Leveringsdatum|Factuurperiode|Uitvoerings(?:periode|datum)|Werkperiode|Werkdagen',
    String.raw`Fecha\s+(?:del?|de\s+la)\s+(?:entrega|servicio|prestaci[óo]n)|Periodo\s+de\s+facturaci[óo]n`,
    String.raw`Data\s+(?:di\s+)?consegna|Data\s+DDT|Data\s+(?:dell['’])?evento|Data\s+(?:della\s+)?prestazione|Periodo\s+di\s+(?:fatturazione|riferimento|competenza)`,
    // The end of the works is the date of supply of a craftsman's job ("Fin des travaux", "Fertigstellung").
    String.raw`Fin\s+des\s+travaux|Date\s+d['’]ach[èe]vement|Fertigstellung(?:sdatum)?|Abnahme(?:datum)?|Completion\s+date|Date\s+of\s+completion|Oplever(?:ing|datum)|Fecha\s+de\s+finalizaci[óo]n|(?:Data\s+)?(?:fine|ultimazione)\s+lavori`,
    // A period of what was supplied: "Periodo de entregas", "Période de livraison", "Delivery period", "Periodo di
    // fornitura", "Leveringsperiode".
    String.raw`(?:Periodo|P[ée]riode|Period|Periode)\s+(?:de|d['’]|of|di|del(?:la|le)?|van|der)\s*(?:entregas?|suministros?|servicios?|livraisons?|prestations?|deliver(?:y|ies)|supply|services?|consegn[ae]|fornitur[ae]|servizi|levering(?:en)?|Lieferungen?|Leistungen?)|(?:Delivery|Supply|Service)\s+period|Leveringsperiode`,
    // A bare "Period" or "Delivery" heading a cell, or a part of a line set off by a middle dot or a bar:
    // "Periode 01-11-2024 t/m 30-11-2024", "Livraison | 06/09/2024", "Project P-1 · Periode: maart 2026".
    String.raw`(?<=^|\t|[·•|]\s?)(?:Periode|P[ée]riode|Periodo|Period|Zeitraum|Entrega|Consegna|Livraison|Lieferung(?:en)?|Deliver(?:y|ies)|Levering(?:en)?|Entregas|Consegne|Livraisons)(?=\s*[:\t]|\s+\d|\s*$)`,
  ].join('|'),
  'i',
);
/**
 * A delivery note referenced with its date is the delivery ("Pakbon PB-77120 (11-08-2025)", "Lieferschein 4711
 * vom 03.03.2025", "Bon de livraison n° 12 du …", "Albarán 88 de …", "Rif. DDT n. 5 del …").
 */
const DELIVERY_NOTE_LABEL =
  /(?<=^|\t)\s*(?:(?:Rif\.?|Riferimento|Ref\.?|R[ée]f\.?|Bezug|Uw)\s*)?(?:Pakbon|Lieferschein|Bon\s+de\s+livraison|BL|Delivery\s+note|Packing\s+slip|Albar[áa]n|DDT)\b/i;
const DUE_LABEL = new RegExp(
  [
    String.raw`Fälligkeitsdatum|Fälligkeit\b|Fällig\s+am|(?:Zahlbar|überweisen|zahlen|begleichen)\b[^.]{0,50}?\bbis(?:\s+zum)?`,
    // "Wir bitten, den offenen Betrag bis zum 26. März 2026 … zu überweisen", "um Zahlung bis zum …".
    String.raw`(?:Betrag|Rechnungsbetrag|Summe|Zahlung|Überweisung|Ausgleich)\b[^.\d]{0,30}?\bbis(?:\s+zum)?(?=\s+\d)`,
    String.raw`Due\s+date|Date\s+due|Payment\s+due(?:\s+date)?|Payable\s+by|(?:remit|pay)\s+(?:until|by|before)|(?<=^|\t)Due(?:\s+on)?(?=\s*[:\t]|\s*$)`,
    String.raw`Date\s+d['’]échéance|Échéance|Echéance|Date\s+limite\s+de\s+paiement|[ÀA]\s+payer\s+avant\s+le`,
    String.raw`Vervaldatum|Vervaldag|Uiterste\s+betaaldatum|(?:Te\s+)?betalen\s+v[oó]{2}r`,
    String.raw`Fecha\s+de\s+vencimiento|Vencimientos?`,
    String.raw`Data\s+(?:di\s+)?scadenza|Scadenz[ae]|(?:pagamento|bonifico|saldo)\b[^.]{0,60}?\bentro\s+il`,
    // Payment asked for by a date in a sentence: "bonifico … entro il 19/02/2026", "transferencia antes del …",
    // "virement avant le …", "payment … no later than …".
    String.raw`(?:pago|transferencia)\b[^.]{0,60}?\bantes\s+del?|(?:paiement|r[èe]glement|virement)\b[^.]{0,60}?\bavant\s+le|(?:payment|pay)\b[^.]{0,40}?\bno\s+later\s+than`,
    // A term with its date spelt out: "30 jours date de facture, soit le 22/04/2026".
    String.raw`(?:paiement|r[èe]glement)\b[^.]{0,60}?\bsoit\s+le`,
  ].join('|'),
  'i',
);
/**
 * Any label naming a date, in the six languages: a compound ending in a word for date ("Opnamedatum",
 * "Lieferscheindatum"), or a phrase of at most four words with one ("Date de l'événement", "Shoot date",
 * "Fecha del evento"), alone at the start of a cell and followed by a colon, the next cell or a date.
 */
const ANY_DATE_LABEL =
  /(?<=^|\t)\s*(?:[\p{L}'’.-]+\s+){0,3}[\p{L}-]*(?:datum|date|fecha|data)(?:\s+[\p{L}'’.]+){0,3}?(?=\s*[:\t]|\s*$|\s+\d)/iu;
/** Labelled dates that are not the date of supply by their name: order, offer, payment, print, contract, booking. */
const NOT_SUPPLY_LABEL =
  /bestel|auftrag|order|commande|pedido|ordine|angebot|offerte|quot|devis|presupuesto|preventivo|zahlung|payment|paiement|betaal|betaling|pago|pagamento|skonto|discount|druck|print|impression|vertrag|contra|buchung|booking|boeking|eingang|received|mahn|reminder|geburt|birth|g[üu]ltig|valid|since|seit/i;

/** Between a label and a date: the end of a sentence, or a due or supply date's own label. */
const OTHER_DATE_BETWEEN = new RegExp(
  String.raw`[.;]\s+\p{Lu}|${DUE_LABEL.source}|${SERVICE_LABEL.source}`,
  'iu',
);
const JOINT_SERVICE_LABEL = new RegExp(
  String.raw`^\s*(?:\/|&|und|and|et|en|y|e)\s*(?:${SERVICE_LABEL.source})`,
  'iu',
);
const SAME_AS_ISSUE =
  /^(entspricht|=|gleich|wie)\s*(dem\s+)?Rechnungsdatum|^(same\s+as|equals)\s+(the\s+)?invoice\s+date/i;

/** The document type of an Italian e-invoice's printout: TD04 (and TD08, simplified) are credit notes. */
const FATTURAPA_CREDIT_NOTE = /^\s*TD0?[48]\b/;

/** Titles of credit notes in the six languages (a credit note's amounts are booked negative). */
const CREDIT_NOTE_TITLE =
  /^\s*(?:Gutschrift|Rechnungskorrektur|Stornorechnung|Credit\s+note|Credit\s+memo|Avoir|Facture\s+d['’]avoir|Note\s+de\s+cr[ée]dit|Creditnota|Creditfactuur|Nota\s+di\s+credito|Factura\s+rectificativa|Nota\s+de\s+cr[ée]dito|Abono)\b/i;

/** A cell that is only a credit note's title, perhaps with its number: not a line item that mentions one. */
const CREDIT_NOTE_CELL = new RegExp(
  String.raw`${CREDIT_NOTE_TITLE.source}(?:[\s:#.Nno°º]*[\p{L}\d/-]*\d[\p{L}\d/-]*)?\s*$|${FATTURAPA_CREDIT_NOTE.source}`,
  'iu',
);

/** A self-billed invoice's title: "Gutschrift (Selbst ausgestellte Rechnung) (389)", "Self-billed invoice". */
const SELF_BILLED =
  /selbst\s+ausgestellte\s+Rechnung|Gutschriftsverfahren|self[-\s]billed|auto[-\s]?factur|\(389\)/i;
/** A cell opening with a bare number sign before a reference: "Nº R-2026-007" beside a credit note's title. */
const BARE_NUMBER = /(?<=^|\t)\s*N\s?[°º]\.?\s*:?(?=\s*[A-Z0-9][A-Z0-9/.-]*\d)/;
const CREDIT_NOTE_NUMBER_LABEL =
  /(Gutschrift(?:s-?nummer|\s*Nr\.?)|Credit\s+note\s*(?:No\.?|Number|#)|N[°º]\s*d['’]avoir|Avoir\s*N[°º]|Note\s+de\s+cr[ée]dit\s*N[°º]|Creditnota\s*(?:nr\.?|nummer)|Nota\s+di\s+credito\s*n(?:\.|\b)|Factura\s+rectificativa\s*n(?:[.º°]+|\b))/i;

/** Whether the document calls itself a credit note in a title line near the top of its first page. */
export function isCreditNote(lines: DocLine[]): boolean {
  return creditNoteTitleLine(lines) !== null;
}

/** The title opens the line, or stands in a cell of its own beside the letterhead ("Smit B.V. | CREDITNOTA"). */
function creditNoteTitleLine(lines: DocLine[]): DocLine | null {
  return (
    lines.slice(0, 40).find((line) => {
      const [first, ...others] = line.text.split('\t');
      // A self-billed invoice is a "Gutschrift" in German law (§ 14 (2) UStG), but an invoice: positive amounts.
      if (SELF_BILLED.test(line.text)) return false;
      return (
        CREDIT_NOTE_TITLE.test(first ?? '') ||
        FATTURAPA_CREDIT_NOTE.test(first ?? '') ||
        others.some((cell) => CREDIT_NOTE_CELL.test(cell))
      );
    }) ?? null
  );
}

export interface InvoiceDates {
  issue: Found<string> | null;
  service: Found<string> | null;
  period: Found<{ from: string; to: string }> | null;
  due: Found<string> | null;
}

/**
 * A header field's label (number, dates), read at the start of a text: a party's name never is one, so a
 * name that reads as one ("Date of issue", "Rechnungsnr.") was taken from the wrong cell.
 */
export function isHeaderLabel(text: string): boolean {
  const start = text.trim().split('\t')[0] ?? '';
  return [NUMBER_LABEL, ISSUE_LABEL, SERVICE_LABEL, DUE_LABEL, PLAIN_DATE_LABEL].some((label) => {
    const match = label.exec(start);
    return match !== null && match.index <= 1 && start.length - match[0].length <= 3;
  });
}

export function invoiceNumber(
  lines: DocLine[],
  options: { creditNote?: boolean } = {},
): Found<string> | null {
  // A credit note cites the invoice it corrects ("zu Rechnung Nr. …"): its own number is in its title.
  if (options.creditNote) {
    const own =
      titleNumber(lines, CREDIT_NOTE_TITLE) ?? firstLabelled(lines, CREDIT_NOTE_NUMBER_LABEL, parseReference);
    if (own) return own;
    // Else a bare "Numero" heading the details ("Tipo documento | Numero | Data"): an "invoice number" label on a
    // credit note more often cites the invoice it corrects ("Ns. fattura n. 611 del …").
    const headed =
      firstLabelled(lines, NUMBER_HEADER, wholeCellReference) ??
      firstLabelled(lines, BARE_NUMBER, parseReference);
    if (headed) return headed;
  }
  return (
    firstLabelled(lines, NUMBER_LABEL, parseReference) ??
    firstLabelled(lines, NUMBER_HEADER, wholeCellReference) ??
    titleNumber(lines, TITLE_NUMBER) ??
    numberUnderTitle(lines) ??
    numberBesideTitle(lines)
  );
}

const BARE_NUMBER_KEY = /^\s*(?:Num[ée]ro|N[úu]mero|Nummer|Number|No\.?|Nr\.?|N\s?[°º]\.?)\s*:?\s*$/i;

/**
 * A details block beside the document's title, keyed with a bare "Number" ("Numéro | 2026-031" on the row above
 * "FACTURE | Date | 3 avril 2026") or a number sign ("N° 2026-012"): the title names whose number it is. Within two
 * rows of a title alone in its cell; the value is its whole cell.
 */
function numberBesideTitle(lines: DocLine[]): Found<string> | null {
  const head = lines.slice(0, 40);
  const titled = (line: DocLine) =>
    head.some(
      (other) =>
        Math.abs(other.index - line.index) <= 2 &&
        other.page === line.page &&
        other.text.split('\t').some((cell) => TITLE_CELL.test(cell)),
    );
  for (const line of head) {
    const cells = line.text.split('\t');
    // A bare key with the number in the next cell ("Numéro | 2026-031"), or the sign and the number in one cell
    // ("N° 2026-012").
    const key = cells.findIndex((cell) => BARE_NUMBER_KEY.test(cell));
    const signed = cells.find((cell) => NUMBER_SIGN_CELL.test(cell));
    const candidate = key !== -1 ? (cells[key + 1] ?? '') : signed?.replace(NUMBER_SIGN, '');
    if (candidate === undefined || !titled(line)) continue;
    const value = wholeCellReference(candidate);
    if (value && /\d/.test(value) && datesIn(value).length === 0) return { value, line };
  }
  return null;
}

const NUMBER_SIGN_CELL = /^\s*(?:N\s?[°º]|No\.|Nr\.|#)\s*:?\s*[A-Z0-9][A-Z0-9/.-]*\d[A-Z0-9/.-]*\s*$/i;

/** A reference that is its whole cell ("LC/2024/0731"), not the start of a longer text ("3511 ZK Utrecht"). */
function wholeCellReference(text: string): string | null {
  const cell = (text.split('\t')[0] ?? '').trim();
  const reference = parseReference(cell);
  return reference !== null && reference === cell ? reference : null;
}

const TITLE_CELL = new RegExp(`${TITLE_NUMBER.source}\\s*$`, 'i');
const NUMBER_SIGN =
  /^\s*(?:#|(?:No|Nr)\.?(?![A-Za-zÀ-ÿ])|N\s?[°º]|Number|Nummer|Num[ée]ro|N[úu]mero)\s*:?\s*/i;

/**
 * A title standing alone in its cell with the number on a row below: "INVOICE" over "# INV-0042", "FACTURA" over
 * "NÚMERO | F250031", or over the bare number in its own cell ("FACTURA" over "F-2026-0064").
 */
function numberUnderTitle(lines: DocLine[]): Found<string> | null {
  for (const line of lines.slice(0, 40)) {
    const titleAt = line.text.split('\t').findIndex((cell) => TITLE_CELL.test(cell));
    if (titleAt === -1) continue;
    const next = lines[line.index + 1];
    const bare = next && cellBelow(line, titleAt, next);
    // A bare reference: a digit in it and no date (the issue date may stand under the title too).
    const value = bare && /\d/.test(bare) && datesIn(bare).length === 0 ? wholeCellReference(bare) : null;
    if (next && value) return { value, line: next };
    // Or one row further, under the logo's word ("FACTURA" / "kalamar" / "KLT-2026-0058"): then a reference with a
    // letter or a separator, so a postcode alone on its line is none.
    const after = lines[line.index + 2];
    const lower = next && after && !/\d/.test(next.text) ? cellBelow(line, titleAt, after) : null;
    const further =
      lower && /[A-Za-z/-]/.test(lower) && /\d/.test(lower) && datesIn(lower).length === 0
        ? wholeCellReference(lower)
        : null;
    if (after && further) return { value: further, line: after };
    for (const next of lines.slice(line.index + 1, line.index + 4)) {
      // The sign and the number in one cell ("# INV-0042") or the number in the cell after it; the whole of
      // it, so a street with its sign ("#42, 3rd Floor, 100 Feet Road") is none.
      const cells = next.text.split('\t');
      const at = cells.findIndex((c) => NUMBER_SIGN.test(c));
      const own = at === -1 ? '' : (cells[at] ?? '').replace(NUMBER_SIGN, '');
      const value = at !== -1 && wholeCellReference(own.trim() ? own : (cells[at + 1] ?? ''));
      if (value) return { value, line: next };
    }
  }
  return null;
}

function titleNumber(lines: DocLine[], title: RegExp): Found<string> | null {
  for (const line of lines.slice(0, 40)) {
    const match = title.exec(line.text);
    if (!match) continue;
    const rest = line.text
      .slice(match[0].length)
      .replace(/^[\s:.#-]*(?:\(\d{3}\)\s*)?(?:Nr|No|N\s?[°º]|Num[ée]ro|N[úu]mero)?\.?[\s:.#°º]*/i, '');
    const value = parseReference(rest);
    if (value) return { value, line };
  }
  return null;
}

export function invoiceDates(
  lines: DocLine[],
  options: { monthFirst?: boolean; creditNote?: boolean } = {},
): InvoiceDates {
  const firstDate = (text: string) => datesIn(text, options)[0]?.iso.slice(0, 10) ?? null;
  // A label's date is not one a later sentence or another date label introduces: "60 días fecha factura.
  // Vencimiento 02/06/2025" names no invoice date.
  const labelDate = (text: string) => {
    const date = datesIn(text, options)[0];
    // A joint label ("Rechnungsdatum / Lieferdatum 12 Februar 2025") dates both.
    const between = date ? text.slice(0, date.index).replace(JOINT_SERVICE_LABEL, '') : '';
    return date && !OTHER_DATE_BETWEEN.test(between) ? date.iso.slice(0, 10) : null;
  };
  // A credit note's title often carries its date ("AVOIR N° AV-8 du 14 mars 2023"); the cited invoice's
  // date comes later with the invoice's own labels.
  const titled = options.creditNote ? creditNoteTitleDate(lines, firstDate) : null;
  // On a credit note, "invoice date" labels name the corrected invoice's date: a plain "Date" comes first.
  const labelled = options.creditNote
    ? (firstLabelled(lines, PLAIN_DATE_LABEL, labelDate) ?? firstLabelled(lines, ISSUE_LABEL, labelDate))
    : (firstLabelled(lines, ISSUE_LABEL, labelDate) ?? firstLabelled(lines, PLAIN_DATE_LABEL, labelDate));
  const issue = titled ?? labelled ?? placeDate(lines, options);
  const due = firstLabelled(lines, DUE_LABEL, labelDate) ?? dueFromTerms(lines, issue?.value ?? null);
  const service =
    firstLabelled(lines, SERVICE_LABEL, (text) => parseService(text, issue?.value ?? null, options)) ??
    deliveryNoteDate(lines, labelDate);
  const value = service?.value;
  return {
    issue,
    due,
    service: value && typeof value === 'string' && service ? { value, line: service.line } : null,
    period:
      value && typeof value === 'object' && service
        ? { value, line: service.line }
        : service
          ? null
          : stay(lines, labelDate),
  };
}

/** The date of the delivery notes an invoice bills, when they all name one date (a deferred invoice may bill several). */
function deliveryNoteDate(
  lines: DocLine[],
  labelDate: (text: string) => string | null,
): Found<string> | null {
  const notes = allLabelled(lines, DELIVERY_NOTE_LABEL, labelDate, { everyLabel: true });
  const first = notes[0];
  return first && notes.every((note) => note.value === first.value)
    ? { value: first.value, line: first.line }
    : null;
}

const ARRIVAL =
  /(?<=^|\t)\s*(?:Anreise|Ankunft|Arrival|Check-?in|Arriv[ée]e|Aankomst|Llegada|Entrada|Arrivo)(?=\s*[:\t]|\s+\d)/i;
const DEPARTURE =
  /(?<=^|\t)\s*(?:Abreise|Departure|Check-?out|D[ée]part|Vertrek|Salida|Partenza)(?=\s*[:\t]|\s+\d)/i;

/** A hotel's stay, its date of supply: "Anreise 10.03.2025" and "Abreise 13.03.2025", "Llegada / Salida". */
function stay(
  lines: DocLine[],
  labelDate: (text: string) => string | null,
): Found<{ from: string; to: string }> | null {
  const from = firstLabelled(lines, ARRIVAL, labelDate);
  const to = firstLabelled(lines, DEPARTURE, labelDate);
  if (!from?.value || !to?.value || from.value > to.value) return null;
  return { value: { from: from.value, to: to.value }, line: from.line };
}

const PLACE_COMMA = /^\s*\p{Lu}[\p{L}'’ .()-]{1,40}?,\s*(?:(?:le|den|am|il|el|op|the)\s+)?/u;

/**
 * A letter's place and date, as German, French, Italian, Spanish and Dutch invoices date themselves without a
 * label: "Kassel, 3. März 2025", "Genève, le 3 juin 2025", "Zaragoza, 18 de octubre de 2025". The date must
 * follow the comma at once and close its cell (or its part of the cell); first page only.
 */
function placeDate(lines: DocLine[], options: { monthFirst?: boolean }): Found<string> | null {
  for (const line of lines.slice(0, 40)) {
    if (line.page !== lines[0]?.page) break;
    for (const cell of line.text.split('\t')) {
      const place = PLACE_COMMA.exec(cell);
      if (!place) continue;
      const rest = cell.slice(place[0].length);
      const date = datesIn(rest, options)[0];
      // The date closes the cell, or its part of a dateline set off by a middle dot or bar ("Montpellier, le 16 mars
      // 2026 · Client n° C0318"): "Wie besprochen, am 3. März 2025 geliefert." is a sentence, no dateline.
      if (date && date.index === 0 && /^[\s.]*(?:[·|•]|$)/.test(rest.slice(date.end)))
        return { value: date.iso.slice(0, 10), line };
    }
  }
  return null;
}

/**
 * Payment terms in days, in the six languages: "zahlbar innerhalb von 14 Tagen", "14 Tage netto", "payable
 * within 30 days", "Net 30", "à 30 jours", "30 jours net", "binnen 14 dagen", "a 30 días", "a 30 giorni",
 * "30 gg d.f.". Working days ("werkdagen", "Werktage") are no calendar term.
 */
const TERMS_DAYS = new RegExp(
  [
    String.raw`(?:innerhalb|binnen)\s+(?:von\s+)?(\d{1,3})\s+Tag(?:e|en)\b|(\d{1,3})\s+Tage\s+netto|Zahlungsziel:?\s+(\d{1,3})\s+Tage`,
    String.raw`within\s+(\d{1,3})\s+days|\bNet\s+(\d{1,3})\b(?![.,]\d)|(\d{1,3})\s+days\s+net`,
    String.raw`(?:à|sous|dans\s+les)\s+(\d{1,3})\s+jours|(\d{1,3})\s+jours\s+(?:net|date\s+de\s+(?:la\s+)?facture)`,
    String.raw`binnen\s+(\d{1,3})\s+dagen`,
    String.raw`\b(?:a|en)\s+(\d{1,3})\s+d[íi]as|(\d{1,3})\s+d[íi]as\s+(?:fecha|f\.)\s*f`,
    String.raw`\b(?:a|entro)\s+(\d{1,3})\s+(?:giorni|gg)\b|(\d{1,3})\s+gg\.?\s+d\.?\s*f`,
  ].join('|'),
  'gi',
);
const PAYMENT_WORDS =
  /(zahlbar|zahlung|zahlungsziel|überweis|begleichen|bezahlen|payable|payment|terms|\bnet\b|paiement|règlement|r[ée]gler|betaling|betalen|pago|vencimiento|transferencia|pagamento|scadenza|bonifico|virement|overmak|transfer|netto)/i;
/** A cash discount's shorter term ("2 % Skonto innerhalb 10 Tagen") is no due date. */
const DISCOUNT = /(Skonto|escompte|discount|korting|descuento|sconto|%)/i;

/**
 * No due date printed: the issue date plus the payment term in days, the longest one stated (a discount's
 * term is shorter than the net term). Null without an issue date or a term.
 */
function dueFromTerms(lines: DocLine[], issue: string | null): Found<string> | null {
  if (!issue) return null;
  let best: { days: number; line: DocLine } | null = null;
  for (const line of lines) {
    // Only what speaks of payment: a return policy's "within 365 days" is no term.
    if (!PAYMENT_WORDS.test(line.text)) continue;
    for (const clause of line.text.split(/[,;]\s+|\.\s+/)) {
      for (const match of clause.matchAll(TERMS_DAYS)) {
        const days = Number(match.slice(1).find((group) => group !== undefined));
        if (!days || (DISCOUNT.test(clause) && !/net/i.test(clause))) continue;
        if (!best || days > best.days) best = { days, line };
      }
    }
  }
  return best ? { value: addDays(issue, best.days), line: best.line } : null;
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The date on the title line ("AVOIR N° AV-8 du 14 mars 2023"); a later sentence citing the invoice is no title. */
function creditNoteTitleDate(
  lines: DocLine[],
  firstDate: (text: string) => string | null,
): Found<string> | null {
  const line = creditNoteTitleLine(lines);
  const value = line && firstDate(line.text);
  return line && value ? { value, line } : null;
}

/** What joins the two dates of a period, in the six languages. */
const RANGE = /^\s*(-|–|—|bis|to|until|t\/m|tot|au|al|a|jusqu['’]au|hasta|fino\s+al)\s*$/i;

/** A single date, a range of two dates, a month ("März 2024"), or "same as the invoice date". */
function parseService(
  text: string,
  issue: string | null,
  options: { monthFirst?: boolean },
): string | { from: string; to: string } | null {
  if (SAME_AS_ISSUE.test(text.trim())) return issue;
  const cells = text.split('\t').slice(0, 2).join(' ');
  const dates = datesIn(cells, options);
  const [first, second] = dates;
  // "01.03.–31.03.2024": the start borrows the end's year.
  const short = /^\s*(\d{1,2})\.(\d{1,2})\.?\s*(?:-|–|—|bis)\s*$/.exec(cells.slice(0, first?.index ?? 0));
  if (short && first && dates.length === 1) {
    const from = datesIn(`${short[1]}.${short[2]}.${first.iso.slice(0, 4)}`)[0];
    if (from) return { from: from.iso, to: first.iso.slice(0, 10) };
  }
  // "du 10 au 21 mars 2025", "vom 10. bis 21. März 2025", "dal 10 al 21 marzo": the start borrows the end's month
  // and year.
  const day = /^\s*(?:du|vom|from|dal|del|van)?\s*(\d{1,2})\.?\s*(?:au|bis|to|al|t\/m|tot|-|–|—)\s*$/i.exec(
    cells.slice(0, first?.index ?? 0),
  );
  if (day?.[1] && first && dates.length === 1 && Number(day[1]) <= Number(first.iso.slice(8, 10)))
    return { from: `${first.iso.slice(0, 8)}${day[1].padStart(2, '0')}`, to: first.iso.slice(0, 10) };
  if (first && second && RANGE.test(text.slice(first.end, second.index))) {
    return { from: first.iso.slice(0, 10), to: second.iso.slice(0, 10) };
  }
  if (first) return first.iso.slice(0, 10);
  const month = monthPeriodIn(text);
  return month && month.index < 3 ? { from: month.from, to: month.to } : null;
}

/**
 * A date after the invoice date on a line about payment ("… 30 jours date de facture, soit le 22/04/2026",
 * "Zahlung bis spätestens 15.05."), when no due date was read: the page may state one the rules do not read.
 * Null when a due date was read or no such line exists.
 */
export function unreadDueDate(
  lines: DocLine[],
  dates: InvoiceDates,
  options: { monthFirst?: boolean } = {},
): Found<string> | null {
  const issue = dates.issue?.value;
  if (dates.due || !issue) return null;
  const known = new Set([dates.service?.value, dates.period?.value.from, dates.period?.value.to]);
  for (const line of lines) {
    if (!PAYMENT_WORDS.test(line.text)) continue;
    const date = datesIn(line.text, options)
      .map((d) => d.iso.slice(0, 10))
      .find((iso) => iso > issue && !known.has(iso));
    if (date) return { value: date, line };
  }
  return null;
}

/**
 * A range of two dates on one line ("16-03-2026 t/m 10-04-2026", "du 01/03 au 31/03/2026") when no date or period
 * of supply was read: the page may state the period it bills under a name no rule reads.
 */
export function unreadPeriod(
  lines: DocLine[],
  dates: InvoiceDates,
  options: { monthFirst?: boolean } = {},
): Found<string> | null {
  if (dates.service || dates.period) return null;
  for (const line of lines) {
    const found = datesIn(line.text, options);
    for (const [i, first] of found.entries()) {
      const second = found[i + 1];
      if (second && first.iso < second.iso && RANGE.test(line.text.slice(first.end, second.index)))
        return { value: `${first.iso.slice(0, 10)}/${second.iso.slice(0, 10)}`, line };
    }
  }
  return null;
}

/**
 * Dates printed under a label the rules do not name ("Opnamedatum: 15 juni 2024"), other than the issue,
 * due and supply dates and other than known dates of another kind (order, offer, payment…). An invoice
 * without a date of supply that prints such a date may print its date of supply under a name no list
 * holds: the reading then proposes it and asks, rather than completing without one.
 */
export function unnamedDates(
  lines: DocLine[],
  options: { monthFirst?: boolean } = {},
): (Found<string> & { label: string })[] {
  const firstDate = (text: string) => datesIn(text, options)[0]?.iso.slice(0, 10) ?? null;
  const named = [ISSUE_LABEL, PLAIN_DATE_LABEL, SERVICE_LABEL, DUE_LABEL, NOT_SUPPLY_LABEL];
  return allLabelled(lines, ANY_DATE_LABEL, firstDate, { everyLabel: true }).flatMap((found) => {
    const label = found.label ?? '';
    return label && !named.some((known) => known.test(label)) ? [{ ...found, label }] : [];
  });
}

/**
 * The period the rows bill, when no label dates the supply: a subscription prints it under its row ("Jul 1 –
 * Jul 31, 2025"; every such range the same), or a service contract names the month in its rows ("Beheer
 * werkplekken januari 2026", "Miete März 2025"; every row naming one the same, at least half the rows naming it).
 */
export function periodOfRows(
  rows: { description: string; line: DocLine; period?: { from: string; to: string } }[],
): Found<{ from: string; to: string }> | null {
  // A range printed under a row states the period outright; a month in a description only hints at it.
  const printed = rows.some((row) => row.period);
  const named = rows.flatMap((row) => {
    const period = row.period ?? (printed ? null : monthPeriodIn(row.description));
    return period ? [{ period: { from: period.from, to: period.to }, line: row.line }] : [];
  });
  const first = named[0];
  if (!first || (!printed && named.length * 2 < rows.length)) return null;
  const same = (a: { from: string; to: string }) => a.from === first.period.from && a.to === first.period.to;
  return named.every((n) => same(n.period)) ? { value: first.period, line: first.line } : null;
}
