// COMPANY_NAME extraction: capitalised words ending in a legal form ("Müller Maschinenbau GmbH", "Acme Widgets Ltd").
import { spellsSiteName } from './business-name';
import { score } from './confidence';
import type { Entity, PageType, ParsedPage } from './types';

// Longest forms first so "GmbH & Co. KG" is not cut to "GmbH".
const LEGAL_FORM = [
  'GmbH & Co\\.? ?KGaA',
  'GmbH & Co\\.? ?KG',
  'GmbH & Co\\.? ?OHG',
  'AG & Co\\.? ?KGaA',
  'AG & Co\\.? ?KG',
  'SE & Co\\.? ?KGaA',
  'SE & Co\\.? ?KG',
  'UG \\(haftungsbeschränkt\\)(?: & Co\\.? ?KG)?',
  'gGmbH',
  'GmbH',
  'mbH',
  'KGaA',
  'AG',
  'SE',
  'KG',
  'OHG',
  'oHG',
  'e\\. ?K\\.',
  'e\\. ?Kfm\\.',
  'e\\. ?Kfr\\.',
  // Austria: the registered sole trader (eingetragenes Unternehmen), "Radwerk Thomas Eder e.U.".
  'e\\.U\\.',
  // Austria: the general partnership (offene Gesellschaft), "Huber Partner OG"; "2. OG" (a floor) is refused below.
  'OG',
  'e\\. ?V\\.',
  'eG',
  'PartG mbB',
  'PartG',
  'GbR',
  'Ltd\\.?',
  'Limited',
  // US professional LLC (doctors, lawyers): "Barton Creek Chiropractic, PLLC".
  'PLLC',
  'P\\.L\\.L\\.C\\.',
  'LLC',
  'L\\.L\\.C\\.',
  'Inc\\.?',
  'Incorporated',
  'PLC',
  'plc',
  'LLP',
  'Corp\\.?',
  'Corporation',
  // France, Belgium, Switzerland, Luxembourg.
  'S\\.A\\.S\\.U?',
  'S\\.A\\.',
  'SARL',
  'SASU',
  'SAS',
  'EURL',
  'SNC',
  'SRL',
  'SPRL',
  'S\\.à r\\.l\\.',
  'Sàrl',
  'SA',
  // The Netherlands and Flanders.
  'B\\.V\\.',
  'N\\.V\\.',
  'BV',
  'NV',
  'V\\.O\\.F\\.',
  'VOF',
  'CommV',
  // Spain (S.L.P.: a professionals' limited company).
  'S\\.L\\.P\\.',
  'SLP',
  'S\\.L\\.U\\.',
  'S\\.L\\.',
  'S\\.A\\.U\\.',
  'SLU',
  'SL',
  // Italy.
  'S\\.r\\.l\\.(?: ?s\\.)?',
  'S\\.p\\.A\\.',
  'S\\.n\\.c\\.',
  'S\\.a\\.s\\.',
  'Srl',
  'SpA',
  // Ireland.
  'DAC',
  'A/S',
  'ApS',
].join('|');
const WORD = "[\\p{Lu}\\d][\\p{L}\\d&'’.+-]*";
const JOINER = '&|\\+|und|and|für|fuer|of|the|de|der|des|du|di|del|della|van|von|zur|zum|im|am|an';
// Legal forms are rare in text, so they are found first and the name is read backwards from each one.
const FORM = new RegExp(`(?<![\\p{L}\\d])(?:${LEGAL_FORM})(?![\\p{L}\\d])`, 'gu');
const HAS_FORM = new RegExp(FORM.source, 'u');
const NAME_BEFORE_FORM = new RegExp(
  `(?<![\\p{L}\\d&'’.+-])(${WORD}(?: (?:${WORD}|${JOINER})){0,6}),? $`,
  'u',
);

// Leading words a sentence or heading puts before the name ("Die Müller GmbH", "© 2024 Müller GmbH").
const LEADING = new Set(
  (
    'die der das den dem des the a an von bei mit für über unsere unser our copyright impressum anbieter betreiber firma ' +
    'herausgeber name angaben diese dieser this website webseite kontakt contact home startseite willkommen welcome als wir ' +
    'we sie ihre ihr jahr seit since and und & + of im am an zur zum'
  ).split(' '),
);
const NOT_COMPANY =
  /\b(?:Amtsgericht|Registergericht|Handelsregister|Register|Registernummer|Gericht|Umsatzsteuer|Steuernummer)\b/u;
