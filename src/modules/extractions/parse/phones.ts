// PHONE extraction: tel: links and phone-shaped text, validated and normalised to E.164 by libphonenumber-js.
//
// Metadata: `libphonenumber-js/max` (~150 KB of JSON in the bundle, ~2x `min`). `min` has no per-type patterns and calls
// "+49 12345" or a date like "12.03.2024" read as a German number valid; `max` rejects them, and we need that precision.
// Fax numbers (labelled "Fax"/"Telefax"/"F:") are not reported at all: nobody calls a lead on a fax line.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { score } from './confidence';
import { contextAfter, contextBefore, thirdPartyBefore } from './text';
import type { Entity, PageType, ParsedPage } from './types';

// A run of digits with the usual separators, opening with "+", "(" or a digit that is not glued to a word.
const CANDIDATE = /(?<![\w+/.,-])(?:\+ ?|\()?\d[\d ()/.\-–]{4,26}\d(?![\w-]|[.,]\d)/g;
// The last label-like word before a number decides what it is: tax and register labels of the six languages
// ("P.IVA 03728510045", "KvK 74125863", "SIRET …") introduce numbers that can look like phone numbers.
// The label must be a word of its own: "price it himself: 07835 214697" ends in "f" but names no fax.
const LABEL =
  /(?<![\p{L}\d])(tel(?:efon)?\.?-?nr|telefax|fax|t[eé]l[eé]copie|tel[eé]fono|t[eé]l[eé]phone|telefoon|t[eé]l|m[oó]vil|cellulare|portable|gsm|mobiel|telefon|tel|phone|fon|mobil\w*|handy|cell|hotline|zentrale|durchwahl|call|ruf|whatsapp|iban|bic|blz|konto|kto|hr[ab]|registernummer|register|reg|ust|vat|mwst|steuer\w*|tax|uid|company no|company number|registration number|firmenbuch|fn|p\.? ?iva|partita iva|c\.? ?f|codice fiscale|cif|nif|btw(?:-id)?|tva|kvk(?:-nummer)?|rea|siren|siret|rcs|bce|kbo(?:-nr)?|rpm|rpr|cro|abn|acn|gstin|plz|postfach|kunden\w*|rechnung\w*|invoice|order|bestell\w*|artikel\w*|isbn|datum|date|preis|price|eur|usd|gbp|t|f|m|p)\b[^\p{L}\d]{0,8}$/iu;
const PHONE_LABEL =
  /^(?:tel(?:efon)?\.?-?nr|tel[eé]fono|t[eé]l[eé]phone|telefoon|t[eé]l|m[oó]vil|cellulare|portable|gsm|mobiel|telefon|tel|phone|fon|mobil\w*|handy|cell|hotline|zentrale|durchwahl|call|ruf|whatsapp|t|m|p)$/i;
const NANP = new Set(['US', 'CA']);
// The North American shape — a three-digit area code in brackets or before a dash, a three-digit exchange, four digits,
// maybe after "1-": "(859) 555-0142", "859-555-0142", "1-800-555-0142", "859.555.0142". No other plan writes numbers
// so (national numbers elsewhere open with a trunk 0), so it is read as a +1 number whatever the site's default region —
// an English page on a .com defaults to GB — but, unlabelled, only on the pages that state the business's own contact
// data: a services or advice page cites partners' and agencies' lines ("we refer to … Radiology, (512) 555-0100").
const NANP_SHAPE = /^(?:1[-. ])?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[-.])[2-9]\d{2}[-.]\d{4}$/;
// Countries whose national numbers have no trunk prefix 0 (Spain "912 345 678", Italian mobiles "333 …", Portugal …):
// there a number without "+" or "0" is taken only after a phone label.
const NO_TRUNK = new Set(['ES', 'PT', 'IT', 'DK', 'NO', 'GR', 'LU', 'MT', 'CY', 'IS', 'PL']);

export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}

/** A valid number in E.164, or null; `region` is the default for numbers written without a country code. */
export function toE164(raw: string, region: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry: region as CountryCode, extract: false });
  if (!parsed?.isValid()) return null;
  return isE164(parsed.number) ? parsed.number : null;
}

function plausible(candidate: string, region: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  if (digits < 7 || digits > 17) return false;
  // Dates, times and ISO dates share the separators.
  if (/^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$/.test(candidate) || /^\d{4}-\d{2}-\d{2}$/.test(candidate))
    return false;
  if (!candidate.startsWith('+') && /(?:^|\D)\d{1,2}\.\d{2}(?:\D|$)/.test(candidate)) return false;
  // Outside North America a national number opens with the trunk prefix 0 (or an international prefix), but for the
  // few countries without one (checked against the label by the caller).
  return NANP.has(region) || NO_TRUNK.has(region) || /^(?:\+|\(?0)/.test(candidate);
}

export function extractPhones(page: ParsedPage, pageType: PageType, region: string): Entity[] {
  const found: Entity[] = [];
  const add = (value: string, evidence: Parameters<typeof score>[1]) => {
    found.push({ type: 'PHONE', value, confidence: score(pageType, evidence), source_url: page.url });
  };
  for (const tel of page.tels) {
    const value = toE164(tel, region);
    if (value) add(value, { link: true });
  }

  const text = page.text;
  for (const m of text.matchAll(CANDIDATE)) {
    const candidate = m[0];
    const guessed = !NANP.has(region) && NANP_SHAPE.test(candidate);
    const within = guessed ? 'US' : region;
    const parts = plausible(candidate, within) ? [candidate] : [];
    if (candidate.replace(/\D/g, '').length > 15 && candidate.includes(' / ')) {
      parts.push(...candidate.split(' / ').filter((part) => plausible(part.trim(), within)));
    }
    // A parenthetical note after the number is not part of it: "01234 567890 (24 hours)", "030 123456 (9–17 Uhr)".
    const note = / \(\d{1,3}$/.exec(candidate);
    if (note && plausible(candidate.slice(0, note.index), within)) parts.push(candidate.slice(0, note.index));
    // Cheap shape checks first: most digit runs in prose (quantities, years, prices) end here.
    if (!parts.length) continue;
    const label = LABEL.exec(contextBefore(text, m.index, 32))?.[1] ?? '';
    if (label && !PHONE_LABEL.test(label)) continue; // fax, IBAN, register number, price …
    if (guessed && !label && pageType === 'other') continue;
    if (/^\s*(?:uhr|h\b|€|eur|kg|km|mm|cm|m²|%)/i.test(contextAfter(text, m.index + candidate.length, 6)))
      continue;
    // On privacy pages only numbers that are introduced as phone numbers (the controller's), not cited ones.
    if (pageType === 'legal' && !label) continue;
    if (!label && !NANP.has(within) && !/^(?:\+|\(?0)/.test(candidate)) continue;
    if (thirdPartyBefore(text, m.index)) continue; // the chamber's or the insurer's number
    for (const part of parts) {
      const value = toE164(part.trim(), within);
      if (value) {
        add(value, { label: Boolean(label) });
        break;
      }
    }
  }
  return found;
}
