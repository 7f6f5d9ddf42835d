// Supplier and recipient (name, address) from labelled blocks, the DIN 5008 sender line, or the letterhead.
import type { DocLine } from '../../text';
import type { Found } from '../shared/labels';

export interface PartyLines {
  name: Found<string> | null;
  address: Found<string> | null;
  /** Lines the party's block covers, to attribute VAT IDs printed inside it. */
  block: DocLine[];
}

// A party label stands alone or before a colon: "Customer No: 4711" and "Lieferantennummer" are no labels.
const SUPPLIER_LABEL =
  /^\s*(?:Rechnungssteller|Lieferant|Leistungserbringer|Verkäufer|Auftragnehmer|Supplier|Seller|Vendor|Issued\s+by|Billed\s+by|Von|From)\s*(?::\s*|$|\t)/i;
const RECIPIENT_LABEL =
  /^\s*(?:Rechnungsempfänger|Leistungsempfänger|Empfänger|Rechnungsadresse|Rechnungsanschrift|Rechnung\s+an|Bill(?:ed)?\s+to|Invoice\s+to|Sold\s+to|Customer|Client|Recipient|Kunde|An|To)\s*(?::\s*|$|\t)/i;
// Address lines that only say how to address the recipient ("Herrn", "Firma").
const SALUTATION = /^(Herrn?|Frau|Firma|Messrs\.?)$/i;
export const LEGAL_FORM =
  /\b(GmbH|AG|UG|KG|OHG|GbR|e\.\s?K\.|mbH|SE|KGaA|Ltd\.?|Limited|LLC|LLP|PLC|Inc\.?|Corp\.?|B\.V\.|S\.A\.|SARL)(?=$|[\s,.)&])/i;
const POSTCODE = /\b(\d{4,5}\s+\p{Lu}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\d{5}(-\d{4})?$)/u;
// Lines in a party block that are not its address.
const NOT_ADDRESS =
  /(\bTel\b|\bFax\b|Phone|E-?Mail|@|www\.|https?:|\bUSt\b|\bVAT\b|\bSteuer|\bTax\b|\bIBAN\b|\bBIC\b|Kunden-?nr|Customer\s+(No|ID)|Geschäftsführ|Amtsgericht|\bHRB\b|Registered|z\.\s?Hd|Attn|\bInh\.|Inhaber|\bOwner\b)/i;
const SENDER_SEPARATOR = /\s+[·•|]\s+|\s+[–-]\s+/;
const TITLE = /^(Rechnung|Invoice|Tax\s+invoice|Gutschrift|Credit\s+note)\b/i;

export function invoiceParties(lines: DocLine[]): { supplier: PartyLines; recipient: PartyLines } {
  const firstPage = lines.filter((line) => line.page === lines[0]?.page).slice(0, 60);
  // Recipient first: its block is then ruled out as the supplier's letterhead.
  const recipient = labelledParty(lines, RECIPIENT_LABEL) ?? windowParty(firstPage) ?? emptyParty();
  const taken = new Set(recipient.block.map((line) => line.index));
  const supplier =
    labelledParty(lines, SUPPLIER_LABEL) ??
    senderLineParty(firstPage) ??
    letterheadParty(firstPage, taken) ??
    senderLineParty(lines.slice(-15)) ??
    emptyParty();
  return { supplier, recipient };
}

const emptyParty = (): PartyLines => ({ name: null, address: null, block: [] });

/** The block under (or after) a label such as "Rechnungsempfänger:" or "Bill to". */
function labelledParty(lines: DocLine[], label: RegExp): PartyLines | null {
  for (const line of lines) {
    const match = label.exec(line.text);
    if (!match) continue;
    const rest = (line.text.slice(match[0].length).split('\t')[0] ?? '').trim();
    const block = blockFrom(lines, line.index + 1);
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

/** The small sender line above the address window: "Muster GmbH · Hauptstr. 1 · 10115 Berlin". */
function senderLineParty(lines: DocLine[]): PartyLines | null {
  for (const line of lines) {
    const parts = line.text.split(SENDER_SEPARATOR).map((p) => p.trim());
    if (parts.length < 3 || !LEGAL_FORM.test(parts[0] ?? '') || !parts.some((p) => POSTCODE.test(p)))
      continue;
    const address = parts.slice(1).filter((p) => !NOT_ADDRESS.test(p));
    return {
      name: { value: tidy(parts[0] ?? ''), line },
      address: address.length ? { value: address.map(tidy).join(', '), line } : null,
      block: [line],
    };
  }
  return null;
}

/** Without labels, the recipient is the address block right under the sender line (the envelope window). */
function windowParty(lines: DocLine[]): PartyLines | null {
  const sender = lines.find((line) => senderLineParty([line]));
  if (!sender) return null;
  const block = blockFrom(lines, lines.indexOf(sender) + 1);
  const [first, ...rest] = block;
  return first ? partyFrom({ value: first.text.split('\t')[0] ?? '', line: first }, rest, block) : null;
}

/** The letterhead: the first block naming a company that is not the recipient's block. */
function letterheadParty(lines: DocLine[], taken: Set<number>): PartyLines | null {
  for (const line of lines) {
    if (taken.has(line.index) || TITLE.test(line.text) || !LEGAL_FORM.test(line.text)) continue;
    const name = line.text.split('\t')[0]?.trim() ?? '';
    if (!LEGAL_FORM.test(name) || NOT_ADDRESS.test(name)) continue;
    const block = blockFrom(lines, lines.indexOf(line) + 1);
    return partyFrom({ value: name, line }, block, [line, ...block]);
  }
  return null;
}

/** Lines of `scope` from `start` up to a blank line, a new label or five lines, whichever comes first. */
function blockFrom(scope: DocLine[], start: number): DocLine[] {
  const block: DocLine[] = [];
  for (const line of scope.slice(start, start + 5)) {
    // Only the left cell: the invoice details often share the rows of the address block.
    const text = line.text.split('\t')[0]?.trim() ?? '';
    if (text === '' && block.length === 0) continue; // the gap under a small sender line
    if (text === '' || SUPPLIER_LABEL.test(text) || RECIPIENT_LABEL.test(text) || TITLE.test(text)) break;
    if (/^[^:]{2,30}:\s*\S/.test(text) && !/^\s*(z\.\s?Hd|Attn)/i.test(text)) break;
    block.push(line);
  }
  return block;
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').replace(/[,;]$/, '').trim();

function partyFrom(name: Found<string>, rest: DocLine[], block: DocLine[]): PartyLines {
  const cell = (line: DocLine) => line.text.split('\t')[0] ?? '';
  const [next, ...after] = rest;
  if (SALUTATION.test(name.value.trim()) && next)
    return partyFrom({ value: cell(next), line: next }, after, block);
  const addressLines = rest.filter((line) => !NOT_ADDRESS.test(cell(line)));
  const first = addressLines[0];
  return {
    name: { value: tidy(name.value), line: name.line },
    address: first ? { value: addressLines.map((line) => tidy(cell(line))).join(', '), line: first } : null,
    block,
  };
}
