// Invoice number and dates (issue, service date or period, due date), German and English labels.
import type { DocLine } from '../../text';
import { datesIn, monthPeriodIn } from '../../text/dates';
import { type Found, firstLabelled } from '../shared/labels';
import { parseReference } from '../shared/reference';

const NUMBER_LABEL =
  /(Rechnungs?[\s-]?(?:nummer|nr\b\.?|no\b\.?)|Rechnung\s+(?:Nr|Nummer)\b\.?|\bRe\.?-Nr\.?|Belegnummer|Invoice\s*(?:No\b\.?|Number|Nr\b\.?|#|ID\b)|\bInv\.?\s*No\b\.?)/i;
// Invoices often print the number in the title instead: "Rechnung 2024-0815", "INVOICE #INV-7".
const TITLE_NUMBER = /^\s*(?:Rechnung|Invoice|Tax invoice)\b/i;
const ISSUE_LABEL =
  /(Rechnungsdatum|Ausstellungsdatum|Invoice\s+date|Date\s+of\s+(?:issue|invoice)|Issue\s+date)/i;
const PLAIN_DATE_LABEL = /(?:^|\t)\s*(?:Datum|Date)(?=\s*[:\t]|\s*$|\s+\d)/i;
const SERVICE_LABEL =
  /(Liefer-?\s*\/\s*Leistungsdatum|Leistungsdatum|Lieferdatum|Leistungszeitraum|Lieferzeitraum|Abrechnungszeitraum|Service\s+date|Delivery\s+date|Date\s+of\s+(?:supply|service|delivery)|Supply\s+date|Service\s+period|Billing\s+period|Tax\s+point)/i;
const DUE_LABEL =
  /(Fälligkeitsdatum|Fällig\s+am|Zahlbar\b[^.]{0,50}?\bbis(?:\s+zum)?|Due\s+date|Payment\s+due(?:\s+date)?|Payable\s+by)/i;
const SAME_AS_ISSUE =
  /^(entspricht|=|gleich|wie)\s*(dem\s+)?Rechnungsdatum|^(same\s+as|equals)\s+(the\s+)?invoice\s+date/i;

export interface InvoiceDates {
  issue: Found<string> | null;
  service: Found<string> | null;
  period: Found<{ from: string; to: string }> | null;
  due: Found<string> | null;
}

export function invoiceNumber(lines: DocLine[]): Found<string> | null {
  const labelled = firstLabelled(lines, NUMBER_LABEL, parseReference);
  if (labelled) return labelled;
  for (const line of lines.slice(0, 40)) {
    const title = TITLE_NUMBER.exec(line.text);
    if (!title) continue;
    const value = parseReference(line.text.slice(title[0].length).replace(/^[\s:.#-]*(Nr|No)?[\s:.#]*/i, ''));
    if (value) return { value, line };
  }
  return null;
}

const firstDate = (text: string) => datesIn(text)[0]?.iso.slice(0, 10) ?? null;

export function invoiceDates(lines: DocLine[]): InvoiceDates {
  const issue =
    firstLabelled(lines, ISSUE_LABEL, firstDate) ?? firstLabelled(lines, PLAIN_DATE_LABEL, firstDate);
  const due = firstLabelled(lines, DUE_LABEL, firstDate);
  const service = firstLabelled(lines, SERVICE_LABEL, (text) => parseService(text, issue?.value ?? null));
  const value = service?.value;
  return {
    issue,
    due,
    service: value && typeof value === 'string' && service ? { value, line: service.line } : null,
    period: value && typeof value === 'object' && service ? { value, line: service.line } : null,
  };
}

/** A single date, a range of two dates, a month ("März 2024"), or "same as the invoice date". */
function parseService(text: string, issue: string | null): string | { from: string; to: string } | null {
  if (SAME_AS_ISSUE.test(text.trim())) return issue;
  const cells = text.split('\t').slice(0, 2).join(' ');
  const dates = datesIn(cells);
  const [first, second] = dates;
  // "01.03.–31.03.2024": the start borrows the end's year.
  const short = /^\s*(\d{1,2})\.(\d{1,2})\.?\s*(?:-|–|—|bis)\s*$/.exec(cells.slice(0, first?.index ?? 0));
  if (short && first && dates.length === 1) {
    const from = datesIn(`${short[1]}.${short[2]}.${first.iso.slice(0, 4)}`)[0];
    if (from) return { from: from.iso, to: first.iso.slice(0, 10) };
  }
  if (first && second && /^\s*(-|–|—|bis|to|until)\s*$/i.test(text.slice(first.end, second.index))) {
    return { from: first.iso.slice(0, 10), to: second.iso.slice(0, 10) };
  }
  if (first) return first.iso.slice(0, 10);
  const month = monthPeriodIn(text);
  return month && month.index < 3 ? { from: month.from, to: month.to } : null;
}
