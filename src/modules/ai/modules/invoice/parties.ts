// Supplier and recipient (name, address) from labelled blocks, the DIN 5008 sender line, or the letterhead.
import { bareNationalVatId } from '../../../../lib/vat-id';
import type { DocLine } from '../../text';
import { datesIn } from '../../text/dates';
import { ibansIn } from '../../text/iban';
import type { Span } from '../../text/spans';
import type { Found } from '../shared/labels';
import { isArticleCode } from './item-cells';

export interface PartyLines {
  name: Found<string> | null;
  address: Found<string> | null;
  /** Lines the party's block covers, to attribute VAT IDs printed inside it. */
  block: DocLine[];
  /** The cell of those lines the party is printed in: 0 but for blocks side by side. */
  column?: number;
}

// A party label stands alone or before a colon: "Customer No: 4711" and "Lieferantennummer" are no labels.
// Labels in German, English, French, Dutch, Spanish and Italian; a bilingual label names the party in a
// second language after a slash ("Cliente / Kunde"), with a word of the same list.
const SUPPLIER_WORDS = String.raw`Rechnungssteller|Lieferant|Leistungserbringer|Verkäufer|Auftragnehmer|Supplier|Seller|Vendor|Issued\s+by|Billed\s+by|Sold\s+by|Von|From|De|Van|Da|Fournisseur|[ÉE]metteur|Vendeur|Leverancier|Verkoper|Onderaannemer|Proveedor|Emisor|Vendedor|Fornitore|Cedente(?:\s*\/\s*prestatore)?|Mittente|Service\s+Provider`;
const RECIPIENT_WORDS = String.raw`Rechnungsempfänger|Leistungsempfänger|Empfänger|Rechnungsadresse|Rechnungsanschrift|(?:Rechnung|Gutschrift)\s+an|Bill(?:ed)?\s+to(?:\s+address)?|Invoice\s+to|Sold\s+to|Billing\s+address|Invoice\s+address|Customer|Client|Recipient|Buyer|Kunde|Käufer|An|To|Destinataire|Factur[ée]\s+[àa]|Adresse\s+de\s+facturation|Factuuradres|Direcci[óo]n\s+de\s+facturaci[óo]n|Indirizzo\s+di\s+fatturazione|Factuur\s+aan|Klant|Afnemer|Koper|Aan|Opdrachtgever|Hoofdaannemer|Auftraggeber|Facturar\s+a|Facturado\s+a|Para|Cliente|Comprador|Acheteur|Acquirente|Destinatario|Spett\.?(?:le|abile)|Intestatario|Intestat[ao]\s+a|Committente|Cessionario(?:\s*\/\s*committente)?`;
/** "Datos del emisor", "Dati del cliente", "Données du client", "Gegevens van de klant", "Details of the buyer". */
const DATA_OF = String.raw`(?:(?:Datos|Dati|Donn[ée]es|Gegevens|Details|Angaben)\s+(?:del?|de\s+la|della|dello|du|des|van(?:\s+de)?|of(?:\s+the)?|zum|zur|des)\s+)?`;
/**
 * A label of these words, alone or before a colon, perhaps followed by the same label in another language
 * ("Cliente / Kunde") or glossed in brackets ("Cessionario/committente (cliente)", FatturaPA courtesy copies).
 */
const partyLabel = (words: string) =>
  new RegExp(
    String.raw`^\s*${DATA_OF}(?:${words})(?:\s*\/\s*(?:${words}))?(?:\s*\([^()\t]{2,30}\))?\s*(?::\s*|$|\t)`,
    'i',
  );
const SUPPLIER_LABEL = partyLabel(SUPPLIER_WORDS);
// Where goods go, printed beside the bill-to block: neither party ("Ship to", "Lieferanschrift", "Livrer à").
const DELIVERY_LABEL = partyLabel(
  String.raw`Ship\s+to|Deliver(?:ed|y)?\s+to|Delivery\s+address|Shipping\s+address|Lieferanschrift|Lieferadresse|Lieferung\s+an|Adresse\s+de\s+livraison|Livr(?:er|é)\s+[àa]|Livraison|Afleveradres|Leveradres|Bezorgadres|Direcci[óo]n\s+de\s+(?:entrega|env[íi]o)|Enviar\s+a|Destinazione(?:\s+merce)?|Indirizzo\s+di\s+(?:consegna|spedizione)|Luogo\s+di\s+consegna`,
);
// "Spett.le" (Italian "to the esteemed") opens the recipient's name on its own line, with no colon after it. A
// customer label may carry the customer's account number in the supplier's books over the block ("Cliente
// 430.0718", "Kunde 10234", "Customer #4411", "Client n° 2231"): alone in its cell, it labels the block all the same.
const ACCOUNT_LABEL = String.raw`^\s*(?:Customer|Client|Kunde|Cliente|Klant)\s+(?:n[°º.]?\s*|No\.?\s*|Nr\.?\s*|#\s*)?\d[\d./-]*\s*(?:$|\t)`;
const RECIPIENT_LABEL = new RegExp(
  String.raw`${partyLabel(RECIPIENT_WORDS).source}|^\s*Spett\.?(?:le|abile)\s+(?=\S)|${ACCOUNT_LABEL}`,
  'i',
);
// Address lines that only say how to address the recipient ("Herrn", "Firma").
const SALUTATION = /^(Herrn?|Frau|Firma|Messrs\.?)$/i;
export const LEGAL_FORM =
  /\b(GmbH|AG|UG|KG|OHG|GbR|e\.\s?K\.|mbH|SE|KGaA|Ltd\.?|Limited|LLC|LLP|PLC|Inc\.?|Corp\.?|B\.V\.|BV|N\.V\.|NV|V\.O\.F\.|VOF|C\.V\.|S\.A\.|SA|SAS|SARL|S[àa]rl|Sagl|SPRL|BVBA|ASBL|EURL|SNC|S\.L\.U?\.?|SLU?|S\.A\.U\.|S\.r\.l\.|Srl|S\.p\.A\.|SpA|S\.n\.c\.|Pvt\.?)(?=$|[\s,.)&])/i;
