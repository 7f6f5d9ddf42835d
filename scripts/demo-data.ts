// The local demo of the spec: two companies, three experts, an admin, and engagements in every state.
// Fixed ids make seeding idempotent (INSERT OR IGNORE) and let docs and tests refer to them.
export const DEMO_PASSWORD = 'demo-password';
/** AI credits the demo's Acme starts with (Globex starts with none). */
export const DEMO_CREDITS = 50_000;

/** A fixed id in the API's format: prefix, underscore, 26 upper-case characters. */
export const demoId = (prefix: string, label: string) => `${prefix}_${label.padStart(26, '0')}`;

export const demoOrgs = [
  { id: demoId('org', 'ACME'), name: 'Acme GmbH' },
  { id: demoId('org', 'GLOBEX'), name: 'Globex Corporation' },
];

/**
 * Billing details printed on documents: Acme in Germany like the platform (19 % VAT on its invoices), Globex in
 * France (reverse charge); Anna and Ben charge German VAT, Cara is a small business (§ 19 UStG, no VAT).
 */
export const demoBilling: Record<string, Record<string, string | boolean>> = {
  [demoId('org', 'ACME')]: {
    legal_name: 'Acme GmbH',
    address_line1: 'Königsallee 1',
    postcode: '40212',
    city: 'Düsseldorf',
    country_code: 'DE',
    vat_id: 'DE811234567',
  },
  [demoId('org', 'GLOBEX')]: {
    legal_name: 'Globex Corporation SAS',
    address_line1: '12 rue de Rivoli',
    postcode: '75004',
    city: 'Paris',
    country_code: 'FR',
    vat_id: 'FR40303265045',
  },
  [demoId('exp', 'ANNA')]: {
    address_line1: 'Lindenstraße 5',
    postcode: '80331',
    city: 'München',
    country_code: 'DE',
    vat_id: 'DE298765432',
    tax_number: '143/123/45678',
  },
  [demoId('exp', 'BEN')]: {
    address_line1: 'Alsterufer 20',
    postcode: '20354',
    city: 'Hamburg',
    country_code: 'DE',
    tax_number: '22/456/78901',
  },
  [demoId('exp', 'CARA')]: {
    address_line1: 'Schillerstraße 9',
    postcode: '10625',
    city: 'Berlin',
    country_code: 'DE',
    tax_number: '27/555/12345',
    small_business: true,
  },
};

export const demoExperts = [
  {
    id: demoId('exp', 'ANNA'),
    name: 'Anna Berger',
    headline: 'Public procurement and tax advisor',
    skills: ['tenders', 'VAT', 'bookkeeping'],
    modules: ['TENDER', 'CTAX'],
    rate: [450000, 'eur', 'month'],
    maxClients: 3,
    stripeAccountId: 'acct_demoAnnaBerger01',
    payoutsEnabled: true,
  },
  {
    id: demoId('exp', 'BEN'),
    name: 'Ben Okafor',
    headline: 'Sales operations and lead research',
    skills: ['lead generation', 'CRM', 'invoicing'],
    modules: ['LEADS', 'CTAX'],
    rate: [90000, 'eur', 'week'],
    maxClients: 2,
    stripeAccountId: 'acct_demoBenOkafor001',
    payoutsEnabled: true,
  },
  {
    id: demoId('exp', 'CARA'),
    name: 'Cara Lindqvist',
    headline: 'Bid manager for EU tenders',
    skills: ['tenders', 'proposal writing'],
    modules: ['TENDER'],
    rate: [380000, 'eur', 'month'],
    maxClients: 2,
    stripeAccountId: null,
    payoutsEnabled: false,
  },
] as const;

export const demoUsers = [
  {
    id: demoId('usr', 'ADMIN'),
    email: 'admin@engage.test',
    name: 'Platform Admin',
    role: 'admin',
    orgId: null,
    expertId: null,
  },
  {
    id: demoId('usr', 'ACMEOPS'),
    email: 'ops@acme.test',
    name: 'Olivia Ops (Acme)',
    role: 'company',
    orgId: demoId('org', 'ACME'),
    expertId: null,
  },
  {
    id: demoId('usr', 'GLOBEXOPS'),
    email: 'ops@globex.test',
    name: 'Gus Ops (Globex)',
    role: 'company',
    orgId: demoId('org', 'GLOBEX'),
    expertId: null,
  },
  {
    id: demoId('usr', 'ANNA'),
    email: 'anna@experts.test',
    name: 'Anna Berger',
    role: 'expert',
    orgId: null,
    expertId: demoId('exp', 'ANNA'),
  },
  {
    id: demoId('usr', 'BEN'),
    email: 'ben@experts.test',
    name: 'Ben Okafor',
    role: 'expert',
    orgId: null,
    expertId: demoId('exp', 'BEN'),
  },
  {
    id: demoId('usr', 'CARA'),
    email: 'cara@experts.test',
    name: 'Cara Lindqvist',
    role: 'expert',
    orgId: null,
    expertId: demoId('exp', 'CARA'),
  },
] as const;

type ModuleState = 'active' | 'uninstalled';

/** One engagement per state; experts' current_clients follow from the active ones. */
export const demoEngagements: {
  id: string;
  org: string;
  expert: string;
  title: string;
  modules: string[];
  status: 'pending' | 'active' | 'completed' | 'declined' | 'cancelled';
  moduleState?: ModuleState;
}[] = [
  {
    id: demoId('eng', 'ACMEANNA'),
    org: 'ACME',
    expert: 'ANNA',
    title: 'Tender desk and invoice booking',
    modules: ['TENDER', 'CTAX'],
    status: 'active',
    moduleState: 'active',
  },
  {
    id: demoId('eng', 'GLOBEXBEN'),
    org: 'GLOBEX',
    expert: 'BEN',
    title: 'Lead research DACH',
    modules: ['LEADS'],
    status: 'active',
    moduleState: 'active',
  },
  {
    id: demoId('eng', 'ACMEBEN'),
    org: 'ACME',
    expert: 'BEN',
    title: 'Supplier invoice backlog',
    modules: ['CTAX'],
    status: 'pending',
  },
  {
    id: demoId('eng', 'GLOBEXANNA'),
    org: 'GLOBEX',
    expert: 'ANNA',
    title: 'Q3 public tenders',
    modules: ['TENDER'],
    status: 'completed',
    moduleState: 'uninstalled',
  },
  {
    id: demoId('eng', 'GLOBEXCARA'),
    org: 'GLOBEX',
    expert: 'CARA',
    title: 'EU framework bid',
    modules: ['TENDER'],
    status: 'declined',
  },
  {
    id: demoId('eng', 'ACMECARA'),
    org: 'ACME',
    expert: 'CARA',
    title: 'Municipal IT tender',
    modules: ['TENDER'],
    status: 'cancelled',
  },
];
