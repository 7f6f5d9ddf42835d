// The EN 16931 calculation rules an e-invoice must satisfy (business rules BR-CO-10 … 16 and the VAT
// category rules BR-S-08/09 and kin). All holding means the XML is internally consistent: its totals can be
// booked as stated. Amounts in the model's 1/10,000 units; one cent of rounding is tolerated per rule.
import type { Check } from '../types';
import type { EInvoice } from './model';
import { UNITS } from './model';

const CENT = UNITS / 100;

const major = (units: number) => (units / UNITS).toFixed(2);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function en16931Checks(e: EInvoice): Check[] {
  const checks: Check[] = [];
  const rule = (name: string, expected: number, stated: number, detail: string, tolerance = CENT) =>
    checks.push({
      name,
      passed: Math.abs(expected - stated) <= tolerance,
      detail: `${detail}: ${major(expected)} computed, ${major(stated)} stated`,
    });
  const t = e.totals;

  if (e.lines.length > 0 && t.lineTotal !== null) {
    // Sub-cent line amounts (four decimals) may each round by half a cent.
    const fine = e.lines.some((l) => l.net % CENT !== 0);
    rule(
      'en16931_line_total',
      sum(e.lines.map((l) => l.net)),
      t.lineTotal,
      'BR-CO-10 sum of line net amounts = line total',
      fine ? Math.max(CENT, (e.lines.length * CENT) / 2) : CENT,
    );
  }
  if (t.lineTotal !== null && t.taxBasis !== null) {
    rule(
      'en16931_tax_basis',
      t.lineTotal - (t.allowances ?? 0) + (t.charges ?? 0),
      t.taxBasis,
      'BR-CO-13 line total − allowances + charges = total without VAT',
    );
  }
  const categories = e.vat.filter((v) => v.tax !== null);
  if (categories.length > 0 && t.taxTotal !== null) {
    rule(
      'en16931_vat_total',
      sum(categories.map((v) => v.tax ?? 0)),
      t.taxTotal,
      'BR-CO-14 sum of VAT per category = VAT total',
    );
  }
  for (const v of e.vat) {
    if (v.basis === null || v.tax === null || v.rate === null) continue;
    rule(
      'en16931_vat_per_category',
      Math.round((v.basis * v.rate) / 100 / CENT) * CENT,
      v.tax,
      `BR-${v.category ?? 'S'}-09 ${v.rate} % of ${major(v.basis)} (category ${v.category ?? '?'})`,
    );
  }
  const bases = e.vat.filter((v) => v.basis !== null);
  if (bases.length > 0 && t.taxBasis !== null) {
    rule(
      'en16931_vat_breakdown_basis',
      sum(bases.map((v) => v.basis ?? 0)),
      t.taxBasis,
      'BR-CO-18 VAT breakdown bases = total without VAT',
    );
  }
  if (t.taxBasis !== null && t.grandTotal !== null) {
    rule(
      'en16931_gross',
      t.taxBasis + (t.taxTotal ?? 0),
      t.grandTotal,
      'BR-CO-15 total without VAT + VAT = total with VAT',
    );
  }
  if (t.grandTotal !== null && t.due !== null) {
    rule(
      'en16931_amount_due',
      t.grandTotal - (t.prepaid ?? 0) + (t.rounding ?? 0),
      t.due,
      'BR-CO-16 total with VAT − paid + rounding = amount due',
    );
  }
  return checks;
}
