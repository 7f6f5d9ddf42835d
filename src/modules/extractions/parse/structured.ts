// Entities from a page's JSON-LD (json-ld.ts). Structured data earns the "structured" bonus, but every value still
// passes the validators the text extractors use: email syntax and placeholder domains, phone validity (E.164), VAT
// formats, a person's name shape; a name without a legal form is kept as a lower-confidence company name.
import { hasLegalForm } from './company';
import { score } from './confidence';
import { isValidEmail, normaliseEmail } from './emails';
import { type LdAddress, readJsonLd } from './json-ld';
import { canonicalRole } from './persons';
import { toE164 } from './phones';
import type { Entity, EntityType, PageType, ParsedPage } from './types';
import { normaliseVatId } from './vat-id';

const PERSON_NAME =
  /^(?:\p{Lu}[\p{L}'’.-]*)(?: (?:\p{Lu}[\p{L}'’.-]*|von|van|de|der|den|del|della|di|da|du|zu|ter|ten|la|le)){1,4}$/u;
const COUNTRY: Record<string, string> = {
  de: 'DE',
  deutschland: 'DE',
  germany: 'DE',
  gb: 'GB',
  uk: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  england: 'GB',
  us: 'US',
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  au: 'AU',
  australia: 'AU',
};
const POSTAL_CODE = /^[A-Z0-9][A-Z0-9 -]{2,9}$/i;

/**
 * One line, in the order the text extractor writes each country's addresses: "Street 1, 12345 City" (continental
 * Europe, the default), "1 High Street, London SW1A 1AA" (UK), "1 Main St, Springfield, IL 62701" (US),
 * "1 Bay Road, Kangaroo Valley NSW 2577" (Australia).
 */
export function formatAddress(address: LdAddress): string | null {
  if (address.text) {
    const line = address.text.replace(/\s*[\n\r]+\s*/g, ', ');
    return /\p{L}{2}/u.test(line) && /\d/.test(line) && line.includes(',') ? line : null;
  }
  const street = address.street?.replace(/\s*[\n\r]+\s*/g, ', ');
  const city = address.locality;
  const postal = address.postalCode && POSTAL_CODE.test(address.postalCode) ? address.postalCode : undefined;
  if (!street || !city || !/\p{L}{2}/u.test(street) || address.postalCode !== postal) return null;
  const country = COUNTRY[(address.country ?? '').toLowerCase()] ?? address.country?.toUpperCase();
  if (country === 'GB') return postal ? `${street}, ${city} ${postal.toUpperCase()}` : `${street}, ${city}`;
  if (country === 'US')
    return [street, city, [address.region, postal].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  // Australia: "1180 Moss Vale Road, Kangaroo Valley NSW 2577" (town, state, postcode without commas).
  if (country === 'AU') return [`${street},`, city, address.region, postal].filter(Boolean).join(' ');
  return postal ? `${street}, ${postal} ${city}` : `${street}, ${city}`;
}

/** Entities the page's JSON-LD states about its organisation; [] without JSON-LD. */
export function extractStructured(page: ParsedPage, pageType: PageType, region: string): Entity[] {
  if (!page.jsonLd?.length) return [];
  const facts = readJsonLd(page.jsonLd);
  const found: Entity[] = [];
  const add = (type: EntityType, value: string, guess = false, role?: string) => {
    const entity: Entity = {
      type,
      value,
      confidence: score(pageType, { structured: true, guess }),
      source_url: page.url,
    };
    if (role) entity.role = role;
    found.push(entity);
  };

  for (const { value, legal } of facts.names) add('COMPANY_NAME', value, !legal && !hasLegalForm(value));
  for (const raw of facts.emails) {
    const email = normaliseEmail(raw);
    if (isValidEmail(email)) add('EMAIL', email);
  }
  for (const raw of facts.telephones) {
    const phone = toE164(raw, region);
    if (phone) add('PHONE', phone);
  }
  for (const address of facts.addresses) {
    const line = formatAddress(address);
    if (line) add('ADDRESS', line);
  }
  for (const raw of facts.vatIds) {
    const vat = normaliseVatId(raw);
    if (vat) add('VAT_ID', vat);
  }
  for (const person of facts.persons) {
    const name = person.name.replace(/\s+/g, ' ').trim();
    if (PERSON_NAME.test(name))
      add('PERSON', name, false, person.role ? canonicalRole(person.role) : undefined);
  }
  return found;
}