// Processors and platforms every privacy policy and footer mentions; they are never the lead.
const THIRD_PARTY =
  /\b(?:Google|Alphabet|Meta Platforms|Facebook|Instagram|WhatsApp|Cloudflare|Microsoft|LinkedIn|Amazon|Hetzner|Strato|IONOS|1&1|Mailchimp|Rocket Science|HubSpot|Twitter|X Corp|Shopify|Wix|Automattic|WordPress|Vimeo|YouTube|InnoCraft|Matomo|Stripe|PayPal|Klarna|Calendly|Typeform|Zendesk|Salesforce|Apple|Usercentrics|Cookiebot|Borlabs|Adobe|Hotjar|Trustpilot|Sendinblue|Brevo|CleverReach|Jimdo|Squarespace|GoDaddy|Hostinger|All-Inkl|Mittwald|DomainFactory|Host Europe|Deutsche Post|DHL|Schufa|Creditreform|Elementor|Vercel|Netlify|Zoom Video|Slack|Atlassian|Mollie|Sentry)\b/iu;
// A company named as someone's partner or parent ("Komplementärin: Müller Verwaltungs GmbH") is not the operator.
const OTHER_ROLE =
  /(?:komplementär\w*|persönlich haftende\w*|haftende gesellschafterin|general partner|vertreten durch|tochter\w*|subsidiary of|mitglied\w*|member of|partner\w*|kunden?|clients?|hosted by|powered by|gehostet)[^\n]{0,25}$/iu;
const OPERATOR_LABEL =
  /(?:§ ?5|angaben gemäß|anbieter|betreiber|herausgeber|firma|firmenname|company name|impressum|imprint|legal notice|verantwortlich\w*|controller|©|copyright|éditeur|raison sociale|dénomination|mentions légales|denominazione|ragione sociale|razón social|denominación|aviso legal|handelsnaam|statutaire naam|colofon)/iu;

// A name followed by its own registration statement is the operator: "Oakwood Vets Ltd is a company registered in
// England and Wales …", "X Limited. Registered in Ireland …".
// …or by a clause that only the operator's own name takes in terms and privacy pages: "X V.O.F., handelend onder de
// naam …", "X SARL, immatriculée au RCS …", "X S.L., inscrita en el Registro Mercantil …", "X Lda., com sede em …",
// and the trade name it does business under, after the kind of entity and where it was formed in the US form:
// "X Ltd, trading as …", "X LLC, an Idaho limited liability company doing business as …", "X Inc. d/b/a …".
const REGISTERED_AFTER =
  /^[.,]? (?:(?:is |are )?(?:an? (?:private )?(?:limited )?(?:liability )?(?:company|partnership) )?(?:registered|incorporated) in |(?:an? [\p{L} .]{0,40}?(?:limited liability company|corporation|company|partnership),? )?(?:trading as |doing business as |d\/b\/a |dba )|handelend onder de naam |h\.o\.d\.n\. |ingeschreven (?:bij|in) |immatricul\p{L}* au |inscrit\p{L}* (?:au|en el) |iscritt\p{L}* (?:al|nel) |con sede (?:legale )?in |com sede em |matriculad\p{L}* na )/iu;

// A sentence naming who runs the site or the business: "This website is operated by X LLC", "Spoke & Sprocket
// Cycle Repair is operated by Spoke & Sprocket Cycles Limited" — unless the sentence is about a tool or a
// provider ("Our newsletter is operated by …", "The booking system is operated by …").
const OPERATED_BY = /(?:^|[.!?]\s)([^.!?]*)\b(?:is|are) (?:owned and )?operated by $/iu;
const PROVIDER_SUBJECT =
  /newsletter|booking|payment|form|hosting|server|analytics|tool|software|system|platform|provider|service|app\b|widget|shop system|plugin|portal/iu;
const operatedBy = (before: string) => {
  const sentence = OPERATED_BY.exec(before);
  return sentence !== null && !PROVIDER_SUBJECT.test(sentence[1] ?? '');
};

function trimLeading(name: string): string {
  const tokens = name.split(' ');
  while (
    tokens.length &&
    (LEADING.has((tokens[0] ?? '').toLowerCase()) || /^(?:19|20)\d\d$/.test(tokens[0] ?? ''))
  ) {
    tokens.shift();
  }
  return tokens.join(' ');
}

