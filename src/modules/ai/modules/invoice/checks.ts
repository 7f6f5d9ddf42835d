// Cross-checks of an extracted invoice: arithmetic, IBAN checksum, VAT ID format, date plausibility.
import { daysBetween } from '../../text/dates';
import { formatIban, ibansIn } from '../../text/iban';
import type { ScoredCheck } from '../shared/confidence';
import type { Found } from '../shared/labels';
import { isHeaderLabel } from './header';
import { isArticleCode } from './item-cells';
import { rowTotal } from './line-items';
import type { InvoiceOutput } from './schema';

/** A failed sum means a misread amount (or a wrong invoice): far below the threshold. */
export const ARITHMETIC_CAP = 50;
/** A failed format or plausibility check: below the threshold, above a failed sum. */
export const VALIDITY_CAP = 70;
/** Line items read in part: the totals may still be right, but a person looks at the rows. */
export const UNCONFIRMED_ROWS_CAP = 75;

export interface Rejected {
  ibans: Found<string>[];
  vatIds: Found<string>[];
  /** Every valid VAT ID on the page (to tell whether each party's is accounted for). */
  vatIdsSeen?: ReadonlySet<string>;
}

const money = (minor: number) => (minor / 100).toFixed(2);
/** A description ending in an amount with cents ("… 34,50", "… 1.234,50", "… 12.00"). */
const SWALLOWED_PRICE = /\s\d{1,3}(?:[.'\u00a0 ]\d{3})*[.,]\d{2}$/;

export function invoiceChecks(o: InvoiceOutput, rejected: Rejected): ScoredCheck[] {
  const checks: ScoredCheck[] = [];
  const add = (name: string, passed: boolean, detail: string, capIfFailed: number) =>
    checks.push({ name, passed, detail, capIfFailed });
  const { net, vat_amount: vat, gross, vat_rate: rate } = o;

  if (net !== null && vat !== null && gross !== null) {
    // A total stated after the income tax withheld (Spanish "Total a pagar" after IRPF) adds up without it.
    const withheld = o.withholding ?? 0;
    const afterWithholding = withheld !== 0 && Math.abs(net + vat - withheld - gross) <= 1;
    add(
      'net_plus_vat_equals_gross',
      Math.abs(net + vat - gross) <= 1 || afterWithholding,
      afterWithholding
        ? `${money(net)} + ${money(vat)} − ${money(withheld)} withheld vs ${money(gross)}`
        : `${money(net)} + ${money(vat)} vs ${money(gross)}`,
      ARITHMETIC_CAP,
    );
  }
  if (net !== null && vat !== null && rate !== null) {
    const expected = Math.round((net * rate) / 100);
    // Per-line rounding lets VAT drift by a few cents from the rate applied to the sum.
    const tolerance = Math.max(3, Math.round(expected * 0.01));
    add(
      'vat_matches_rate',
      Math.abs(vat - expected) <= tolerance,
      `${rate} % of ${money(net)} is ${money(expected)}, stated ${money(vat)}`,
      ARITHMETIC_CAP,
    );
  }
  // The bases per rate, where each is printed, add up to the net (EN 16931 BR-CO-13's sum of category bases).
  const bases = o.vat_breakdown.map((row) => row.net);
  if (net !== null && bases.length > 1 && bases.every((base) => base !== null)) {
    const sum = bases.reduce<number>((total, base) => total + (base ?? 0), 0);
    add(
      'vat_bases_sum_to_net',
      Math.abs(sum - net) <= bases.length,
      `bases ${money(sum)} vs net ${money(net)}`,
      ARITHMETIC_CAP,
    );
  }
  // VAT must be attributable to its rates (a VAT return books it per rate): one rate that explains it (checked
  // above), or a breakdown per rate that adds up to it. VAT of several rates with no split read is unverified.
  if (vat !== null && vat !== 0 && rate === null) {
    const split = o.vat_breakdown.reduce((sum, row) => sum + (row.vat ?? 0), 0);
    const explained = o.vat_breakdown.length > 0 && Math.abs(split - vat) <= o.vat_breakdown.length;
    add(
      'vat_split_by_rate',
      explained,
      explained
        ? `${o.vat_breakdown.length} rates add up to ${money(vat)}`
        : `VAT ${money(vat)} of several rates, not read per rate`,
      VALIDITY_CAP,
    );
  }
  if (o.line_items.length > 0 && (net !== null || gross !== null)) {
    const sum = o.line_items.reduce((total, item) => total + item.amount, 0);
    // Shops print prices including VAT: then the items add up to the gross instead.
    const toNet = net !== null && Math.abs(sum - net) <= 1;
    const toGross = gross !== null && Math.abs(sum - gross) <= 1 && (vat !== null || net === null);
    add(
      'line_items_sum_to_net',
      toNet || toGross,
      toGross && !toNet && net !== null
        ? `items ${money(sum)} incl. VAT = gross`
        : `items ${money(sum)} vs ${money(net ?? gross ?? 0)}`,
      ARITHMETIC_CAP,
    );
  }
  // A row with a quantity but no price (or a price but no quantity) was read in part: its columns may have
  // slipped (a price taken for the quantity), which no sum can show.
  // So may a row with neither whose description ends in a price ("Walking dinner … 60 pers. 34,50"): the
  // row's cells ran into its description.
  const partial = o.line_items.find(
    (item) =>
      (item.quantity === null) !== (item.unit_price === null) ||
      (item.unit_price === null && SWALLOWED_PRICE.test(item.description)),
  );
  if (partial)
    add(
      'line_items_complete',
      false,
      `"${partial.description}": quantity or price not read`,
      UNCONFIRMED_ROWS_CAP,
    );
  const priced = o.line_items.filter((item) => item.quantity !== null && item.unit_price !== null);
  if (priced.length > 0) {
    const wrong = priced.find((item) => Math.abs((rowTotal(item) ?? 0) - item.amount) > 1);
    add(
      'line_items_arithmetic',
      !wrong,
      wrong
        ? `"${wrong.description}": quantity × price${wrong.discount_percent ? ` − ${wrong.discount_percent} %` : ''} ≠ amount`
        : `${priced.length} rows`,
      ARITHMETIC_CAP,
    );
  }
  if (o.iban !== null || rejected.ibans.length > 0) {
    const bad = rejected.ibans[0];
    add(
      'iban_checksum',
      !bad,
      bad ? `${formatIban(bad.value)} fails the mod-97 check` : 'mod-97 valid',
      ARITHMETIC_CAP,
    );
  }
  if (o.supplier.vat_id || o.recipient.vat_id || rejected.vatIds.length > 0) {
    const bad = rejected.vatIds[0];
    add(
      'vat_id_format',
      !bad,
      bad ? `${bad.value} is not a valid VAT ID format` : 'formats valid',
      VALIDITY_CAP,
    );
  }
  // Two parties' VAT IDs on the page but not one for each: whose is whose is unsure (the recipient's may have
  // been taken for the supplier's), and a VAT return books the supplier's.
  const seen = rejected.vatIdsSeen;
  if (seen && seen.size >= 2) {
    const both = o.supplier.vat_id !== null && o.recipient.vat_id !== null;
    add(
      'vat_ids_attributed',
      both,
      both
        ? 'supplier and recipient VAT IDs told apart'
        : `${seen.size} VAT IDs on the page, not one per party`,
      VALIDITY_CAP,
    );
  }
  const names = [o.supplier.name, o.recipient.name].filter((name): name is string => name !== null);
  if (names.length > 0) {
    const odd = names.find(implausibleName);
    add(
      'party_names_plausible',
      odd === undefined,
      odd === undefined ? 'names read as names' : `"${odd}" reads as a label or a number, not a name`,
      VALIDITY_CAP,
    );
  }
  if (o.supplier.name) {
    // Every invoice names its supplier's address (VAT Directive art. 226, even a simplified one): none
    // found means the letterhead was not understood, and a person looks.
    add(
      'supplier_address_found',
      o.supplier.address !== null,
      o.supplier.address !== null ? 'supplier address read' : "the supplier's address was not found",
      VALIDITY_CAP,
    );
    // Without a recipient the letterhead guess may have been the recipient's name: the parties are unsure.
    // One address for both: one party's block was read for the other's.
    const sameAddress = o.supplier.address !== null && o.supplier.address === o.recipient.address;
    const distinct = o.recipient.name !== null && o.recipient.name !== o.supplier.name && !sameAddress;
    add(
      'parties_distinct',
      distinct,
      distinct
        ? 'supplier and recipient told apart'
        : sameAddress
          ? 'supplier and recipient read with the same address'
          : 'recipient not identified apart from the supplier',
      VALIDITY_CAP,
    );
  }
  if (o.issue_date) {
    const problem = implausibleDate(o);
    add('dates_plausible', !problem, problem ?? 'consistent', VALIDITY_CAP);
  }
  return checks;
}

/**
 * A party's name taken from the wrong cell: a field label ("Date of issue", "Rechnungsnr.", a bare "Nummer"),
 * a label's colon, an account number, or mostly digits.
 */
function implausibleName(name: string): boolean {
  const digits = name.replace(/\D/g, '').length;
  const fieldWord = /^(?:Nummer|Number|Num[ée]ro|N[úu]mero|Nr\.?|No\.?|Name|Datum|Date|Fecha|Data)$/i.test(
    name.trim(),
  );
  // A colon inside a word is an identifier ("urn:cen.eu:…", "kosit:standard:…"), never a name; so is one word
  // of capitals and digits joined by dashes ("PR24-KG", an article code taken from an item table).
  const identifier = /\p{L}:\S/u.test(name) || isArticleCode(name);
  return (
    isHeaderLabel(name) ||
    fieldWord ||
    identifier ||
    /:\s*$/.test(name) ||
    ibansIn(name).length > 0 ||
    digits >= 5
  );
}

/**
 * Dates are compared with each other, not with today: the same document must always score the same. A date
 * of supply over a year from the issue date is likely a misread one; in an e-invoice (`exact`) nothing is
 * misread, and a late annual settlement is a real one.
 */
export function implausibleDate(o: InvoiceOutput, options: { exact?: boolean } = {}): string | null {
  const issue = o.issue_date ?? '';
  const year = Number(issue.slice(0, 4));
  if (year < 2000 || year > 2099) return `issue year ${year}`;
  const service = o.service_date ?? o.service_period?.from;
  if (!options.exact && service && Math.abs(daysBetween(issue, service)) > 400)
    return 'service date over a year from the issue date';
  if (o.service_period && daysBetween(o.service_period.from, o.service_period.to) < 0)
    return 'service period ends before it starts';
  if (o.due_date && (daysBetween(issue, o.due_date) < 0 || daysBetween(issue, o.due_date) > 400))
    return 'due date before issue or over a year after';
  return null;
}
