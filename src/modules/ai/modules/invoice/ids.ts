// The supplier's IBAN and the parties' VAT IDs, each with its verdict (mod-97, format per country).

import { bareNationalVatId, nationalVatId } from '../../../../lib/vat-id';
import type { DocLine } from '../../text';
import { ibansIn } from '../../text/iban';
import { VAT_ID_LABEL, vatIdIn, WEAK_VAT_ID_LABEL } from '../../text/vat-id';
import { cellBelow, type Found } from '../shared/labels';

export interface Verdicts {
  valid: Found<string> | null;
  /** Values that looked like one but failed the check: they are reported, never used as the value. */
  invalid: Found<string>[];
}

/** IBANs next to an "IBAN" label first, then anywhere (bank footers often omit the label). */
export function invoiceIban(lines: DocLine[]): Verdicts {
  const labelled = lines.filter((line) => /IBAN/i.test(line.text));
  const hits = [...labelled, ...lines.filter((line) => !labelled.includes(line))].flatMap((line) =>
    ibansIn(line.text.replace(/^.*?IBAN\s*:?\s*/i, '')).map((hit) => ({ ...hit, line })),
  );
  const valid = hits.find((hit) => hit.valid);
  return {
    valid: valid ? { value: valid.iban, line: valid.line } : null,
    invalid: hits.filter((hit) => !hit.valid).map((hit) => ({ value: hit.iban, line: hit.line })),
  };
}

const RECIPIENT_HINT =
  /(Ihre|Kunden|Leistungsempfänger|Empfänger|Customer|Your|Recipient|Buyer|Client|\bUw\b|Klant|Afnemer|Votre|Vos\b|Destinataire|\bSu\b|Cliente|Vostr|Committente|Cessionario)/i;

export interface VatIds {
  supplier: Found<string> | null;
  recipient: Found<string> | null;
  invalid: Found<string>[];
  /** Every valid VAT ID the page shows, whoever's it is. */
  seen: Set<string>;
}

/**
 * VAT IDs after a label; one inside the recipient's block, or labelled as the customer's, is the recipient's.
 * Each label of a line is read on its own: party blocks printed side by side put both IDs on one row, and
 * `recipientColumn` says which cell of the block's rows is the recipient's.
 */
/** After "P.IVA" / "Partita IVA" or "NIF" / "CIF", the number printed without its country prefix. */
function nationalVatIdIn(label: string, text: string): { id: string; valid: boolean } | null {
  const id = nationalVatId(label, text);
  return id ? { id, valid: true } : null;
}

