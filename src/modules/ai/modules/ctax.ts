// CTAX: books incoming invoices. E-invoices (XML, or XML inside a PDF) are read exactly (./invoice/einvoice);
// everything else by the embedded text engine, which reads invoices in German, English, French, Dutch, Spanish
// and Italian by their labels and layout.
//
// How `confidence` is computed, so that ≥ 80 (the default threshold) is a result to trust unseen:
//  1. Coverage: 100 × weights of the fields found / 100, floored. Required fields weigh 65:
//     invoice_number 15, issue_date 10, supplier.name 10, currency 10, gross 20. The rest weigh 35:
//     net 8, vat_amount 7, vat_rate 3, recipient.name 5, iban 4, supplier.vat_id 3,
//     service date or period 2, line_items 3.
//  2. Caps: a missing required field caps at 60; a failed sum (net + VAT = gross, VAT = rate × net,
//     line items = net, quantity × price = amount) or a failed IBAN checksum at 50; an invalid VAT ID
//     format, two VAT IDs on the page not one per party, VAT of several rates not read per rate,
//     implausible dates, a date of supply read under a label no rule names (proposed, not trusted), a
//     recipient not told apart from the supplier (then the supplier may be a misread recipient; one address
//     read for both), no supplier address found (every invoice prints one), or bases per rate derived from
//     their VAT rather than printed (vat_bases_printed) at 70; rows with a price and
//     an amount above the totals that no item row came from (line_items_read) at 75; a
//     gross that no sum confirmed at 75.
//  So 80 or more means: every required field was read, both parties were told apart, the gross is
//  confirmed by net + VAT (the required 65 plus net and VAT make exactly 80), and no check failed. A shop
//  receipt printing only the gross and the VAT it contains gets its net as their difference; its gross is
//  then confirmed by the VAT rate or the line items instead.
//  Anything less is reviewed.

import { type DocLine, documentLines, sourceOf } from '../text';
import { formatIban } from '../text/iban';
import type { AiModuleDefinition, DocumentText, ModuleResult, ReadingContext } from '../types';
import { adjustmentRows } from './invoice/adjustments';
import { invoiceChecks, UNCONFIRMED_ROWS_CAP, VALIDITY_CAP } from './invoice/checks';
import { coverage } from './invoice/coverage';
import { processEInvoice } from './invoice/einvoice';
import { fieldConfidence } from './invoice/field-confidence';
import {
  invoiceDates,
  invoiceNumber,
  isCreditNote,
  periodOfRows,
  unnamedDates,
  unreadDueDate,
  unreadPeriod,
} from './invoice/header';
import { invoiceIban, invoiceVatIds } from './invoice/ids';
import { applyHints, learnHints, printedKeys, readHinted, supplierKeys } from './invoice/learning';
import { lineItems, unreadItemLines } from './invoice/line-items';
import { invoiceParties } from './invoice/parties';
import { type InvoiceOutput, invoiceOutputSchema } from './invoice/schema';
import { invoiceTotals } from './invoice/totals';
import { publicChecks, requiredFieldsCheck, type ScoredCheck, scoreConfidence } from './shared/confidence';
import { type Found, sourceCollector } from './shared/labels';
import { documentInputSchema } from './shared/schema';

/** A gross amount that no arithmetic confirmed may be a misread number. */
const UNCONFIRMED_GROSS_CAP = 75;

const instructions = `You read one incoming invoice (any language) and return its booking data as JSON.
- invoice_number, issue_date, service_date (a single date of supply) or service_period {from, to}, due_date: dates as YYYY-MM-DD; null when absent.
- supplier (who issued the invoice) and recipient (who is billed): name, address on one line, vat_id compact and upper-case (DE123456789).
- currency: lower-case ISO 4217 code (eur, gbp, usd, chf).
- net, vat_amount, gross: integers in minor units (1.234,56 € → 123456). vat_rate: percent (19); null when several rates apply.
- withholding: income tax the payer withholds (IRPF retención, ritenuta d'acconto, TDS), positive minor units; null when none. gross is the total the invoice names (after the withholding where it states it so).
- vat_breakdown: one entry per VAT rate, {category, rate, net, vat}: category the EN 16931 code (S standard, Z zero, E exempt, AE reverse charge, K intra-EU, G export, O out of scope), net and vat in minor units as printed (net null when not printed); [] when no VAT is shown.
- iban: compact, upper-case, only if it passes the ISO 13616 mod-97 check; otherwise null.
- line_items: description, quantity, unit_price and amount (minor units) per row.
- language: "de", "en", "fr", "nl", "es", "it" or "unknown".
- document_type: "credit_note" for a credit note (then net, vat_amount, gross and line amounts negative), else "invoice".
- source: for each field you fill, {page, line, text} of the line you read it from, keyed by its path ("supplier.vat_id"); each line item carries its own source.
Copy values as printed; never compute a missing amount.`;

