// Reads the organisation a page describes in schema.org JSON-LD (`<script type="application/ld+json">`): the layouts
// sites and their plugins write — one object, an array of objects, or `@graph` (Yoast, Rank Math), in one block or
// several; the organisation at the top, or as a WebPage's/WebSite's `publisher`, `mainEntity`, `about` or `provider`.
// Organisation nodes are Organization, LocalBusiness and their subtypes (Dentist, LegalService, Store, Restaurant …),
// recognised by name or by schema.org's naming of the subtypes (…Business, …Store, …Service, …Organization …). From
// each: legalName/name, email, telephone, address (PostalAddress or text, also under `location`), vatID/taxID,
// contactPoint's email and telephone, departments, and founders/employees/members as people with their jobTitle. A
// top-level Person with contact data (a freelancer's site) counts as the person behind the site.
// Other parties — brand, parentOrganization, memberOf, sponsor, authors, reviews, offers — are not read. Invalid JSON
// is ignored; the walk is bounded (nesting and node count), so a hostile block cannot make it slow.

export interface LdAddress {
  street?: string;
  postalCode?: string;
  locality?: string;
  region?: string;
  country?: string;
  /** An address given as one string. */
  text?: string;
}

export interface LdPerson {
  name: string;
  role?: string;
}

export interface LdFacts {
  names: { value: string; legal: boolean }[];
  emails: string[];
  telephones: string[];
  addresses: LdAddress[];
  vatIds: string[];
  persons: LdPerson[];
}

type Node = Record<string, unknown>;

const MAX_DEPTH = 8;
const MAX_NODES = 300;
const MAX_STRING = 300;
const ORG_TYPES = new Set(
  (
    'Organization Organisation LocalBusiness Corporation Dentist Physician Attorney Notary Optician Pharmacy Restaurant ' +
    'Bakery Brewery Winery CafeOrCoffeeShop BarOrPub Hotel Motel Hostel BedAndBreakfast Electrician Plumber Locksmith ' +
    'HousePainter RoofingContractor GeneralContractor HVACBusiness MovingCompany AutoRepair AutoDealer BeautySalon ' +
    'HairSalon NailSalon DaySpa TattooParlor RealEstateAgent TravelAgency EmploymentAgency InsuranceAgency ' +
    'AccountingService ChildCare DryCleaningOrLaundry Library NGO Cooperative MedicalClinic VeterinaryCare ' +
    'SportsClub HealthClub ExerciseGym Florist Airline Consortium'
  ).split(' '),
);
// schema.org names most subtypes after their family: ComputerStore, LegalService, HomeAndConstructionBusiness,
// EducationalOrganization, GovernmentOffice, FoodEstablishment. Bare "Service" is a product-like offer, not a business.
const ORG_FAMILY =
  /.(?:Organization|Organisation|Business|Store|Shop|Service|Agency|Office|Clinic|Contractor|Company|Establishment|Salon)$/;
// Keys leading from a page or site node to the organisation behind it.
const ENTRY_KEYS = [
  '@graph',
  'mainEntity',
  'mainEntityOfPage',
  'publisher',
  'about',
  'provider',
  'copyrightHolder',
];
const PERSON_KEYS: [string, string | undefined][] = [
  ['founder', 'Founder'],
  ['founders', 'Founder'],
  ['employee', undefined],
  ['employees', undefined],
  ['member', undefined],
  ['members', undefined],
];

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

function text(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'number') return String(first);
  if (isNode(first)) return text(first.name ?? first['@value']);
  if (typeof first !== 'string') return undefined;
  const cleaned = first.replace(/\s+/g, ' ').trim();
  return cleaned && cleaned.length <= MAX_STRING ? cleaned : undefined;
}

function types(node: Node): string[] {
  return list(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, ''));
}

const isOrg = (node: Node) => types(node).some((t) => ORG_TYPES.has(t) || ORG_FAMILY.test(t));
const isPerson = (node: Node) => types(node).includes('Person');
const hasContact = (node: Node) => ['email', 'telephone', 'address'].some((key) => node[key] !== undefined);

/** Parses each block (invalid ones are skipped) and collects what their organisation nodes state. */
export function readJsonLd(blocks: readonly string[]): LdFacts {
  const facts: LdFacts = { names: [], emails: [], telephones: [], addresses: [], vatIds: [], persons: [] };
  let budget = MAX_NODES;
  const seen = new Set<Node>();

  const contacts = (node: Node) => {
    for (const email of list(node.email)) {
      const value = text(email);
      if (value) facts.emails.push(value);
    }
    for (const phone of list(node.telephone)) {
      const value = text(phone);
      if (value) facts.telephones.push(value);
    }
    for (const address of list(node.address)) {
      if (typeof address === 'string') {
        const value = text(address);
        if (value) facts.addresses.push({ text: value });
      } else if (isNode(address)) {
        facts.addresses.push({
          street: text(address.streetAddress),
          postalCode: text(address.postalCode),
          locality: text(address.addressLocality),
          region: text(address.addressRegion),
          country: text(address.addressCountry),
        });
      }
    }
  };

  const person = (node: Node, defaultRole: string | undefined) => {
    const given = text(node.givenName);
    const family = text(node.familyName);
    const name = text(node.name) ?? (given && family ? `${given} ${family}` : undefined);
    if (!name) return;
    const role = text(node.jobTitle) ?? text(node.roleName) ?? defaultRole;
    facts.persons.push(role ? { name, role } : { name });
  };

  const organisation = (node: Node, depth: number) => {
    const legalName = text(node.legalName);
    const name = text(node.name);
    if (legalName) facts.names.push({ value: legalName, legal: true });
    if (name && name !== legalName) facts.names.push({ value: name, legal: false });
    contacts(node);
    for (const id of [...list(node.vatID), ...list(node.taxID)]) {
      const value = text(id);
      if (value) facts.vatIds.push(value);
    }
    for (const place of list(node.location)) if (isNode(place) && !isOrg(place)) contacts(place);
    for (const point of list(node.contactPoint)) {
      if (!isNode(point)) continue;
      contacts(point);
      if (isPerson(point)) person(point, undefined);
    }
    for (const [key, role] of PERSON_KEYS) {
      for (const member of list(node[key])) if (isNode(member) && isPerson(member)) person(member, role);
    }
    for (const department of list(node.department)) visit(department, depth + 1);
  };

  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || budget <= 0) return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, budget)) visit(item, depth + 1);
      return;
    }
    if (!isNode(value) || seen.has(value)) return;
    seen.add(value);
    budget--;
    if (isOrg(value)) organisation(value, depth);
    else if (isPerson(value) && depth <= 2 && hasContact(value)) {
      person(value, undefined);
      contacts(value);
    }
    for (const key of ENTRY_KEYS) if (value[key] !== undefined) visit(value[key], depth + 1);
  };

  for (const block of blocks) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(block);
    } catch {
      continue; // invalid JSON (trailing commas, comments, a template left unfilled): nothing to read
    }
    visit(parsed, 0);
  }
  return facts;
}