export function invoiceVatIds(lines: DocLine[], recipientBlock: DocLine[], recipientColumn = 0): VatIds {
  const ids: VatIds = { supplier: null, recipient: null, invalid: [], seen: new Set() };
  const inRecipient = new Set(recipientBlock.map((line) => line.index));
  // A block read by position holds one cell of each row: only an ID in that cell is the recipient's.
  const blockCell = new Map(
    recipientBlock.filter((l) => l.cells?.length === 1).map((l) => [l.index, l.cells?.[0]]),
  );
  // The ID line right under the recipient's address ends its block ("NIF: ESB39555123"), unless it is
  // printed in another column (the supplier's details beside the address window).
  const last = recipientBlock.at(-1);
  const aligned = (a?: number, b?: number) => a === undefined || b === undefined || Math.abs(a - b) <= 0.1;
  // The block's column: where its one-cell rows start (its label row may begin in the supplier's column).
  const blockX = recipientBlock.find((l) => l.cells?.length === 1)?.cells?.[0]?.x ?? recipientBlock[0]?.x;
  // The next line in the block's column: rows of the supplier's details beside it (printed in another column,
  // "KvK …", "BTW NL…") may come between.
  // A blank line ends the block: what follows it (a footer) is not the block's.
  const next = last ? lines.slice(last.index + 1, last.index + 4) : [];
  const blank = next.findIndex((l) => l.text.trim() === '');
  const under = (blank === -1 ? next : next.slice(0, blank)).find((l) => aligned(blockX, l.x));
  if (last && under && aligned(blockX, under.x)) {
    inRecipient.add(under.index);
    // A block read by position: the ID line is one more cell of its column, whatever its index on its own row.
    const cell = under.cells?.length === 1 ? under.cells[0] : undefined;
    if (cell && blockCell.size > 0) blockCell.set(under.index, cell);
  }
  /** Whether a line's cell is in the recipient's block: by position when the block was read so, else by row. */
  const inBlock = (line: DocLine, column: number) => {
    const printedIn = blockCell.get(line.index);
    const cell = line.cells?.[column];
    return printedIn && cell
      ? Math.abs(printedIn.x - cell.x) <= 0.02
      : inRecipient.has(line.index) && column === recipientColumn;
  };
  const label = new RegExp(VAT_ID_LABEL.source, 'gi');
  for (const line of lines) {
    for (const match of line.text.matchAll(label)) {
      // The next line with text: a row of header labels may stand a blank line above its values.
      const next = lines.slice(line.index + 1, line.index + 3).find((l) => l.text.trim() !== '');
      const weak = WEAK_VAT_ID_LABEL.test(match[0].trim());
      const after = line.text.slice(match.index + match[0].length);
      // Up to the next label: the rest of the row may be the other party's ID, or the bank's ("… - CIF B983…
      // - IBAN ES29 0081 …": an IBAN opens like a Spanish VAT ID).
      const own =
        (after.split(new RegExp(VAT_ID_LABEL.source, 'i'))[0] ?? after).split(/\b(?:IBAN|BIC|SWIFT)\b/i)[0] ??
        '';
      let hit = vatIdIn(weak ? (after.split('\t')[0] ?? '') : own);
      // An Italian or Spanish label's number printed without its prefix comes first: a personal tax code later on
      // the line ("P.IVA 11873420019 - C.F. FRRGLI85C41L219X") opens like a French VAT ID and is none.
      if (!hit?.valid) hit = nationalVatIdIn(match[0], own) ?? hit;
      if (
        weak &&
        hit &&
        !after
          .replace(/^[\s:.-]+/, '')
          .toUpperCase()
          .startsWith(hit.id.slice(0, 2))
      )
        hit = null;
      let source = line;
      // The value on the next line only when nothing follows the label in its own cell ("N° TVA / USt-IdNr. …"
      // names a second label, whose value is on this line).
      const rest = (after.split('\t')[0] ?? '').replace(/^[\s:.#/-]+/, '');
      const before = line.text.slice(0, match.index);
      const column = before.split('\t').length - 1;
      if (!hit && !weak && rest === '' && next?.text.trim()) {
        hit = vatIdIn(next.text);
        source = next;
      }
      // A header row of details ("Tipo documento | Numero | … | Partita IVA cliente") over its values: the cell
      // under the label's, by position.
      const header = line.text.includes('\t');
      const under = !hit && !weak && next && header ? cellBelow(line, column, next) : null;
      if (under) {
        hit = vatIdIn(under) ?? nationalVatIdIn(match[0], under);
        source = next ?? line;
      }
      if (!hit) continue;
      if (!hit.valid) {
        ids.invalid.push({ value: hit.id, line: source });
        continue;
      }
      ids.seen.add(hit.id);
      // Only the label's own segment of a footer line ("USt-IdNr.: DE… · Kunden-Hotline …") says whose ID it is;
      // a header cell may name the party after the label ("Partita IVA cliente").
      // …or after it, up to its colon ("N° TVA client : FR…", "USt-IdNr. des Kunden: DE…").
      const cellRest = under ? (after.split('\t')[0] ?? '') : (/^[^:\t\d]{1,20}(?=:)/.exec(after)?.[0] ?? '');
      const segment = before.split(/\s+[·•|]\s+|\t/).at(-1) + match[0] + cellRest;
      const key = inBlock(line, column) || RECIPIENT_HINT.test(segment) ? 'recipient' : 'supplier';
      ids[key] ??= { value: hit.id, line: source };
    }
  }
  // A Spanish CIF/NIF alone in its cell, unlabelled, under a party's name at the top of the first page.
  for (const line of lines.slice(0, BARE_ID_LINES)) {
    line.text.split('\t').forEach((text, column) => {
      const id = bareNationalVatId(text);
      if (!id || ids.seen.has(id)) return;
      ids.seen.add(id);
      ids[inBlock(line, column) ? 'recipient' : 'supplier'] ??= { value: id, line };
    });
  }
  // The Swiss VAT number carries its label after it ("CHE-418.735.267 MWST"): no label needs to precede it.
  // Not the recipient's: inside its block, after a customer's label ("Ihre MWST-Nr."), or the ID already its.
  // By cell: the row may be shared with the recipient's block beside it ("CHE-417.283.653 IVA | Fondazione …").
  const swissCell = (line: DocLine) =>
    line.text.split('\t').find((cell, column) => SWISS_VAT.test(cell) && !inBlock(line, column));
  const swiss = ids.supplier
    ? null
    : lines.find((l) => swissCell(l) !== undefined && !RECIPIENT_HINT.test(swissCell(l) ?? ''));
  const hit = swiss && vatIdIn(SWISS_VAT.exec(swissCell(swiss) ?? '')?.[0] ?? '');
  if (swiss && hit?.valid && hit.id !== ids.recipient?.value) {
    ids.supplier = { value: hit.id, line: swiss };
    ids.seen.add(hit.id);
  }
  return ids;
}

/** How far down the page party blocks are looked for an unlabelled tax number. */
const BARE_ID_LINES = 30;

const SWISS_VAT = /\bCHE[-\s]?\d{3}[.\s]?\d{3}[.\s]?\d{3}\s*(?:MWST|TVA|IVA)\b/;
