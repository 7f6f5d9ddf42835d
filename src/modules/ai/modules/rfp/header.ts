// Issuer, title, reference number, submission deadline and the other dates of an RFP.
import type { DocLine } from '../../text';
import { datesIn } from '../../text/dates';
import { atCellStart, type Found, firstLabelled } from '../shared/labels';
import { parseReference } from '../shared/reference';

const ISSUER = atCellStart(
  /(Öffentlicher\s+Auftraggeber|Auftraggeberin|Auftraggeber|Vergabestelle|Ausschreibende\s+Stelle|Contracting\s+(?:authority|entity)|Issued\s+by|Issuer|Buyer|Purchaser|Pouvoir\s+adjudicateur|Entité\s+adjudicatrice|Acheteur\s+public|Acheteur|Maître\s+d['’]ouvrage)/i,
);
const TITLE = atCellStart(
  /(Bezeichnung\s+des\s+Auftrags|Auftragsbezeichnung|Gegenstand\s+der\s+(?:Ausschreibung|Leistung)|Auftragsgegenstand|Titel|Projekttitel|Projekt|Title|Subject|Project\s+(?:title|name)|Name\s+of\s+(?:the\s+)?contract|Objet\s+du\s+marché|Intitulé\s+du\s+marché|Objet\s+de\s+la\s+consultation|Intitulé)/i,
);
// Without a title label, the title is what follows the document's heading (on its line or the next).
const HEADING =
  /^\s*(Ausschreibung|Aufforderung\s+zur\s+Angebotsabgabe|Leistungsbeschreibung|Request\s+for\s+(?:Proposals?|Tenders?|Quotations?)|Invitation\s+to\s+Tender|Call\s+for\s+Tenders|RFP|Avis\s+d['’]appel\s+public\s+à\s+la\s+concurrence|Avis\s+de\s+marché|Appel\s+d['’]offres|Règlement\s+de\s+la\s+consultation)(?=[\s:–—-]|$)[\s:–—-]*/i;
const REFERENCE = atCellStart(
  /(Vergabenummer|Vergabe-Nr\.?|Ausschreibungsnummer|Aktenzeichen|Az\.|Referenznummer|Referenz|Reference\s+(?:number|no\.?)|Reference|Ref\.\s*(?:No\.?)?|RFP\s+(?:Reference|No\.?|Number)|Tender\s+(?:ID|No\.?|Number|Reference)|Procurement\s+(?:ID|number)|Numéro\s+de\s+référence|Référence\s+du\s+marché|Référence)/i,
);
const DEADLINE =
  /(Ablauf\s+der\s+Angebotsfrist|Angebotsfrist|Abgabefrist|Einreichungsfrist|Schlusstermin|Frist\s+für\s+den\s+Eingang\s+der\s+Angebote|Angebote\s+(?:sind\s+|bitte\s+|müssen\s+)?(?:bis|spätestens)(?:\s+zum)?|Submission\s+deadline|Deadline\s+for\s+(?:submission|proposals|tenders)|Closing\s+date|Tender\s+deadline|Proposals?\s+(?:must\s+be\s+)?(?:received|submitted|due)\s+(?:by|no\s+later\s+than)|(?:Tenders|Bids|Offers)\s+must\s+be\s+(?:received|submitted)\s+by|Date\s+(?:et\s+heure\s+)?limites?\s+de\s+(?:réception|remise|dépôt)\s+des\s+(?:offres|plis|candidatures))/i;

const text = (value: string) => {
  const cell = (value.split('\t')[0] ?? '')
    .replace(/^(ist|sind|is|are|est)\s+((die|der|das|the|la|le|les)\s+)?/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cell.length >= 3 && !datesIn(cell).length ? cell : null;
};
const firstDate = (value: string) => datesIn(value)[0]?.iso ?? null;

export function rfpIssuer(lines: DocLine[]): Found<string> | null {
  return firstLabelled(lines, ISSUER, text, { columns: false });
}

export function rfpReference(lines: DocLine[]): Found<string> | null {
  return firstLabelled(lines, REFERENCE, parseReference);
}

// "Closing date for questions" closes the questions, not the tender.
const QUESTIONS = /(Fragen|questions|clarification|renseignements)/i;

export function rfpDeadline(lines: DocLine[]): Found<string> | null {
  return firstLabelled(
    lines.map((line) => (QUESTIONS.test(line.text) ? { ...line, text: '' } : line)),
    DEADLINE,
    firstDate,
  );
}

export function rfpTitle(lines: DocLine[]): Found<string> | null {
  const labelled = firstLabelled(lines, TITLE, text, { columns: false });
  if (labelled) return labelled;
  const heading = lines.slice(0, 30).find((line) => HEADING.test(line.text));
  if (!heading) return null;
  const rest = text(heading.text.replace(HEADING, ''));
  if (rest) return { value: rest, line: heading };
  const next = lines.slice(heading.index + 1, heading.index + 4).find((line) => line.text.trim() !== '');
  const value = next && !/:/.test(next.text) ? text(next.text) : null;
  return value && next ? { value, line: next } : null;
}

/**
 * A date alone on its line takes its label from the line above when that ends in a colon (narrow columns
 * break "Date limite des questions : 21 mars 2025" after the label).
 */
function labelAbove(lines: DocLine[], line: DocLine, dateAt: number): string | null {
  if (line.text.slice(0, dateAt).trim() !== '') return null;
  const above = lines[line.index - 1];
  if (!above || above.page !== line.page || !/:\s*$/.test(above.text) || datesIn(above.text).length)
    return null;
  return above.text;
}

export interface DatedLine {
  label: string;
  date: string;
  line: DocLine;
}

/** Every other dated line, labelled by the words before its date ("Frist für Bieterfragen"). */
export function rfpOtherDates(lines: DocLine[], skip: Set<number>): DatedLine[] {
  const dated: DatedLine[] = [];
  for (const line of lines) {
    if (skip.has(line.index)) continue;
    const [first] = datesIn(line.text);
    if (!first) continue;
    const label = (labelAbove(lines, line, first.index) ?? line.text.slice(0, first.index))
      .replace(/^[\s\-–•*]+/, '')
      .replace(/[\s:,–-]*(?:\b(?:am|vom|ist\s+der|bis(?:\s+zum)?|on|is|by|until|le|au|du))?[\s:,–-]*$/i, '')
      .replace(/\s+/g, ' ')
      .trim();
    // A label is a few words ("Frist für Bieterfragen"); a date inside a sentence has none.
    if (label.length < 3 || label.length > 60 || label.split(' ').length > 6) continue;
    if (!dated.some((d) => d.label === label && d.date === first.iso))
      dated.push({ label, date: first.iso, line });
  }
  return dated;
}
