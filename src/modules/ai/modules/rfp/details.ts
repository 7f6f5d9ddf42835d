// Lots, budget and contact of an RFP: from its table of lots (./lot-table) where it has one, else its lines.
import type { DocLine } from '../../text';
import { amountsIn } from '../../text/amounts';
import { atCellStart, type Found, firstLabelled } from '../shared/labels';
import type { LotTable } from './lot-table';

const LOT =
  /^\s*(?:Los|Teillos|Lot|Lote|Lotto|Perceel)\s*(?:Nr\.?\s*|No\.?\s*|n[°º]\s*)?(\d{1,2})\s*(?:[:.)–—-]|\t)\s*(\S.*)$/i;
const BUDGET = atCellStart(
  /(Budget|Geschätzter\s+Auftragswert|Geschätzter\s+Gesamtwert|Auftragswert|Kostenrahmen|Kostenschätzung|Estimated\s+(?:contract\s+)?value|Estimated\s+budget|Maximum\s+budget|Contract\s+value|Montant\s+estimé|Valeur\s+estimée(?:\s+du\s+marché)?|Montant\s+prévisionnel)/i,
);
const CONTACT = atCellStart(
  /(Ansprechpartnerin|Ansprechpartner|Ansprechperson|Kontaktperson|Kontakt|Contact\s+person|Contact|Point\s+of\s+contact|Enquiries\s+to|Personne\s+à\s+contacter|Correspondant)/i,
);
const SALUTATION = /^(Herr|Frau|Mr|Mrs|Ms|Miss|M|Mme|Mlle|Madame|Monsieur)\.?\s+/i;
const NAME = /^(Dr\.\s+|Prof\.\s+)*\p{Lu}[\p{L}'-]+(\s+\p{Lu}[\p{L}'-]+){1,3}$/u;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE =
  /\b(?:Tel(?:efon)?\.?|Tél(?:éphone)?\.?|Phone|Fon)\s*:?\s*(\+?\d[\d\s/()-]{5,}\d)|(\+\d{2}[\d\s/()-]{6,}\d)/i;

export function rfpLots(
  lines: DocLine[],
  table: LotTable | null,
): Found<{ number: number; title: string }>[] {
  const lots: Found<{ number: number; title: string }>[] = (table?.lots ?? []).map(
    ({ number, title, line }) => ({
      value: { number, title },
      line,
    }),
  );
  for (const line of lines) {
    const match = LOT.exec(line.text);
    if (!match) continue;
    const number = Number(match[1]);
    const title = (match[2] ?? '').replace(/\s+/g, ' ').trim();
    // The first mention defines a lot; later ones ("Los 1: siehe oben") only refer to it.
    if (!lots.some((lot) => lot.value.number === number)) lots.push({ value: { number, title }, line });
  }
  return lots;
}

/**
 * The table's deadline for the tender: the earliest lot's, since a bidder must have bid by then. Used when no
 * line names the submission deadline.
 */
export function tableDeadline(table: LotTable | null): Found<string> | null {
  const dated = (table?.lots ?? []).filter((lot) => lot.deadline !== null);
  const first = [...dated].sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? ''))[0];
  return first?.deadline ? { value: first.deadline, line: first.line } : null;
}

/** Each lot's own deadline where it differs from the tender's, labelled by the table's words ("Frist Los 2"). */
export function lotDeadlines(table: LotTable | null, submission: string | null) {
  if (!table) return [];
  return table.lots.flatMap(({ number, deadline, line }) =>
    deadline && deadline !== submission
      ? [{ label: `${table.deadlineLabel ?? 'Deadline'} ${table.lotLabel} ${number}`, date: deadline, line }]
      : [],
  );
}

/** The lots' values added up, when every lot has one in the same currency: the tender's estimated value. */
export function tableBudget(
  table: LotTable | null,
): Found<{ amount: number; currency: string | null }> | null {
  const values = (table?.lots ?? []).map((lot) => lot.value);
  const first = values[0];
  if (!table || !first || values.some((v) => !v || v.currency !== first.currency)) return null;
  const amount = values.reduce((sum, v) => sum + (v?.amount ?? 0), 0);
  return { value: { amount, currency: first.currency }, line: table.header };
}

/** True when the document speaks of lots at all, so finding none is a miss rather than an absence. */
export function mentionsLots(lines: DocLine[]): boolean {
  return lines.some((line) =>
    /\b(Los|Lose|Teillos|Lots?|Lotes?|Lotto|Lotti|Perceel|Percelen)\b/.test(line.text),
  );
}

export function rfpBudget(lines: DocLine[]): Found<{ amount: number; currency: string | null }> | null {
  return firstLabelled(lines, BUDGET, (text) => {
    // French and Swiss budgets space their thousands ("320 000 €"); a budget line holds no other numbers first.
    const [amount] = amountsIn(text, { spacedThousands: true });
    return amount && amount.minor > 0 ? { amount: amount.minor, currency: amount.currency } : null;
  });
}

export interface Contact {
  name: Found<string> | null;
  email: Found<string> | null;
  phone: Found<string> | null;
}

/** The contact block (its label line and the next four lines) first; else the first address in the document. */
export function rfpContact(lines: DocLine[]): Contact {
  const name = firstLabelled(lines, CONTACT, contactName);
  const start = name ? Math.max(0, name.line.index - 1) : 0;
  const near = name ? lines.slice(start, start + 6) : [];
  const email = firstMatch([...near, ...lines], EMAIL, (m) => m[0]);
  const phone = firstMatch([...near, ...lines], PHONE, (m) =>
    (m[1] ?? m[2] ?? '').replace(/\s+/g, ' ').trim(),
  );
  return { name, email, phone };
}

function contactName(text: string): string | null {
  const candidate = (text.split(/[,\t(]/)[0] ?? '').replace(SALUTATION, '').replace(/\s+/g, ' ').trim();
  return NAME.test(candidate) ? candidate : null;
}

function firstMatch(
  lines: DocLine[],
  pattern: RegExp,
  pick: (m: RegExpExecArray) => string,
): Found<string> | null {
  for (const line of lines) {
    const match = pattern.exec(line.text);
    if (match) return { value: pick(match), line };
  }
  return null;
}
