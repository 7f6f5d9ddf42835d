// VAT_ID extraction: EU/UK/Swiss VAT numbers, format-checked per country (a German Steuernummer is not one).
import { score } from './confidence';
import type { Entity, PageType, ParsedPage } from './types';

// Per-country formats (after removing spaces, dots and dashes). Source: EU VIES format table.
const FORMATS: Record<string, RegExp> = {
  DE: /^DE\d{9}$/,
  AT: /^ATU\d{8}$/,
  GB: /^GB(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  XI: /^XI(?:\d{9}|\d{12})$/,
  FR: /^FR[0-9A-HJ-NP-Z]{2}\d{9}$/,
  NL: /^NL\d{9}B\d{2}$/,
  IT: /^IT\d{11}$/,
  ES: /^ES[0-9A-Z]\d{7}[0-9A-Z]$/,
  BE: /^BE[01]\d{9}$/,
  LU: /^LU\d{8}$/,
  DK: /^DK\d{8}$/,
  SE: /^SE\d{10}01$/,
  FI: /^FI\d{8}$/,
  PL: /^PL\d{10}$/,
  CZ: /^CZ\d{8,10}$/,
  PT: /^PT\d{9}$/,
  IE: /^IE\d{7}[A-W][A-I]?$|^IE\d[A-Z+*]\d{5}[A-W]$/,
  CHE: /^CHE\d{9}$/,
};
// Loose shape: a country prefix followed by digits with optional grouping spaces/dots; FORMATS decides.
const CANDIDATE =
  /(?<![\p{L}\d])(DE|ATU|GB|XI|FR|NL|IT|ES|BE|LU|DK|SE|FI|PL|CZ|PT|IE|CHE)[ -]?((?:[0-9A-Z]{1,4}[ .-]?){2,5}[0-9A-Z]{1,3})(?![\p{L}\d])(?: ?(?:MWST|TVA|IVA|VAT))?/gu;
const LABEL =
  /(?:ust|umsatzsteuer|mwst|vat|tva|iva|btw|uid|tax|identifikationsnummer|id-nr|idnr|vat reg|vat no|vat number)[^\n]{0,40}\n?$/iu;

/** ISO 7064 MOD 11,10 check digit of a German VAT number. */
function germanCheckDigitOk(digits: string): boolean {
  let product = 10;
  for (let i = 0; i < 8; i++) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(digits[8]);
}

export function normaliseVatId(raw: string): string | null {
  const compact = raw
    .toUpperCase()
    .replace(/(?:MWST|TVA|IVA|VAT)$/, '')
    .replace(/[\s.-]/g, '');
  const country = compact.startsWith('CHE') ? 'CHE' : compact.slice(0, 2);
  const format = FORMATS[country];
  return format?.test(compact) ? compact : null;
}

export function extractVatIds(page: ParsedPage, pageType: PageType): Entity[] {
  const text = page.text;
  const found: Entity[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const value = normaliseVatId(`${m[1]}${m[2]}`);
    if (!value) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const labelled = LABEL.test(before);
    // Without a label, only the distinctive prefixes count ("DE" + 9 digits could be anything with a DE in front).
    if (!labelled && !['ATU', 'CHE', 'NL'].includes(m[1] ?? '') && pageType !== 'impressum') continue;
    if (/(?:iban|bic|konto|account)[^\n]{0,20}$/iu.test(before)) continue;
    const check = value.startsWith('DE') ? germanCheckDigitOk(value.slice(2)) : false;
    found.push({
      type: 'VAT_ID',
      value,
      confidence: score(pageType, { label: labelled, check }),
      source_url: page.url,
    });
  }
  return found;
}
