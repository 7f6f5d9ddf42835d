// Lots, budget and contact of an RFP.
import type { DocLine } from '../../text';
import { amountsIn } from '../../text/amounts';
import { atCellStart, type Found, firstLabelled } from '../shared/labels';

const LOT = /^\s*(?:Los|Teillos|Lot)\s*(?:Nr\.?\s*)?(\d{1,2})\s*(?:[:.)–—-]|\t)\s*(\S.*)$/i;
const BUDGET = atCellStart(
  /(Budget|Geschätzter\s+Auftragswert|Geschätzter\s+Gesamtwert|Auftragswert|Kostenrahmen|Kostenschätzung|Estimated\s+(?:contract\s+)?value|Estimated\s+budget|Maximum\s+budget|Contract\s+value)/i,
);
const CONTACT = atCellStart(
  /(Ansprechpartnerin|Ansprechpartner|Ansprechperson|Kontaktperson|Kontakt|Contact\s+person|Contact|Point\s+of\s+contact|Enquiries\s+to)/i,
);
const SALUTATION = /^(Herr|Frau|Mr|Mrs|Ms|Miss)\.?\s+/i;
const NAME = /^(Dr\.\s+|Prof\.\s+)*\p{Lu}[\p{L}'-]+(\s+\p{Lu}[\p{L}'-]+){1,3}$/u;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /\b(?:Tel(?:efon)?\.?|Phone|Fon)\s*:?\s*(\+?\d[\d\s/()-]{5,}\d)|(\+\d{2}[\d\s/()-]{6,}\d)/i;

export function rfpLots(lines: DocLine[]): Found<{ number: number; title: string }>[] {
  const lots: Found<{ number: number; title: string }>[] = [];
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

/** True when the document speaks of lots at all, so finding none is a miss rather than an absence. */
export function mentionsLots(lines: DocLine[]): boolean {
  return lines.some((line) => /\b(Los|Lose|Teillos|Lots?)\b/.test(line.text));
}

export function rfpBudget(lines: DocLine[]): Found<{ amount: number; currency: string | null }> | null {
  return firstLabelled(lines, BUDGET, (text) => {
    const [amount] = amountsIn(text);
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