// A US ZIP is a word of its own: "NAP-61842" (a certificate's number) ends in five digits and is none.
const POSTCODE = /\b(\d{4,5}\s+\p{Lu}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|(?<![\w-])\d{5}(-\d{4})?$)/u;
// Lines in a party block that are not its address.
const NOT_ADDRESS =
  /((?<![A-Za-zÀ-ÿ])T[ée]l(?![A-Za-zÀ-ÿ])|\bFax\b|Phone|E-?Mail|@|www\.|https?:|\bUSt\b|\bVAT\b|\bSteuer(?:-?\s?(?:Nr|Nummer|ID)\b|nr\b|nummer|identifikation)|\bTax\b|\bIBAN\b|\bBIC\b|Kunden-?nr|Customer\s+(No|ID)|Geschäftsführ|Amtsgericht|Handelsregister|Registergericht|Registro\s+(?:Mercantil|(?:delle\s+)?Imprese)|Inscrit[ao]\b|\bTomo\b|\bFolio\b|\bHRB\b|Registered|z\.\s?Hd?\.|Attn|^F\.?A\.?O\b|\bInh\.|Inhaber|\bOwner\b|\bBTW\b|\bTVA\b|\bIVA\b|SIRE[NT]|\bRCS\b|\bKvK\b|Partita|\bNIF\b|\bCIF\b|GSTIN|\bPAN\b|\bau\s+capital|capitale?\s+(?:social[e]?|de\b|versato)|share\s+capital|T\.a\.v\.|[ÀA]\s+l['’]attention|^\+?[\d\s()/.-]{7,}$|\bFN\s+\d|\bCRO\b|Assurance|Abteilung|Department|Zahlbar|Lieferschein|Delivery\s+date|Afleverdatum|Leverdatum|Lieferdatum|Vervaldatum|Vervaldag|^P[ée]riod[eo]$|\bUID\b|Landesgericht|Firmenbuch|Codice\s+fiscale|\bC\.F\.|Cod(?:ice|\.)?\s*(?:destinatario|univoco)|\bPEC\b|\bSDI\b|\bRP[MR]\b|\bGSM\b|\bGLN\b|\b(?:Seite|Page|Pagina|P[áa]gina)\s+\d+\s*(?:\/|of|von|di|de|van)\s*\d+)/i;
// A contact person under the company's name ("Monsieur Olivier Chappuis", "Frau Dr. Weber"): no address line.
const PERSON_WITH_SALUTATION = String.raw`(?:Monsieur|Madame|Mme|Mlle|M\.|Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|Dhr\.?|Mevr\.?|Sig\.(?:ra)?|Sr\.|Sra\.)\s+[^\d]+`;
const CONTACT_PERSON = new RegExp(`^${PERSON_WITH_SALUTATION}$`);
// A department the invoice is addressed to, alone on its line under the name ("Buchhaltung", "Accounts
// Payable", "Service financier", "Administratie", "Contabilidad", "Amministrazione"), or with the person there
// ("Einkauf / Frau Dörte Meier"): no name, no address.
const DEPARTMENT_WORDS = String.raw`(?:Wareneingang|Buchhaltung|Finanzbuchhaltung|Rechnungswesen|Kreditorenbuchhaltung|Einkauf|Accounts?\s+Payable|Accounts|Finance(?:\s+Team|\s+Department)?|Accounting|Purchasing|Administratie|Crediteurenadministratie|Boekhouding|Service\s+(?:financier|comptabilit[ée](?:\s+fournisseurs)?|comptable|achats)|Comptabilit[ée]|Contabilidad|Administraci[óo]n|Departamento\s+financiero|Amministrazione|Ufficio\s+(?:acquisti|amministrativo)|Contabilit[àa])`;
// German names its departments in compounds ("Digitalvertrieb", "Bauleitung", "Kreditorenbuchhaltung").
const GERMAN_DEPARTMENT = String.raw`\p{L}*(?:vertrieb|einkauf|buchhaltung|verwaltung|bewirtschaftung|beschaffung|leitung|abteilung)`;
// "Afdeling Vastgoed / crediteuren", "Abteilung Technik", "Departamento de compras": the word for department and
// its name (not the English "Department of …", which names government bodies that are recipients themselves).
const NAMED_DEPARTMENT = String.raw`(?:Afdeling|Abteilung|Departamento|D[ée]partement|Dipartimento)\s+\p{L}[\p{L}\s/&,.'’-]{0,40}`;
const DEPARTMENT = new RegExp(
  String.raw`^(?:(?:Wareneingang|Einkauf|Logistik|Receiving|Goods\s+in)\s*\/\s*)?(?:${DEPARTMENT_WORDS}|${GERMAN_DEPARTMENT}|${NAMED_DEPARTMENT})(?:\s*[/,–]?\s*${PERSON_WITH_SALUTATION})?$`,
  'iu',
);
/**
 * The line that sends a letter to someone's attention ("t.a.v.", "z. Hd.", "Attn", "À l'attention", "c.a.", the
 * British "FAO" — for the attention of — with or without its dots).
 */
const ATTENTION =
  /^(?:t\.\s?a\.\s?v\.|z\.\s?Hd?\.?|zH(?:d)?\.?\s|Attn\.?|Attention|F\.?A\.?O\b\.?|[ÀA]\s+l['’]att(?:ention|\.)|(?:Alla\s+)?c\.a\.|All['’]att(?:enzione|\.)|A\/?A\s|Atenci[óo]n)/i;
const CONTACT_LINE = new RegExp(`${CONTACT_PERSON.source}|${DEPARTMENT.source}|${ATTENTION.source}`, 'iu');
/** A salesperson's initial and surname ("T. Kessler") or a staff number: a details field's value, no party's name. */
const STAFF_FIELD = /^(?:\p{Lu}\.\s?\p{Lu}[\p{L}'’-]+|\d{1,4})$/u;
/**
 * A sentence-case line of two to four words without a digit: "Consulente informatico", "Traductrice indépendante";
 * a Spanish professional adds the number of their professional body's roll ("Arquitecta, col. nº 4471",
 * "Abogado colegiado nº 1187").
 */
const OCCUPATION =
  /^\p{Lu}\p{Ll}+(?:(?:\s+\p{Ll}[\p{Ll}'’-]*){1,3}|(?:\s+\p{Ll}[\p{Ll}'’-]*){0,3},?\s+(?:col\.|colegiad[oa])\s*(?:n[º°.]?\s*)?\d{1,6})$/u;
/** The heading of a payment slip or remittance advice printed under the invoice, to be cut off and returned. */
const PAYMENT_SLIP =
  /^\s*(?:PAYMENT\s+ADVICE|Remittance(?:\s+advice)?\b|Payment\s+slip|Zahlschein|Überweisungsträger|Bulletin\s+de\s+(?:paiement|versement)|Talon\s+(?:de\s+paiement|à\s+(?:joindre|retourner))|Betaalstrook|Acceptgiro|Bollettino|Cedola\s+di\s+pagamento|Resguardo\s+de\s+pago)/i;
const SENDER_SEPARATOR = /\s+[·•|]\s+|\s+[–-]\s+/;
const TITLE =
  /^(Rechnung|Rechnungskorrektur|Stornorechnung|Korrekturrechnung|Invoice|Tax\s+invoice|Gutschrift|Credit\s+(?:note|memo)|Facture|Avoir|Note\s+de\s+cr[ée]dit|Factuur|Creditnota|Creditfactuur|Factura|Fattura|Nota\s+di\s+credito)\b/i;

export function invoiceParties(lines: DocLine[]): { supplier: PartyLines; recipient: PartyLines } {
  const firstPage = lines.filter((line) => line.page === lines[0]?.page).slice(0, 60);
  // A payment slip to tear off addresses the payment to the supplier ("PAYMENT ADVICE | To: …"): its "To:"
  // labels no recipient.
  const slip = lines.findIndex((line) => PAYMENT_SLIP.test(line.text));
  const beforeSlip = slip > 0 ? lines.slice(0, slip) : lines;
  // Recipient first: its block is then ruled out as the supplier's letterhead.
  const recipient =
    labelledParty(beforeSlip, RECIPIENT_LABEL) ??
    columnParty(beforeSlip, RECIPIENT_LABEL) ??
    windowParty(firstPage) ??
    emptyParty();
  // The recipient's block, by row: its cells are no part of the letterhead.
  const taken = new Map(recipient.block.map((line) => [line.index, line]));
  // The page's foot, without the recipient's block (a short page's foot is its head).
  const free = (some: DocLine[]) => some.filter((line) => !taken.has(line.index));
  // A delivery address beside it names the recipient's site, or a third one: no letterhead either.
  const delivery = columnParty(firstPage, DELIVERY_LABEL) ?? labelledParty(firstPage, DELIVERY_LABEL);
  const delivered = new Set(delivery?.block.map((line) => `${line.index}:${cellOf(line)}`));
  const supplier =
    labelledParty(lines, SUPPLIER_LABEL) ??
    columnParty(lines, SUPPLIER_LABEL) ??
    senderLineParty(firstPage) ??
    letterheadParty(firstPage, taken, delivered) ??
    senderLineParty(free(lines.slice(-15))) ??
    footerLegalParty(free(lines.slice(-20))) ??
    topOfPageParty(firstPage, taken) ??
    emptyParty();
  // Nothing labels the recipient: it is the other postal address on the page.
  const billed = recipient.name === null ? (addressBlockParty(firstPage, supplier) ?? recipient) : recipient;
  // A legal name from the footer, its address in the letterhead under the short name ("LEMANIS" over
  // "Rue du Rhône 65 | 1204 Genève", the footer naming "Lemanis Conseil Sàrl"); never the recipient's.
  for (const line of billed.block) taken.set(line.index, line);
  const top = supplier.address === null && supplier.name ? topOfPageParty(firstPage, taken) : null;
  const firstWord = (name?: string) => name?.split(/\s+/)[0]?.toLowerCase();
  if (top?.address && firstWord(top.name?.value) === firstWord(supplier.name?.value))
    supplier.address = top.address;
  if (supplier.address)
    supplier.address.value = fullerPlace(fullerStreet(supplier.address.value, lines), lines);
  const legal = supplier.name && legalName(supplier.name.value, lines);
  if (legal) supplier.name = legal;
  return { supplier, recipient: billed };
}

/** Whether `full` is `name` with more words after it, whatever the case ("JAVIER ORTEGA" → "Javier Ortega Lanza"). */
const extendsName = (full: string, name: string) => full.toLowerCase().startsWith(`${name.toLowerCase()} `);

/** An Italian sole trader's business named with its owner: "Termoidraulica Esposito di Ciro Esposito". */
const OWNER = /^di\s+\p{Lu}[\p{L}'’]+(?:\s+\p{Lu}[\p{L}'’]+){1,3}$/u;

/** One word in capitals, as a logo prints a brand ("BUCKEYE", "NIMBUS"). */
const logoWord = (name: string) => /^\p{Lu}[\p{Lu}&'’-]{2,}$/u.test(name.trim());
/** Up to four capitalised words, then a legal form to end with (the American "Co." and "Company" among them). */
function wordsThenForm(text: string): boolean {
  const match = /^(?:\p{Lu}[\p{L}&'’.-]*\s+){1,4}(.+)$/u.exec(text);
  const form = match?.[1]?.trim() ?? '';
  const legal = LEGAL_FORM.exec(form)?.[0];
  return /^(?:Co\.|Company|Corporation)$/.test(form) || legal === form || legal === form.replace(/[,.]$/, '');
}

/**
 * A letterhead printing the business's name without its legal form ("AUTOBEDRIJF VAN DIJK", "Glans") where the
 * page prints it in full elsewhere, as the same words followed by a legal form only ("Autobedrijf Van Dijk
 * V.O.F." in the footer) or by its owner ("… di Ciro Esposito"): the legal name is the one booked. A logo's one
 * word ("BUCKEYE") stands for a longer legal name the page prints elsewhere ("Buckeye Restaurant Supply Co." on
 * the remittance slip): that, too.
 */
function legalName(name: string, lines: DocLine[]): Found<string> | null {
  if (LEGAL_FORM.test(name)) return null;
  for (const line of lines) {
    for (const cell of line.text.split('\t')) {
      // The name opens its cell, or a sender line ("Termoidraulica Esposito di Ciro Esposito - Via …").
      const text = tidy(cell.split(SENDER_SEPARATOR)[0] ?? '');
      if (!extendsName(text, name)) continue;
      const rest = text.slice(name.length + 1).replace(/^,\s*/, '');
      const form = LEGAL_FORM.exec(rest);
      if (form?.index === 0 && rest.slice(form[0].length).trim() === '') return { value: text, line };
      if (OWNER.test(rest)) return { value: text, line };
      if (logoWord(name) && wordsThenForm(rest)) return { value: text, line };
    }
  }
  return null;
}

/** Street words a sender line abbreviates, and (as a pattern) the words they stand for. */
const STREET_ABBREVIATIONS: [RegExp, string][] = [
  [/str\.$/i, 'stra(?:ß|ss)e'], // German "Hauptstr." / "Königswinterer Str."
  [/^(?:av|ave)\.$/i, 'avenue'], // French, English
  [/^bd\.?$/i, 'boulevard'],
  [/^pl\.$/i, '(?:platz|place|plaza|plein)'],
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A sender line abbreviates the street ("Königswinterer Str. 118", "Hauptstr. 5", "Av. Foch 12") that the letterhead
 * or footer prints in full ("Königswinterer Straße 118"): the same words and house number, spelled out, are it.
 */
function fullerStreet(address: string, lines: DocLine[]): string {
  const street = address.split(',')[0] ?? '';
  const words = street.trim().split(/\s+/);
  const at = words.findIndex((word) => STREET_ABBREVIATIONS.some(([short]) => short.test(word)));
  const abbreviated = words[at];
  const [short, full] =
    STREET_ABBREVIATIONS.find(([pattern]) => abbreviated && pattern.test(abbreviated)) ?? [];
  if (!abbreviated || !short || !full) return address;
  // "Hauptstr." → "Hauptstraße"; "Königswinterer Str." → "Königswinterer Straße"
  const stem = abbreviated.replace(short, '');
  const spelled = stem ? `${escapeRegExp(stem)}${full}` : full;
  const parts = [...words.slice(0, at).map(escapeRegExp), spelled, ...words.slice(at + 1).map(escapeRegExp)];
  const pattern = new RegExp(`(?<!\\p{L})(${parts.join('\\s+')})(?![\\p{L}\\d])`, 'iu');
  for (const line of lines) {
    const match = pattern.exec(line.text)?.[1];
    if (match) return address.replace(street, match);
  }
  return address;
}

/**
 * A sender line abbreviates the place ("73479 Ellwangen") that the letterhead or footer prints in full
 * ("73479 Ellwangen (Jagst)", "60311 Frankfurt am Main"): the same postcode and place with its qualifier is it.
 */
function fullerPlace(address: string, lines: DocLine[]): string {
  const place = /(\d{4,5}\s+[\p{L}.' -]+?)$/u.exec(address)?.[1];
  if (!place) return address;
  const escaped = place.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const qualified = new RegExp(
    String.raw`${escaped}(\s*\([^()\t]{2,30}\)|\s+(?:am|an\s+der|im|in\s+der|ob\s+der)\s+\p{Lu}[\p{L}-]+)`,
    'u',
  );
  for (const line of lines) {
    const more = qualified.exec(line.text)?.[1];
    if (more) return `${address}${more}`;
  }
  return address;
}

const cellOf = (line: DocLine) => line.text.split('\t')[0]?.trim() ?? '';
const STREET = /\p{L}.*\d|\d.*\p{L}/u;

/**
 * Without labels or a sender line, the recipient is the other postal address on the first page: a name,
 * a street line and a postcode line (in that order, one column: the left cells, or by position a block
 * printed beside another), outside the supplier's block and not the supplier again (letterhead and footer
 * print it twice). Names never end in a house number, which keeps a street from being taken for a name.
 */
function addressBlockParty(lines: DocLine[], supplier: PartyLines): PartyLines | null {
  // The supplier's cells: a letterhead read down its column takes one cell of a row, not the row.
  const taken = new Set(supplier.block.map((line) => `${line.index}:${cellOf(line)}`));
  const sameName = (name: string) => tidy(name).toLowerCase() === supplier.name?.value.toLowerCase();
  for (const [i, line] of lines.entries()) {
    const cells = line.cells?.length ? line.cells : [undefined];
    for (const [c, box] of cells.entries()) {
      const name = line.text.split('\t')[c]?.trim() ?? '';
      if (taken.has(`${line.index}:${name}`) || sameName(name)) continue;
      if (!/\p{L}{2}/u.test(name) || /^\d|\d\s*\p{L}?$|:/u.test(name) || NOT_ADDRESS.test(name)) continue;
      if (TITLE.test(name) || SUPPLIER_LABEL.test(name) || SALUTATION.test(name)) continue;
      const column = cellsInColumn(lines.slice(i), box);
      // A contact line may stand between the name and the street ("t.a.v. Mark de Vries", "Attn: Finance").
      const contact = column[1] && CONTACT_LINE.test(cellOf(column[1]).trim()) ? 1 : 0;
      const street = column[1 + contact];
      if (!street) continue;
      const streetText = cellOf(street);
      if (!STREET.test(streetText) || POSTCODE.test(streetText) || NOT_ADDRESS.test(streetText)) continue;
      // The postcode with the place, or (UK) on the line after the town: "Frome" over "BA11 1BE".
      const postal = [2, 3].find((k) => {
        const place = column[k + contact];
        return place && POSTCODE.test(cellOf(place)) && !NOT_ADDRESS.test(cellOf(place));
      });
      if (postal === undefined) continue;
      // The name's own cell: the row may hold the supplier's details beside it (its VAT ID among them).
      const own: DocLine = { ...line, text: name, x: box?.x ?? line.x, cells: box ? [box] : [] };
      // A country printed under the place belongs to the address ("España", "Belgique").
      const after = column[postal + 1 + contact];
      const country = after && COUNTRY_LINE.test(cellOf(after).trim()) ? 1 : 0;
      const block = [own, ...column.slice(1, postal + 1 + contact + country)];
      const party = partyFrom({ value: name, line: own }, block.slice(1), block);
      // The supplier's letterhead under another spelling of its name ("K studio kobalt" over the street the
      // footer gives "Studio Kobalt BV"): the same address is no recipient.
      const firstPart = (text?: string) => text?.split(',')[0]?.trim().toLowerCase();
      if (supplier.address && firstPart(party.address?.value) === firstPart(supplier.address.value)) continue;
      return { ...party, ...(c > 0 ? { column: c } : {}) };
    }
  }
  return null;
}

const emptyParty = (): PartyLines => ({ name: null, address: null, block: [] });
const NAME_FIELD_LABEL =
  /^(?:Denominazione|Ragione sociale|Raz[óo]n social|Raison sociale|D[ée]nomination|Firma|Firmenname|Name|Naam|Nombre|Nome|Company)\s*:\s*(?=\S)/iu;

/** The block under (or after) a label such as "Rechnungsempfänger:" or "Bill to". */
function labelledParty(lines: DocLine[], label: RegExp): PartyLines | null {
  for (const line of lines) {
    const match = label.exec(line.text);
    if (!match) continue;
    // A field of the invoice's details naming a person or a number ("Verkäufer | T. Kessler", a shop's salesperson;
    // "Vendor | 0412"): no party block.
    if (
      match[0].endsWith('\t') &&
      STAFF_FIELD.test(line.text.slice(match[0].length).split('\t')[0]?.trim() ?? '')
    )
      continue;
    // A label ending its cell (a header over the value) has nothing after it on its own line.
    const rest = match[0].endsWith('\t')
      ? ''
      : (line.text.slice(match[0].length).split('\t')[0] ?? '').trim();
    // The cells below the label's own cell, read by position (rows often mix two columns); without
    // positions (plain text), the lines below.
    const block = alignedBelow(lines, line, 0) ?? blockFrom(lines, line.index + 1);
    const nameLine = rest ? line : block[0];
    const name = rest || nameLine?.text.split('\t')[0]?.trim();
    if (!nameLine || !name) continue;
    const [first = '', ...parts] = name.split(/,\s+/);
    // "Bill to: Globex Corporation, 1 Globex Way, Springfield": name and address on the label's line.
    if (rest && block.length === 0 && parts.length > 0) {
      return {
        name: { value: tidy(first), line },
        address: { value: parts.map(tidy).join(', '), line },
        block: [line],
      };
    }
    return partyFrom({ value: name, line: nameLine }, rest ? block : block.slice(1), [line, ...block]);
  }
  return null;
}

/**
 * Party blocks side by side under a row of labels ("Von | Rechnung an", "Seller | Buyer"): the party under
 * a label that is not the row's first cell is read from that column of the rows below, while they keep the
 * label row's shape (a row with fewer cells ends the blocks).
 */
function columnParty(lines: DocLine[], label: RegExp): PartyLines | null {
  for (const line of lines) {
    const cells = line.text.split('\t');
    const column = cells.findIndex((cell, i) => i > 0 && label.test(cell) && cell.trim().length <= 40);
    if (column === -1) continue;
    const rows: DocLine[] = [];
    for (const next of lines.slice(line.index + 1, line.index + 7)) {
      const own = next.text.split('\t');
      if (next.page !== line.page || own.length !== cells.length || !own[column]?.trim()) break;
      rows.push({ ...next, text: own[column]?.trim() ?? '' });
    }
    // By position where known (the columns beside it may be filled unevenly), else by the rows' shape.
    const [name, ...rest] = alignedBelow(lines, line, column) ?? rows;
    if (!name) continue;
    return { ...partyFrom({ value: name.text, line: name }, rest, [line, name, ...rest]), column };
  }
  return null;
}

/**
 * The small sender line above the address window: "Muster GmbH · Hauptstr. 1 · 10115 Berlin", or with
 * commas ("Malerbetrieb Kowalski, Lindenstraße 23, 34117 Kassel") when an address block follows it.
 */
function senderLineParty(lines: DocLine[]): PartyLines | null {
  for (const [i, line] of lines.entries()) {
    const parts = senderParts(line, lines.slice(i + 1, i + 8));
    if (!parts) continue;
    const address = parts.slice(1).filter((p) => !NOT_ADDRESS.test(p));
    return {
      name: { value: tidy(parts[0] ?? ''), line },
      address: address.length ? { value: address.map(tidy).join(', '), line } : null,
      block: [line],
    };
  }
  return null;
}

/** The parts of a sender line (name first), or null when the line is none. */
function senderParts(line: DocLine, below: DocLine[]): string[] | null {
  // The line's first cell: the invoice details may share its row ("… · 28217 Bremen | Rechnungsnr. | …").
  const dotted = cellOf(line)
    .split(SENDER_SEPARATOR)
    .map((p) => p.trim());
  const parts = dotted.length >= 3 ? dotted : commaSenderLine(line, below);
  // A postcode in a register notice ("Amtsgericht Leipzig HRB 37712") makes no postal address.
  const postal = parts.some((p) => POSTCODE.test(p) && !NOT_ADDRESS.test(p));
  // A sole trader's ("Lena Vogt - Lausitzer Straße 31 - 10999 Berlin") is one too over an address window, its owner
  // perhaps named between ("Tischlerei Brandt · Inh. Stefan Brandt · Gewerbestraße 9 · 79194 Gundelfingen").
  const owner = parts.length === 4 && NOT_ADDRESS.test(parts[1] ?? '') ? 1 : 0;
  const windowed =
    parts.length === 3 + owner &&
    !/\d/.test(parts[0] ?? '') &&
    STREET.test(parts[1 + owner] ?? '') &&
    below.some((next) => POSTCODE.test(cellOf(next)));
  const named = parts !== dotted || LEGAL_FORM.test(parts[0] ?? '') || windowed;
  return parts.length >= 3 && named && postal ? parts : null;
}

/**
 * "Name, street, postcode city" alone on its line, with an address block below it (the window it sits
 * over): a sender line even without a legal form. Other comma lines are addresses, not sender lines.
 */
function commaSenderLine(line: DocLine, below: DocLine[]): string[] {
  const parts = line.text.split(/,\s+/).map((p) => p.trim());
  const [name = '', ...rest] = parts;
  if (line.text.includes('\t') || parts.length < 3 || parts.length > 5) return [];
  if (/\d/.test(name) || NOT_ADDRESS.test(line.text) || !rest.some((p) => POSTCODE.test(p))) return [];
  // "Client : Dupont SARL, …": a labelled party on one line, not the sender's.
  if (RECIPIENT_LABEL.test(name) || SUPPLIER_LABEL.test(name)) return [];
  const window = below.filter((next) => next.text.trim() !== '');
  return window.some((next) => POSTCODE.test(cellOf(next))) ? parts : [];
}

/**
 * The legal notice in the footer names the issuing company: "Free SAS au capital de …", "Muster GmbH, Sitz
 * Berlin", "Acme Ltd, registered in England". Only a name ending in a legal form at the start of a line counts.
 */
function footerLegalParty(lines: DocLine[]): PartyLines | null {
  const notice = new RegExp(
    String.raw`^\s*((?:\p{Lu}[\p{L}&.'’-]*\s){1,5}?${LEGAL_FORM.source.replace(/^\\b/, '')})(?=\s+(?:au\s+capital|with|registered|Sitz|mit|con|met|,|[–−·•|-])|,)`,
    'iu',
  );
  for (const line of [...lines].reverse()) {
    const match = notice.exec(line.text);
    if (!match?.[1]) continue;
    const seat = REGISTERED_SEAT.exec(line.text);
    const address = seat?.[1] && STREET.test(seat[1]) ? seatAddress(seat[1]) : null;
    return {
      name: { value: tidy(match[1]), line },
      address: address ? { value: address, line } : null,
      block: [line],
    };
  }
  return null;
}

/**
 * The registered office a legal notice names ("Siège social : 8 rue de la Ville l’Évêque 75008 Paris",
 * "Sitz der Gesellschaft: Hauptstraße 5, 10115 Berlin", "Registered office: …", "Sede legale: …"), up to the
 * notice's next separator.
 */
const REGISTERED_SEAT =
  /(?:Si[èe]ge(?:\s+social)?|Sitz(?:\s+der\s+Gesellschaft)?|Registered\s+office|Sede\s+(?:legale|sociale)|Domicilio\s+social|(?:Maatschappelijke\s+)?zetel)\s*:?\s*([^–−·•|;]+?\d{4,5}\s+\p{Lu}[\p{L}' -]+?)(?=\s*(?:[–−·•|;]|\s-\s|,\s*(?:N°|RCS|TVA|SIRE|HRB|Amtsgericht|\p{Lu}{2,})|$))/iu;

/** "8 rue de la Ville l’Évêque 75008 Paris" → "8 rue de la Ville l’Évêque, 75008 Paris" (street, place). */
function seatAddress(text: string): string {
  const place = /\s(\d{4,5}\s+\p{Lu}.*)$/u.exec(text);
  const street = place ? text.slice(0, place.index).replace(/,\s*$/, '') : text;
  return tidy(place?.[1] ? `${street}, ${place[1]}` : text);
}

/** Without labels, the recipient is the address block right under the sender line (the envelope window). */
function windowParty(lines: DocLine[]): PartyLines | null {
  const sender = lines.find((line, i) => senderParts(line, lines.slice(i + 1, i + 8)));
  if (!sender) return null;
  // The window is the sender line's column: details printed beside it (number, date) are not the address.
  const window = cellsInColumn(lines.slice(lines.indexOf(sender)), sender.cells?.[0]);
  const block = blockFrom(window, 1);
  const [first, ...rest] = block;
  const name = first?.text.split('\t')[0] ?? '';
  // Under a sender line in the footer there is no address window: a tax number is no name.
  if (!first || rest.length === 0 || NOT_ADDRESS.test(name)) return null;
  return partyFrom({ value: name, line: first }, rest, block);
}

/**
 * The letterhead: the first block naming a company that is not the recipient's block. Its name opens a line, or,
 * read by position, stands in a column of its own (top right, beside the invoice's details).
 */
function letterheadParty(
  lines: DocLine[],
  taken: Map<number, DocLine>,
  delivered: Set<string> = new Set(),
): PartyLines | null {
  const blockX = blockColumn(taken);
  for (const line of lines) {
    if (TITLE.test(line.text) || !LEGAL_FORM.test(line.text)) continue;
    const cells = line.text.split('\t');
    for (const [i, text] of cells.entries()) {
      const name = text.trim();
      const cell = line.cells?.[i];
      if (i > 0 && !cell) break; // without positions only the first cell opens a block
      // A row the recipient's block shares is taken, but for the cells beside its label's row (read whole:
      // "Instalaciones Eléctricas Cántabras, S.L. | Cliente") and, by position, those outside its column.
      const shared = taken.get(line.index);
      const beside = cell && blockX !== undefined && Math.abs(cell.x - blockX) > SAME_COLUMN;
      if (shared && !(beside && (i > 0 || (shared.cells?.length ?? 0) > 1))) continue;
      if (!LEGAL_FORM.test(name) || NOT_ADDRESS.test(name) || !nameLike(name)) continue;
      if (delivered.has(`${line.index}:${name}`)) continue;
      // The lines of the name's column (a right-hand letterhead interleaves with the logo or the window).
      const column = cellsInColumn(lines.slice(lines.indexOf(line)), cell);
      // A name over "t.a.v. …" / "z. Hd. …" / "Attn …" is an addressee's: no one writes to their own attention.
      if (ATTENTION.test(cellOf(column[1] ?? line).trim())) continue;
      const block = blockFrom(column, 1);
      const own = i === 0 ? line : (column[0] ?? line);
      return partyFrom({ value: name, line: own }, block, [own, ...block]);
    }
  }
  return null;
}

/**
 * A name, not a sentence naming one ("Payment by bank transfer to Harbour & Finch Design Ltd"), nor a wrapped
 * sentence going on after the name's legal form ("… t.n.v. Glans" / "Schoonmaakdiensten B.V. onder vermelding
 * van factuurnummer …": lower-case words after the legal form).
 */
function nameLike(text: string): boolean {
  const form = LEGAL_FORM.exec(text);
  const after = form ? text.slice(form.index + form[0].length) : '';
  const sentence = (after.match(/(?:^|\s)\p{Ll}[\p{L}-]+/gu) ?? []).length >= 2;
  // An article code with a unit in it ("PR24-KG") or a unit alone ("KG") names no company.
  const bare = isArticleCode(text) || text.trim() === form?.[0];
  return text.split(/\s+/).length <= 8 && !PAYMENT_PHRASE.test(text) && !sentence && !bare;
}

const PAYMENT_PHRASE =
  /\b(?:payment|payable|transfer|zahlung|zahlbar|überweis\w*|paiement|virement|betaling|overmaken|pago|transferencia|pagamento|bonifico)\b/i;

/**
 * An address ends with its postcode and place, or a country on the line after ("Germany", "United Kingdom"):
 * what follows in the block (a trade registration, a slogan) is no part of it.
 */
function upToPlace(lines: DocLine[], cell: (line: DocLine) => string): DocLine[] {
  const place = lines.findIndex((line, i) => i > 0 && POSTCODE.test(cell(line)));
  if (place === -1) return lines;
  const next = lines[place + 1];
  const country = next && COUNTRY_LINE.test(cell(next).trim());
  return lines.slice(0, place + (country ? 2 : 1));
}

/** A line that may be a country under an address: one to three capitalised words, no digits ("United Kingdom"). */
const COUNTRY_LINE = /^\p{Lu}[\p{L}.]*(?:\s+\p{Lu}?[\p{L}.]*){0,2}$/u;

/** Where the recipient block's one-cell rows (read by position) start. */
function blockColumn(taken: Map<number, DocLine>): number | undefined {
  return [...taken.values()].find((l) => l.cells?.length === 1)?.cells?.[0]?.x;
}

/**
 * A letterhead without a legal form (sole traders, tradespeople: "Mira Lehmann", "Malerbetrieb Kowalski"):
 * the first cell at the top of the first page that reads as a name, outside the recipient's block, with
 * the first street and postcode printed below it in one column (or on one line after a label such as
 * "Indirizzo:") as its address.
 */
function topOfPageParty(lines: DocLine[], taken: Map<number, DocLine>): PartyLines | null {
  const top = lines.filter((line) => line.text.trim() !== '' && !taken.has(line.index)).slice(0, 3);
  // A professional's name by its title ("Ing. Paolo Martinelli" under "STUDIO TECNICO") comes first.
  top.sort((a, b) => Number(PROFESSIONAL.test(cellOf(b))) - Number(PROFESSIONAL.test(cellOf(a))));
  for (const line of top) {
    const name = cellOf(line);
    const words = name.split(/\s+/).length;
    if (!/\p{L}{2}/u.test(name) || /\d|:/.test(name) || words > 6 || NOT_ADDRESS.test(name)) continue;
    if (TITLE.test(name) || SALUTATION.test(name) || SUPPLIER_LABEL.test(name) || RECIPIENT_LABEL.test(name))
      continue;
    if (COPY_MARK.test(name)) continue;
    // From the top of the page: a right-hand letterhead may print its street beside or above the name.
    const blockX = blockColumn(taken);
    const head = lines
      .slice(0, lines.indexOf(line) + 9)
      .flatMap((l) => outsideBlock(l, taken.get(l.index), blockX));
    const address = letterheadAddress(head, line.cells?.[0]);
    // A logo's short name over the full one: a line just above the street that begins with it ("Sapori di
    // Langa" over "Sapori di Langa Catering di Giulia Bosio", "JAVIER ORTEGA" over "Javier Ortega Lanza", the
    // invoice's details perhaps printed between them in another column) names the business.
    const at = address ? head.indexOf(address.line) : -1;
    const above = head
      .slice(Math.max(0, at - 3), Math.max(0, at))
      .reverse()
      .find((l) => extendsName(cellOf(l), name));
    const named = above ? { value: tidy(cellOf(above)), line: above } : { value: tidy(name), line };
    return {
      name: named,
      address: address && { value: address.value, line: address.line },
      block: [line, ...(address ? [address.line] : [])],
    };
  }
  return null;
}

/**
 * A line without the recipient block's cells on it (the letterhead's place may share its row with "Spett.le"):
 * the cells outside the block's column; without positions the whole line is the block's.
 */
function outsideBlock(line: DocLine, blockLine: DocLine | undefined, blockX: number | undefined): DocLine[] {
  if (!blockLine) return [line];
  if (blockX === undefined || !line.cells) return [];
  const texts = line.text.split('\t');
  const kept = (line.cells ?? [])
    .map((cell, i) => ({ cell, text: texts[i] ?? '' }))
    .filter(({ cell }) => Math.abs(cell.x - blockX) > SAME_COLUMN);
  const first = kept[0];
  if (!first) return [];
  return [
    { ...line, text: kept.map((k) => k.text).join('\t'), x: first.cell.x, cells: kept.map((k) => k.cell) },
  ];
}

/** Titles professionals print before their name: engineers, architects, lawyers, doctors, accountants. */
const PROFESSIONAL =
  /^(?:Ing\.|Dott\.(?:ssa)?|Avv\.|Arch\.|Geom\.|Rag\.|Dr\.(?:-Ing\.)?|Dipl\.-(?:Ing|Kfm|Kff)\.|Prof\.|Mag\.|RA|Me|Ir\.|Drs\.|Mr\.?\s+(?=\p{Lu}\.?\s)|Lic\.|Ldo\.|Lda\.)\s*\p{Lu}/u;

/** Marks a page carries at its top that are no one's name: copy, draft, document kinds. */
const COPY_MARK =
  /^(?:Original|Kopie|Duplikat|Zweitschrift|Copy|Duplicate|Duplicata|Copie|Copia|Entwurf|Draft|Proforma|Pro\s+forma|Angebot|Quote|Quotation|Devis|Offerte|Lieferschein|Mahnung|Reminder|Rappel)$/i;

/**
 * The first "street / postcode city" pair in one column of these lines (the place line within two rows below
 * the street), or both on one line, perhaps after a label ("Indirizzo: Via Nizza 152, 10126 Torino").
 */
function letterheadAddress(lines: DocLine[], name?: Span): Found<string> | null {
  const cells = lines.flatMap((line, row) =>
    line.text.split('\t').map((text, i) => ({ text: text.trim(), box: line.cells?.[i], row, line })),
  );
  for (const cell of cells) {
    const text = cell.text.replace(/^[^:\d]{2,20}:\s*/, '');
    const parts = text.split(/,\s+/);
    if (
      parts.length >= 2 &&
      STREET.test(parts[0] ?? '') &&
      POSTCODE.test(parts.at(-1) ?? '') &&
      !NOT_ADDRESS.test(text)
    )
      return { value: tidy(text), line: cell.line };
    // "Corso Vittorio Emanuele II 154 - 10138 Torino (TO) - tel. 011 …": street and place between dashes or dots.
    const dashed = text.split(/\s+[-–·|•]\s+/);
    const at = dashed.findIndex((part, i) => i > 0 && POSTCODE.test(part) && !NOT_ADDRESS.test(part));
    const street = dashed[at - 1];
    // Only in the name's own column (left, right or centred under it): a logo's letters may run into the line.
    const aligned = !name || !cell.box || sameAxis(name, cell.box);
    if (
      aligned &&
      at > 0 &&
      street &&
      STREET.test(street) &&
      !POSTCODE.test(street) &&
      !NOT_ADDRESS.test(street)
    )
      return { value: `${tidy(street)}, ${tidy(dashed[at] ?? '')}`, line: cell.line };
    // A number-first street ("1100 S Lamar Blvd") may look like a postcode: the place line below decides. A
    // line with a legal form is the name's (a logo's second line: "ALIMENTARI S.p.A. - dal 1962"), no street.
    if (!STREET.test(text) || NOT_ADDRESS.test(text) || /:/.test(cell.text) || LEGAL_FORM.test(text))
      continue;
    const place = cells.find(
      (other) =>
        other.row > cell.row &&
        other.row <= cell.row + 2 &&
        POSTCODE.test(other.text) &&
        !NOT_ADDRESS.test(other.text) &&
        oneColumn(cell.box, other.box),
    );
    if (place) return { value: `${tidy(text)}, ${tidy(place.text)}`, line: cell.line };
  }
  return null;
}

/**
 * Each line's cell in the column of `anchor` (left- or right-aligned with it), as a line of its own; blank
 * lines stay (they end blocks), lines with no cell there drop out. Without positions, the lines as they are.
 */
function cellsInColumn(lines: DocLine[], anchor?: { x: number; w: number }): DocLine[] {
  if (!anchor) return lines;
  return lines.flatMap((line) => {
    if (line.text.trim() === '') return [line];
    const at = (line.cells ?? []).findIndex((cell) => oneColumn(anchor, cell));
    if (at === -1) return [];
    const cell = line.cells?.[at];
    return [{ ...line, text: line.text.split('\t')[at] ?? '', x: cell?.x, cells: cell ? [cell] : [] }];
  });
}

/** Two cells in one column: starting together (left-aligned) or ending together (right-aligned). */
function oneColumn(a?: { x: number; w: number }, b?: { x: number; w: number }): boolean {
  if (!a || !b) return true;
  return Math.abs(a.x - b.x) <= 0.05 || Math.abs(a.x + a.w - (b.x + b.w)) <= 0.01;
}

/** Whether two cells share a left edge, a right edge or a centre (a centred letterhead). */
function sameAxis(a: Span, b: Span): boolean {
  const near = (p: number, q: number) => Math.abs(p - q) <= 0.02;
  return near(a.x, b.x) || near(a.x + a.w, b.x + b.w) || near(a.x + a.w / 2, b.x + b.w / 2);
}

/** How far apart two cells may start and still be one column (a fraction of the page width). */
const SAME_COLUMN = 0.015;

/**
 * The block under a label's cell read by position: on each following row, the cell that starts where the
 * label starts, until the column is blank after the block began, a cell runs across it, or another label
 * comes. Header blocks side by side ("Facturar a:" over the customer, the invoice details beside it) are
 * printed as rows that mix both columns; their positions keep them apart. Null without positions (text).
 */
function alignedBelow(lines: DocLine[], line: DocLine, cellIndex: number): DocLine[] | null {
  const x = line.cells?.[cellIndex]?.x;
  if (x === undefined) return null;
  const rows: DocLine[] = [];
  let gaps = 0;
  for (const next of lines.slice(line.index + 1, line.index + 12)) {
    if (next.page !== line.page || rows.length === 6) break;
    // A blank line ends a block; so does a table row (four cells or more: the line items' header).
    if (next.text.trim() === '' && rows.length > 0) break;
    const cells = next.cells ?? [];
    if (cells.length >= 4) break;
    const at = cells.findIndex((cell) => Math.abs(cell.x - x) <= SAME_COLUMN);
    if (at === -1) {
      if (cells.some((cell) => cell.x < x - SAME_COLUMN && cell.x + cell.w > x + SAME_COLUMN)) break;
      if (rows.length > 0 && ++gaps > 1) break;
      continue;
    }
    const text = next.text.split('\t')[at]?.trim() ?? '';
    // A field of the party's details ("Nummer | : 549910"): neither its name nor its address.
    if (/^\s*:/.test(next.text.split('\t')[at + 1] ?? '')) continue;
    if (!text || SUPPLIER_LABEL.test(text) || RECIPIENT_LABEL.test(text) || TITLE.test(text)) break;
    if (/^[^:]{2,30}:/.test(text) && !ATTENTION.test(text.trim()) && !NOT_ADDRESS.test(text)) break;
    gaps = 0;
    rows.push({ ...next, text, x: cells[at]?.x, cells: cells.slice(at, at + 1) });
  }
  return rows.length ? rows : null;
}

/** Lines of `scope` from `start` up to a blank line, a new label or five lines, whichever comes first. */
function blockFrom(scope: DocLine[], start: number): DocLine[] {
  const block: DocLine[] = [];
  for (const line of scope.slice(start, start + 6)) {
    if (block.length === 5) break;
    // Only the left cell: the invoice details often share the rows of the address block.
    const cells = line.text.split('\t');
    const text = cells[0]?.trim() ?? '';
    if (text === '' && block.length === 0) continue; // the gap under a small sender line
    if (text === '' || SUPPLIER_LABEL.test(text) || RECIPIENT_LABEL.test(text) || TITLE.test(text)) break;
    // A labelled value ends the block, unless it is the party's own detail ("CIF: B90614520", "Tel.: …").
    if (/^[^:]{2,30}:\s*\S/.test(text) && !ATTENTION.test(text.trim()) && !NOT_ADDRESS.test(text)) break;
    // A label with a date beside it ("Due date | 15/12/2024") is the invoice details, not the address.
    if (cells.length > 1 && !/\d/.test(text) && datesIn(cells[1] ?? '').length > 0) break;
    // A line starting further right belongs to the block beside this one (a longer delivery address).
    const left = block[0]?.x;
    if (left !== undefined && line.x !== undefined && line.x - left > 0.1) break;
    block.push(line);
  }
  return block;
}

const NAME_KEY =
  /^(?:Name|Firmenname|Firma|Company(?:\s+name)?|Naam|Nom|Raison\s+sociale|Denominazione|Ragione\s+sociale|Nombre|Raz[óo]n\s+social)\s*:?\s*$/i;
const ADDRESS_KEY =
  /^(?:Anschrift|Adresse|Address|Adres|Indirizzo|Direcci[óo]n|Domicilio|Sede|Stra(?:ß|ss)e)\s*:?\s*$/i;

/**
 * A party printed as fields ("Nummer: | 549910", "Name: | Lieferant GmbH", "Anschrift: | Weg 20" and the place
 * on the row below, as e-invoice viewers and ERP printouts do): the Name field is the name, the Anschrift
 * field and the unkeyed rows under it the address. Null when no line is such a Name field.
 */
function fieldedParty(lines: DocLine[], block: DocLine[]): PartyLines | null {
  const keyed = (line: DocLine) => line.text.split('\t').map((c) => c.trim());
  const nameAt = lines.findIndex((line) => NAME_KEY.test(keyed(line)[0] ?? '') && keyed(line)[1]);
  const nameLine = lines[nameAt];
  if (!nameLine) return null;
  const addressAt = lines.findIndex((line) => ADDRESS_KEY.test(keyed(line)[0] ?? '') && keyed(line)[1]);
  const addressLine = lines[addressAt];
  const parts: string[] = [];
  if (addressLine) {
    parts.push(keyed(addressLine).slice(1).join(' '));
    // The place continues on the rows below, under the value: no key of its own.
    for (const more of lines.slice(addressAt + 1, addressAt + 3)) {
      const cells = keyed(more);
      if (cells.length !== 1 || !cells[0] || /:/.test(cells[0]) || NOT_ADDRESS.test(cells[0])) break;
      parts.push(cells[0]);
    }
  }
  return {
    name: { value: tidy(keyed(nameLine).slice(1).join(' ')), line: nameLine },
    address: addressLine ? { value: parts.map(tidy).join(', '), line: addressLine } : null,
    block,
  };
}

// " – " joins street and place on one line in Italian and French letterheads; the output uses commas.
const tidy = (text: string) =>
  text
    .replace(/\s+[–—]\s+/g, ', ')
    .replace(/\s+/g, ' ')
    .replace(/[,;]$/, '')
    .trim();

function partyFrom(name: Found<string>, rest: DocLine[], block: DocLine[]): PartyLines {
  const cell = (line: DocLine) => line.text.split('\t')[0] ?? '';
  const fielded = fieldedParty([name.line, ...rest], block);
  if (fielded) return fielded;
  const [next, ...after] = rest;
  // A salutation, an account number printed above the payee (payment slips), or a field of the party's
  // details ("Nummer | : 549910", "Kundennr.: 4711") is no name.
  const field =
    /^\s*:/.test(name.line.text.split('\t')[1] ?? '') ||
    /:\s*$/.test(name.value) ||
    NOT_ADDRESS.test(name.value);
  if ((SALUTATION.test(name.value.trim()) || ibansIn(name.value).length > 0 || field) && next)
    return partyFrom({ value: cell(next), line: next }, after, block);
  const kept = rest.filter(
    (line) =>
      !NOT_ADDRESS.test(cell(line)) && !CONTACT_LINE.test(cell(line)) && !bareNationalVatId(cell(line)),
  );
  // A professional's occupation under their name ("Marco Galimberti" / "Consulente informatico" / "Via …"): a line
  // in sentence case, no digit, right above the street, under a name without a legal form, is no address line.
  const [occupation, street] = kept;
  if (
    occupation &&
    street &&
    !LEGAL_FORM.test(name.value) &&
    OCCUPATION.test(cell(occupation).trim()) &&
    STREET.test(cell(street))
  )
    kept.shift();
  const addressLines = upToPlace(kept, cell);
  const first = addressLines[0];
  return {
    // A name printed after its field's label ("Denominazione: …", "Firma: …", "Name: …") is the value only.
    name: { value: tidy(name.value.replace(NAME_FIELD_LABEL, '')), line: name.line },
    address: first
      ? {
          value: addressLines.map((line) => tidy(cell(line)).replace(DASH_BEFORE_POSTCODE, ', ')).join(', '),
          line: first,
        }
      : null,
    block,
  };
}

/** A street and its place on one line set apart by a dash ("C/ de Sants, 87 - 08014 Barcelona"): a comma, booked. */
const DASH_BEFORE_POSTCODE = /\s+[–-]\s+(?=\d{4,5}\s+\p{Lu})/u;