/** Whether a name carries a legal form ("Müller GmbH"): without one it may be a brand or a shop sign. */
export function hasLegalForm(name: string): boolean {
  return HAS_FORM.test(name);
}

export function normaliseCompany(name: string, form: string): string {
  const legal = form.replace(/Co\.?\s?(KGaA|KG|OHG)/, 'Co. $1').replace(/e\. ?([KV])/, 'e.$1');
  return `${name.trim()} ${legal}`.replace(/\s+/g, ' ');
}

// France writes the form first as often as last: "SARL Menuiserie Duval", "SAS Dupont et Fils".
const FORM_FIRST = new RegExp(
  `(?<![\\p{L}\\d])(SARL|SASU|SAS|EURL|SNC) (${WORD}(?: (?:${WORD}|de|du|des|la|le|et|&)){0,5})(?![\\p{L}\\d])`,
  'gu',
);

// An Italian partnership's name goes on after its form with a partner ("Carrozzeria F.lli Neri S.n.c. di Neri Luca &
// C.", "Rossi S.a.s. di Mario Rossi e C.").
const PARTNERSHIP = /^S\.?[na]\.?[cs]\.?$/i;
const PARTNERS_AFTER = /^ di (\p{Lu}[\p{L}'’]+(?: \p{Lu}[\p{L}'’]+){0,3})(?: (?:&|e) C\.)?/u;
function partnersAfter(form: string, after: string): string {
  if (!PARTNERSHIP.test(form)) return '';
  const partners = PARTNERS_AFTER.exec(after.replace(/&amp;/g, '&'));
  return partners ? partners[0] : '';
}

export function extractCompanies(page: ParsedPage, pageType: PageType): Entity[] {
  const text = page.text;
  const found: Entity[] = [];
  for (const m of text.matchAll(FORM_FIRST)) {
    const name = (m[2] ?? '').replace(/ (?:de|du|des|la|le|et|&)$/u, '');
    if (NOT_COMPANY.test(name) || THIRD_PARTY.test(name)) continue;
    const before = text.slice(Math.max(0, m.index - 150), m.index);
    if (OTHER_ROLE.test(before)) continue;
    const labelled = OPERATOR_LABEL.test(before);
    if (pageType === 'legal' && !labelled) continue;
    found.push({
      type: 'COMPANY_NAME',
      value: `${m[1]} ${name}`,
      confidence: score(pageType, { label: labelled, check: pageType === 'impressum' && m.index < 600 }),
      source_url: page.url,
    });
  }
  for (const form of text.matchAll(FORM)) {
    const lineStart = text.lastIndexOf('\n', form.index - 1) + 1;
    const windowStart = Math.max(lineStart, form.index - 120);
    const named = NAME_BEFORE_FORM.exec(text.slice(windowStart, form.index));
    if (!named) continue;
    const match = { index: windowStart + named.index, name: named[1] ?? '', form: form[0] };
    const name = trimLeading(match.name);
    // Austrian addresses name the floor ("Hauptplatz 3, 2. OG"): an ordinal before "OG" is no company.
    if (match.form === 'OG' && /(?:^|\s)\d{1,2}\.$/.test(name)) continue;
    if (!/^[\p{Lu}\d]/u.test(name) || NOT_COMPANY.test(name) || THIRD_PARTY.test(name)) continue;
    const before = text.slice(Math.max(0, match.index - 150), match.index);
    if (OTHER_ROLE.test(before)) continue;
    const formEnd = form.index + form[0].length;
    const labelled =
      OPERATOR_LABEL.test(before) ||
      operatedBy(before) ||
      REGISTERED_AFTER.test(text.slice(formEnd, formEnd + 80));
    // Privacy policies name many companies; only the one introduced as the controller/operator is the lead — or the
    // one whose name the site's domain spells ("Tallowwood IT Pty Ltd … respects your privacy" on tallowwoodit.com.au):
    // processors and authorities never share the site's name.
    if (pageType === 'legal' && !labelled && !spellsSiteName(name, page.url)) continue;
    // An impressum names its operator first; later mentions (hosting, partners) score lower.
    const early = pageType === 'impressum' && match.index < 600;
    found.push({
      type: 'COMPANY_NAME',
      value:
        normaliseCompany(name, match.form) + partnersAfter(match.form, text.slice(formEnd, formEnd + 60)),
      confidence: score(pageType, {
        label: labelled,
        check: early,
        guess: pageType === 'impressum' && !early && !labelled,
      }),
      source_url: page.url,
    });
  }
  return found;
}