export function processInvoice(doc: DocumentText, context: ReadingContext = {}): ModuleResult<InvoiceOutput> {
  const lines = documentLines(doc);
  const { source, take } = sourceCollector();

  const totals = invoiceTotals(lines);
  const creditNote = isCreditNote(lines);
  // Slashed dates are month-first only on invoices in US dollars.
  const monthFirst = totals.currency?.value === 'usd';
  const dates = invoiceDates(lines, { monthFirst, creditNote });
  // No date of supply by a known name: a date under a name no list holds is proposed instead, and asked.
  const unnamedSupply =
    dates.service || dates.period ? null : (unnamedDates(lines, { monthFirst })[0] ?? null);
  const parties = invoiceParties(lines);
  // Party blocks read down a column hold one cell of a row: the source names the row as printed.
  const onPage = <T>(found: Found<T> | null) =>
    found && { ...found, line: lines[found.line.index] ?? found.line };
  const vatIds = invoiceVatIds(lines, parties.recipient.block, parties.recipient.column);
  const iban = invoiceIban(lines);
  const items = lineItems(lines);
  const rows = [...items, ...adjustmentRows(lines, items, totals)];
  // No date of supply by any label: the period the rows bill ("Hosting januari 2026", "Jul 1 – Jul 31, 2025").
  const billedMonth = dates.service || dates.period || unnamedSupply ? null : periodOfRows(items);
  const output: InvoiceOutput = {
    document_type: 'invoice',
    invoice_number: take('invoice_number', invoiceNumber(lines, { creditNote })),
    issue_date: take('issue_date', dates.issue),
    service_date: take('service_date', dates.service ?? unnamedSupply),
    service_period: take('service_period', dates.period ?? billedMonth),
    due_date: take('due_date', dates.due),
    supplier: {
      name: take('supplier.name', onPage(parties.supplier.name)),
      address: take('supplier.address', onPage(parties.supplier.address)),
      vat_id: take('supplier.vat_id', vatIds.supplier),
    },
    recipient: {
      name: take('recipient.name', onPage(parties.recipient.name)),
      address: take('recipient.address', onPage(parties.recipient.address)),
      vat_id: take('recipient.vat_id', vatIds.recipient),
    },
    currency: take('currency', totals.currency),
    net: take('net', totals.net),
    vat_rate: take('vat_rate', totals.rate),
    vat_amount: take('vat_amount', totals.vat),
    vat_breakdown: totals.breakdown,
    gross: take('gross', totals.gross),
    withholding: take('withholding', totals.withholding),
    iban: take('iban', iban.valid),
    line_items: rows.map(({ line, ...item }) => ({ ...item, source: sourceOf(line) })),
    language: doc.language,
    learned: [],
    source,
  };
  // What an expert taught for this supplier comes first; the checks below judge it like any reading.
  output.learned = applyHints(output, readHinted(lines, context.hints ?? []), sourceOf);
  if (creditNote) bookAsCreditNote(output);

  const fields = coverage(output, totals.mixedRates);
  const checks = [
    requiredFieldsCheck(fields),
    ...invoiceChecks(output, { ibans: iban.invalid, vatIds: vatIds.invalid, vatIdsSeen: vatIds.seen }),
    ...(unnamedSupply && output.service_date === unnamedSupply.value
      ? [unnamedSupplyCheck(unnamedSupply)]
      : []),
    ...unreadItemsCheck(unreadItemLines(lines, rows)),
    ...unreadDueCheck(unreadDueDate(lines, dates, { monthFirst })),
    ...unreadPeriodCheck(output.service_period ? null : unreadPeriod(lines, dates, { monthFirst })),
    ...(totals.basesDerived ? [derivedBasesCheck()] : []),
  ];
  // A net derived from the gross, or a VAT or gross chosen because it adds up, confirms nothing by adding up:
  // then the VAT rate or the items must.
  const grossConfirmed = checks.some(
    (c) =>
      c.passed &&
      (totals.sumUnproven
        ? c.name === 'vat_matches_rate' || c.name === 'line_items_sum_to_net'
        : c.name === 'net_plus_vat_equals_gross' ||
          (c.name === 'line_items_sum_to_net' && output.net === null)),
  );
  const confidence = scoreConfidence(fields, checks, grossConfirmed ? [] : [UNCONFIRMED_GROSS_CAP]);
  output.field_confidence = fieldConfidence(
    output,
    checks,
    FOUND_FIELD_CONFIDENCE,
    grossConfirmed ? {} : { gross: UNCONFIRMED_GROSS_CAP },
  );
  const printed = printedRejects(output, iban.invalid, vatIds.invalid);
  if (Object.keys(printed).length) output.printed = printed;
  return { output, confidence, checks: publicChecks(checks) };
}

/** A check that holds the result for a person: failed, with what it doubts in words. */
const doubt = (name: string, detail: string, capIfFailed = VALIDITY_CAP): ScoredCheck => ({
  name,
  passed: false,
  detail,
  capIfFailed,
});
/** A page line as it reads, for a check's detail. */
const printed = (line: DocLine) => `"${line.text.replace(/\s+/g, ' ').trim()}"`;

