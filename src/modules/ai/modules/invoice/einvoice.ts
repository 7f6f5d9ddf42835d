// CTAX for e-invoices: the EN 16931 XML (uploaded, or embedded in a ZUGFeRD / Factur-X PDF) is the invoice,
// read exactly rather than guessed from the page. Its confidence is 100 unless a check fails:
//  - an EN 16931 sum does not hold (BR-CO-10 … 18, VAT per category) → 50;
//  - a required field is missing → 60;
//  - the PDF's visible page disagrees with the XML (invoice number or total not printed) → 60: what the
//    reader sees and what is booked must be the same document;
//  - the IBAN fails its checksum → 50; a VAT ID is malformed or a date implausible → 70.
// MINIMUM and BASIC WL carry no line items by design: flagged, not held.

import { compactVatId, vatIdFormatValid } from '../../../../lib/vat-id';
import { type EInvoice, en16931Checks, readEInvoice, UNITS, unitsToMinor } from '../../einvoice';
import { amountsIn } from '../../text/amounts';
import { formatIban, validIban } from '../../text/iban';
import type { Check, DocumentText, ModuleResult, SourceRef } from '../../types';
import { MISSING_REQUIRED_CAP, requiredFieldsCheck, type ScoredCheck } from '../shared/confidence';
import { ARITHMETIC_CAP, implausibleDate, VALIDITY_CAP } from './checks';
import { coverage } from './coverage';
import { fieldConfidence } from './field-confidence';
import type { InvoiceOutput } from './schema';

/** The page shows something else than the XML books: a person must look. */
const PAGE_MISMATCH_CAP = 60;

/**
 * Reads the document's e-invoice. `readPage` is the text engine, used to name what the page shows where it
 * differs from the XML, and as the whole result when the XML is unreadable (then capped: a PDF whose XML is
 * broken is not trusted unseen).
 */
