// VAT_ID extraction: EU/UK/Swiss VAT numbers, format-checked per country by src/lib/vat-id.ts (a German
// Steuernummer is not one). Italy and Spain print theirs without the country prefix, behind their own labels
// ("P.IVA 03728510045", "CIF: B-98741267", "NIF 50938271-X"): those are reported in the EU form (IT…, ES…),
// which is what VIES and invoices use.
import {
  germanVatCheckDigitOk,
  ITALIAN_VAT_LABEL,
  nationalVatId,
  SPANISH_VAT_LABEL,
  vatIdFormatValid,
} from '../../../lib/vat-id';
import { score } from './confidence';
import type { Entity, PageType, ParsedPage } from './types';

// Loose shape: a country prefix followed by digits with optional grouping spaces/dots; FORMATS decides.
const CANDIDATE =
  /(?<![\p{L}\d])(DE|ATU|GB|XI|FR|NL|IT|ES|BE|LU|DK|SE|FI|PL|CZ|PT|IE|CHE)[ -]?((?:[0-9A-Z]{1,4}[ .-]?){2,5}[0-9A-Z]{1,3})(?![\p{L}\d])(?: ?(?:MWST|TVA|IVA|VAT))?/gu;
const LABEL =
  /(?:ust|umsatzsteuer|mwst|vat|tva|iva|btw|uid|tax|identifikationsnummer|id-nr|idnr|vat reg|vat no|vat number)[^\n]{0,40}\n?$/iu;

export function normaliseVatId(raw: string): string | null {
  const compact = raw
    .toUpperCase()
    .replace(/(?:MWST|TVA|IVA|VAT)$/, '')
    .replace(/[\s.-]/g, '');
  return vatIdFormatValid(compact) ? compact : null;
}

// The national forms' labels (lib/vat-id), found anywhere in the text.
const NATIONAL_LABEL = new RegExp(`${ITALIAN_VAT_LABEL.source}|${SPANISH_VAT_LABEL.source}`, 'giu');

export function extractVatIds(page: ParsedPage, pageType: PageType): Entity[] {
  const text = page.text;
  const found: Entity[] = [];
  const national = (value: string, check: boolean) =>
    vatIdFormatValid(value) &&
    found.push({
      type: 'VAT_ID',
      value,
      confidence: score(pageType, { label: true, check }),
      source_url: page.url,
    });
  for (const m of text.matchAll(NATIONAL_LABEL)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const id = nationalVatId(m[0], after);
    if (id) national(id, id.startsWith('IT'));
  }
  for (const m of text.matchAll(CANDIDATE)) {
    const value = normaliseVatId(`${m[1]}${m[2]}`);
    if (!value) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const labelled = LABEL.test(before);
    // Without a label, only the distinctive prefixes count ("DE" + 9 digits could be anything with a DE in front).
    if (!labelled && !['ATU', 'CHE', 'NL'].includes(m[1] ?? '') && pageType !== 'impressum') continue;
    if (/(?:iban|bic|konto|account)[^\n]{0,20}$/iu.test(before)) continue;
    const check = value.startsWith('DE') ? germanVatCheckDigitOk(value.slice(2)) : false;
    found.push({
      type: 'VAT_ID',
      value,
      confidence: score(pageType, { label: labelled, check }),
      source_url: page.url,
    });
  }
  return found;
}