/** A date of supply read under a label no rule names: likely right, but a person confirms it once. */
const unnamedSupplyCheck = (found: { value: string; label: string }) =>
  doubt(
    'service_date_label_known',
    `"${found.label}" ${found.value} read as the date of supply: a label the rules do not know`,
  );

/** A date on a payment line and no due date read: the page may state its due date in words no rule reads. */
const unreadDueCheck = (found: Found<string> | null) =>
  found ? [doubt('due_date_read', `${printed(found.line)} names ${found.value}, no due date read`)] : [];

/** A range of dates printed and no date or period of supply read: the page may name its period unread. */
const unreadPeriodCheck = (found: Found<string> | null) =>
  found
    ? [
        doubt(
          'service_period_read',
          `${printed(found.line)} names the period ${found.value}, not read as the period of supply`,
        ),
      ]
    : [];

/** Amount lines above the totals that no item row came from: what the invoice bills was not itemised. */
function unreadItemsCheck(unread: DocLine[]): ScoredCheck[] {
  const first = unread[0];
  if (!first) return [];
  const more = unread.length > 1 ? ` and ${unread.length - 1} more` : '';
  return [
    doubt(
      'line_items_read',
      `${printed(first)}${more} above the totals, not read as items`,
      UNCONFIRMED_ROWS_CAP,
    ),
  ];
}

/**
 * Each rate's taxable amount worked out as its VAT over its rate (the page prints only the total net): a VAT
 * return books the bases per rate, and a VAT of v cents fits several bases, so a person confirms them.
 */
const derivedBasesCheck = () =>
  doubt(
    'vat_bases_printed',
    'the taxable amount per rate is not printed; derived from each rate’s VAT, exact only to a few cents',
  );

/** Trust in a field the text engine found and no check doubted: below an e-invoice's exact 100. */
const FOUND_FIELD_CONFIDENCE = 90;

/** Values a check rejected, as printed, so the reviewer corrects them rather than retyping them. */
function printedRejects(
  o: InvoiceOutput,
  ibans: { value: string }[],
  vatIds: { value: string }[],
): Record<string, string> {
  const printed: Record<string, string> = {};
  const iban = ibans[0];
  if (o.iban === null && iban) printed.iban = formatIban(iban.value);
  const vatId = vatIds[0];
  if (vatId) printed[o.supplier.vat_id === null ? 'supplier.vat_id' : 'recipient.vat_id'] = vatId.value;
  return printed;
}

/**
 * A credit note is booked negative. Most print positive amounts under a "Gutschrift" / "Credit note" title;
 * every amount is made negative (so the sums still hold), whichever of them were printed with a minus.
 */
function bookAsCreditNote(o: InvoiceOutput): void {
  o.document_type = 'credit_note';
  // Each amount on its own: some print the totals negative and the rows positive.
  const negate = (n: number | null) => (n === null ? null : -Math.abs(n));
  o.net = negate(o.net);
  o.vat_amount = negate(o.vat_amount);
  o.gross = negate(o.gross);
  o.withholding = negate(o.withholding);
  o.vat_breakdown = o.vat_breakdown.map((v) => ({ ...v, net: negate(v.net), vat: negate(v.vat) }));
  // A returned item's quantity counts what was returned: positive, its price negative.
  o.line_items = o.line_items.map((item) => ({
    ...item,
    quantity: item.quantity === null ? null : Math.abs(item.quantity),
    unit_price: negate(item.unit_price),
    amount: -Math.abs(item.amount),
  }));
}

export const ctaxModule = {
  code: 'CTAX',
  name: 'Accounting',
  description: 'Books invoices: parties, dates, net/VAT/gross, IBAN',
  taskTypes: {
    process_invoice: {
      input: documentInputSchema,
      output: invoiceOutputSchema,
      embedded: (doc: DocumentText, _input?: unknown, context?: ReadingContext) =>
        doc.einvoice
          ? processEInvoice({ ...doc, einvoice: doc.einvoice }, processInvoice)
          : processInvoice(doc, context),
      instructions,
      learning: {
        issuerKeys: (doc: DocumentText, output: InvoiceOutput) => [
          ...new Set([...supplierKeys(output), ...printedKeys(doc)]),
        ],
        learn: (doc: DocumentText, corrected: InvoiceOutput, fields: string[]) => ({
          issuerKeys: supplierKeys(corrected),
          hints: learnHints(doc, corrected, fields),
        }),
        fingerprint: (output: InvoiceOutput) => ({
          issuerKey: supplierKeys(output)[0] ?? null,
          number: output.invoice_number?.replace(/\s+/g, '').toUpperCase() ?? null,
          amount: output.gross,
          date: output.issue_date,
        }),
      },
    },
  },
} satisfies AiModuleDefinition;