export function processEInvoice(
  doc: DocumentText & { einvoice: { name: string; xml: string } },
  readPage: (doc: DocumentText) => ModuleResult<InvoiceOutput>,
): ModuleResult<InvoiceOutput> {
  let e: EInvoice | null;
  try {
    e = readEInvoice(doc.einvoice.xml);
  } catch (error) {
    const page = readPage(doc);
    const detail = `${doc.einvoice.name}: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ...page,
      confidence: Math.min(page.confidence, MISSING_REQUIRED_CAP),
      checks: [{ name: 'einvoice_readable', passed: false, detail }, ...page.checks],
    };
  }
  if (!e) return readPage(doc);

  const output = invoiceOutput(e, doc);
  const checks: ScoredCheck[] = [
    requiredFieldsCheck(coverage(output, e.vat.length > 1)),
    ...en16931Checks(e).map((c) => ({ ...c, capIfFailed: ARITHMETIC_CAP })),
    ...idChecks(e, output),
  ];
  const dates = output.issue_date ? implausibleDate(output, { exact: true }) : null;
  if (output.issue_date)
    checks.push({
      name: 'dates_plausible',
      passed: !dates,
      detail: dates ?? 'consistent',
      capIfFailed: VALIDITY_CAP,
    });
  if (e.lines.length === 0)
    checks.push({
      name: 'line_items_present',
      passed: false,
      detail: e.withoutLines
        ? `the ${e.profile.toUpperCase()} profile carries no line items; booked from the totals`
        : 'the XML has no invoice lines (EN 16931 requires at least one, BR-16)',
      capIfFailed: e.withoutLines ? 100 : ARITHMETIC_CAP,
    });
  const page = doc.format === 'pdf' ? pageAgreement(doc, e, output, readPage) : null;
  if (page) checks.push(page);

  const confidence = Math.min(100, ...checks.filter((c) => !c.passed).map((c) => c.capIfFailed));
  output.field_confidence = fieldConfidence(output, checks, 100);
  if (e.iban && output.iban === null) output.printed = { iban: formatIban(e.iban) };
  return {
    output,
    confidence,
    checks: checks.map(({ capIfFailed: _, ...check }): Check => check),
    model: `xml:${e.format}/${e.profile}`,
  };
}

function invoiceOutput(e: EInvoice, doc: DocumentText): InvoiceOutput {
  // Credit notes state positive amounts; they are booked negative. One already negative stays as stated.
  const sign = e.creditNote && (e.totals.grandTotal ?? 0) > 0 ? -1 : 1;
  const money = (units: number | null) => (units === null ? null : sign * unitsToMinor(units, e.currency));
  const source: Record<string, SourceRef> = {};
  const from = <T>(path: string, term: string, value: T | null): T | null => {
    if (value !== null) source[path] = xmlSource(doc, term);
    return value;
  };
  const rates = new Set(e.vat.map((v) => v.rate));
  const iban = e.iban && validIban(e.iban) ? e.iban : null;
  return {
    document_type: e.creditNote ? 'credit_note' : 'invoice',
    invoice_number: from('invoice_number', 'BT-1', e.number),
    issue_date: from('issue_date', 'BT-2', e.issueDate),
    service_date: from('service_date', 'BT-72', e.serviceDate),
    service_period: from('service_period', 'BG-14', e.period),
    due_date: from('due_date', 'BT-9', e.dueDate),
    supplier: {
      name: from('supplier.name', 'BT-27', e.seller.name),
      address: from('supplier.address', 'BG-5', e.seller.address),
      vat_id: from('supplier.vat_id', 'BT-31', e.seller.vatId && compactVatId(e.seller.vatId)),
    },
    recipient: {
      name: from('recipient.name', 'BT-44', e.buyer.name),
      address: from('recipient.address', 'BG-8', e.buyer.address),
      vat_id: from('recipient.vat_id', 'BT-48', e.buyer.vatId && compactVatId(e.buyer.vatId)),
    },
    currency: from('currency', 'BT-5', e.currency),
    net: from('net', 'BT-109', money(e.totals.taxBasis)),
    vat_rate: from('vat_rate', 'BT-119', rates.size === 1 ? (e.vat[0]?.rate ?? null) : null),
    vat_amount: from('vat_amount', 'BT-110', money(e.totals.taxTotal)),
    vat_breakdown: e.vat.map((v) => ({
      category: v.category,
      rate: v.rate,
      net: money(v.basis),
      vat: money(v.tax),
    })),
    gross: from('gross', 'BT-112', money(e.totals.grandTotal)),
    // EN 16931 has no withholding: the Italian and Spanish national formats carry it, not CII or UBL.
    withholding: null,
    iban: from('iban', 'BT-84', iban),
    line_items: e.lines.map((line) => ({
      description: line.name,
      quantity: line.quantity,
      unit_price: money(line.unitPrice),
      amount: money(line.net) ?? 0,
      source: xmlSource(doc, `BG-25${line.id ? ` line ${line.id}` : ''}`),
    })),
    language: doc.language,
    learned: [],
    source,
  };
}

/** An XML value's source: the business term it was read from, in the named file. */
function xmlSource(doc: DocumentText, term: string): SourceRef {
  return { page: null, line: null, text: `${doc.einvoice?.name ?? 'XML'} ${term}` };
}

function idChecks(e: EInvoice, o: InvoiceOutput): ScoredCheck[] {
  const checks: ScoredCheck[] = [];
  if (e.iban) {
    const valid = o.iban !== null;
    checks.push({
      name: 'iban_checksum',
      passed: valid,
      detail: valid ? 'mod-97 valid' : `${formatIban(e.iban)} fails the mod-97 check`,
      capIfFailed: ARITHMETIC_CAP,
    });
  }
  const ids = [o.supplier.vat_id, o.recipient.vat_id].filter((id): id is string => id !== null);
  if (ids.length > 0) {
    const bad = ids.find((id) => !vatIdFormatValid(id));
    checks.push({
      name: 'vat_id_format',
      passed: !bad,
      detail: bad ? `${bad} is not a valid VAT ID format` : 'formats valid',
      capIfFailed: VALIDITY_CAP,
    });
  }
  return checks;
}

/**
 * The visible page must show the XML's invoice number and its total (or the amount due). A page without
 * text (an image of the invoice) cannot be compared; the XML then stands alone, as the standards intend.
 */
function pageAgreement(
  doc: DocumentText,
  e: EInvoice,
  o: InvoiceOutput,
  readPage: (doc: DocumentText) => ModuleResult<InvoiceOutput>,
): ScoredCheck {
  const check = (passed: boolean, detail: string): ScoredCheck => ({
    name: 'xml_matches_page',
    passed,
    detail,
    capIfFailed: PAGE_MISMATCH_CAP,
  });
  if (doc.text.trim() === '') return check(true, 'the page has no text layer to compare; the XML is booked');
  const differences: string[] = [];
  let page: InvoiceOutput | undefined;
  const pageReading = () => {
    page ??= readPage(doc).output;
    return page;
  };
  if (o.invoice_number && !compact(doc.text).includes(compact(o.invoice_number))) {
    const printed = pageReading().invoice_number;
    differences.push(
      `invoice number ${o.invoice_number} (XML) is not on the page${printed ? `, which reads ${printed}` : ''}`,
    );
  }
  const printedAmounts = amountsOnPage(doc.text);
  const totals = [e.totals.grandTotal, e.totals.due].filter((t): t is number => t !== null);
  if (totals.length > 0 && !totals.some((t) => printedAmounts.has(Math.abs(Math.round(t / (UNITS / 100)))))) {
    const printed = pageReading().gross;
    const shown = (minor: number) => (Math.abs(minor) / 100).toFixed(2);
    differences.push(
      `total ${shown(o.gross ?? 0)} (XML) is not on the page${printed !== null ? `, which reads ${shown(printed)}` : ''}`,
    );
  }
  return differences.length
    ? check(false, differences.join('; '))
    : check(true, 'the page shows the XML invoice number and total');
}

const compact = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Every amount printed on the page, in minor units and without sign, whatever the locale's separators. */
function amountsOnPage(text: string): Set<number> {
  return new Set(amountsIn(text, { spacedThousands: true }).map((money) => Math.abs(money.minor)));
}
