// PERSON extraction: names next to a role ("Geschäftsführer: Dr. Max Mustermann", "Jane Smith (CEO)", team captions).
import { score } from './confidence';
import type { Entity, PageType, ParsedPage } from './types';

// Role labels and their readable form. Order matters: longer labels first so "Vorstandsvorsitzender" is not "Vorstand".
const ROLES: [string, string][] = [
  ['geschäftsführende[rn]? gesellschafter(?:in|innen)?', 'Geschäftsführender Gesellschafter'],
  ['vertretungsberechtigte[rn]? geschäftsführer(?:in|innen)?', 'Geschäftsführer'],
  ['geschäftsführer(?:in|innen)?', 'Geschäftsführer'],
  ['geschäftsführung', 'Geschäftsführer'],
  ['vorstandsvorsitzende[r]?|vorsitzende[r]? des vorstand(?:e?s)', 'Vorstandsvorsitzender'],
  ['aufsichtsratsvorsitzende[r]?|vorsitzende[r]? des aufsichtsrat(?:e?s)', 'Aufsichtsratsvorsitzender'],
  // A Swiss AG's board chairman, whom the commercial register lists among those authorised to sign
  // ("Präsident des Verwaltungsrates", "Verwaltungsratspräsidentin").
  [
    'verwaltungsratspräsident(?:in)?|(?:präsident(?:in)?|vorsitzende[r]?) des verwaltungsrat(?:e?s)',
    'Präsident des Verwaltungsrates',
  ],
  ['vorstand(?:smitglied(?:er)?)?', 'Vorstand'],
  // "Praxisinhaber", "Firmeninhaberin", "Inh.": the owner in compounds and abbreviated.
  ['(?:praxis|firmen|geschäfts|betriebs|kanzlei|salon|studio)?inhaber(?:in)?|inh\\.', 'Inhaber'],
  ['prokurist(?:in|en)?', 'Prokurist'],
  // The general partner of a KG named as a person ("Unbeschränkt haftende Gesellschafterin: Maria Mayr"); a company
  // in that place ("… : Müller Verwaltungs GmbH") is stopped by LEGAL_FORM_NEXT.
  ['(?:unbeschränkt|persönlich) haftende[rn]? gesellschafter(?:in)?', 'Gesellschafter'],
  // Only as a label ("Partner: Dr. Thomas Wagner, …"), and only on an impressum: elsewhere "Partner:" lists companies.
  // Or alone on the line under a name on a team card ("Kevin Park, CPA" / "Partner"), read as a caption only.
  ['partner(?:in|innen)?(?=\\s*:)|(?<=\\n)partner(?:in)?(?=[ \\t]*(?:\\n|$))', 'Partner'],
  ['gründer(?:in)?', 'Gründer'],
  // The founders of a practice told in a sentence: "Founded in 2015 by Emma Finch and David Lowe", "gegründet 1998 von".
  ['(?:founded|established)(?: in \\d{4})? by', 'Founder'],
  ['gegründet(?: \\d{4})? von', 'Gründer'],
  // A sole trader's legal identity: "Muddy Paws Grooming is the trading name of Hannah Clarke".
  ['(?:is )?(?:the |a )?trading name of', 'Owner'],
  ['co-?founder', 'Co-Founder'],
  ['founder', 'Founder'],
  ['ceo|chief executive officer', 'CEO'],
  ['cto|chief technology officer', 'CTO'],
  ['cfo|chief financial officer', 'CFO'],
  ['coo|chief operating officer', 'COO'],
  ['managing directors?|managing partner', 'Managing Director'],
  ['(?:company )?directors?', 'Director'],
  ['owner|proprietor', 'Owner'],
  // The people behind a small business told in a sentence: "The B&B is operated by Graham and Lucy Pearce".
  ['(?:owned and )?(?:operated|run|owned) by', 'Owner'],
  ['vertreten durch|vertretungsberechtigt(?:e[rn]?)?|represented by', 'Vertretungsberechtigter'],
  [
    'verantwortlich(?:e[rn]?)? (?:für den inhalt|i\\.? ?s\\.? ?d\\.?)[^:\\n]{0,50}|inhaltlich verantwortlich(?:e[rn]?)?[^:\\n]{0,40}',
    'Verantwortlich für den Inhalt',
  ],
  ['datenschutzbeauftragte[rn]?|data protection officer', 'Datenschutzbeauftragter'],
  ['ansprechpartner(?:in)?|contact person|kontaktperson', 'Ansprechpartner'],
  ['mitglied(?:er)? der geschäftsleitung|geschäftsleitung', 'Geschäftsleitung'],
  // French (France, Belgium, Switzerland): the legal representative and the publication's director.
  ['co-?g[ée]rant(?:e|s|es)?|g[ée]rant(?:e|s|es)?', 'Gérant'],
  ['pr[ée]sident(?:e)?(?: directeur g[ée]n[ée]ral)?', 'Président'],
  ['directeur g[ée]n[ée]ral|directrice g[ée]n[ée]rale', 'Directeur général'],
  ['directeur de (?:la )?publication|directrice de (?:la )?publication', 'Directeur de la publication'],
  ['administrat(?:eur|rice) d[ée]l[ée]gu[ée]e?', 'Administrateur délégué'],
  ['fondat(?:eur|rice)', 'Fondateur'],
  // Dutch (Netherlands, Flanders): the board of a B.V. listed as "Directie: …".
  ['directie|directeur(?:en|s)?|directrice', 'Directeur'],
  ['zaakvoerder(?:s)?', 'Zaakvoerder'],
  ['eigena(?:ar|ares|ren)', 'Eigenaar'],
  ['bestuurder(?:s)?', 'Bestuurder'],
  ['oprichter(?:s)?', 'Oprichter'],
  // The partners of a V.O.F. or maatschap ("Vennoten: Jeroen van Dijk en Mark Hendriks").
  ['vennoot|vennoten', 'Vennoot'],
  // Spanish.
  ['administrador(?:a)? [úu]nic[oa]|administrador(?:a|es)? solidari[oa]s?', 'Administrador'],
  ['titular', 'Titular'],
  ['gerente', 'Gerente'],
  ['fundador(?:a)?', 'Fundador'],
  // Italian.
  ['amministratore (?:unico|delegato)', 'Amministratore'],
  // The partners running an S.n.c. ("Soci amministratori: …") and a Swiss company's management ("Direzione: …").
  ['soci(?:o)? amministrator(?:e|i)|soci(?:o)? accomandatari(?:o|i)', 'Socio amministratore'],
  ['direzione|diret(?:tore|trice)(?: generale)?', 'Direttore'],
  ['legale rappresentante|rappresentante legale', 'Legale rappresentante'],
  ['titolare', 'Titolare'],
  ['fondat(?:ore|rice)', 'Fondatore'],
];
const ROLE = new RegExp(
  `(?<![\\p{L}-])(?:${ROLES.map(([source]) => `(${source})`).join('|')})(?![\\p{L}-])`,
  'giu',
);
const FIRST_ROLE = new RegExp(ROLE.source, 'iu');
const ROLE_AT_START = new RegExp(`^${ROLE.source}`, 'iu');
const ROLE_ONLY = new RegExp(`^(?:${ROLES.map(([source]) => source).join('|')})$`, 'iu');

// "Dr. med.", "Dipl.-Kffr.", and the British "Dr"/"Prof" written without a period before a name.
const TITLE = String.raw`(?:(?:Prof|Dr|Dipl|Ing|Mag)\.(?: ?-?(?:Ing|Kfm|Kffr|Kff|Inf|Wirt|Betriebsw|oec|rer\. ?nat|med|dent|vet|univ|jur|phil|h\. ?c)\.)*|(?:Dr|Prof)(?= \p{Lu}))`;
const TOKEN = String.raw`(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\d])`;
const PARTICLE = '(?:von|van|de|der|den|del|della|di|da|du|zu|zum|zur|vom|ter|ten|la|le)';
const NAME_SOURCE = String.raw`(?:${TITLE} ?){0,3}${TOKEN}(?: (?:\p{Lu}\. )?(?:${PARTICLE} (?:${PARTICLE} )?)?${TOKEN}){1,3}`;
const NAME_AT = new RegExp(NAME_SOURCE, 'yu');
// Post-nominal letters after a name on its own line: "Maria Delgado, CPA", "Kevin Park, CPA, CFP®", "Rachel Green
// BVetMed MRCVS" — capitals (two at least) in a short word that is not a legal form ("Müller Bau GmbH").
const POST_NOMINALS = String.raw`(?:,? (?!(?:GmbH|KGaA|OHG|GbR|LLC|LLP|PLC|UG|AG|KG|SE)(?!\p{L}))(?=\p{L}{0,7}\p{Lu}\p{L}{0,7}\p{Lu})\p{Lu}\p{L}{1,7}[®.]?)*`;
const NAME_LINE = new RegExp(
  `^(?:(?:Herr|Frau|Mr\\.?|Mrs\\.?|Ms\\.?) )?(${NAME_SOURCE})${POST_NOMINALS}$`,
  'u',
);
// "Jane Smith (CEO)", "Jennifer Walsh, CPA (Managing Partner)", "Max Mustermann – Inhaber", "Tom Barker, our
// Managing Director".
const NAME_BEFORE = new RegExp(
  `(?<![\\p{L}.-])(${NAME_SOURCE})(?:(?:, (?:\\p{Lu}{2,5}[ ,]+){1,3})?\\(| ?\\(|,? [–-] |, (?:(?:our|the|unser(?:e[rmn]?)?|die|der|den) )?)$`,
  'u',
);
// A line that is a titled name, alone or before its profession: "Dr. med. Klaus Neumann", "Dipl.-Kffr. Martina Klein,
// Steuerberaterin". The academic title makes it a person without any role label.
const TITLED_LINE = new RegExp(
  `^((?:${TITLE} ?){1,3}${TOKEN}(?: (?:${PARTICLE} )?${TOKEN}){1,2})(?:,[^\\n,]{2,60})?$`,
  'u',
);
// A heading introducing the titled person ("Meet Dr. Daniel Whitaker, D.C.", "About Dr. Jane Roe") counts as such a line.
const TITLED_INTRO = /^(?:Meet|About|Introducing) /;
const TITLED_START = /(?:^|\n)(?:(?:Meet|About|Introducing) )?(?:Prof|Dr|Dipl|Mag)[. ]/g;
// A couple sharing a surname, printed once: "Graham and Lucy Pearce", "Anna & Tom Berger" → two persons.
const SHARED_SURNAME = new RegExp(`(${TOKEN}) (?:and|und|&) (${TOKEN}) (${TOKEN})(?![\\p{L}\\d])`, 'yu');
// Between a role and its name: punctuation, articles, a master craftsman's title ("Inhaber: Steinmetz- und
// Steinbildhauermeister Tobias Brenner") and the signing right a Swiss register entry states ("Associé gérant, avec
// signature individuelle : Luc Favre", "mit Einzelunterschrift", "con firma collettiva a due").
const FILLER =
  /(?:[\s:：,–-]|\b(?:durch|die|den|der|das|the|our|unser(?:e[nr]?)?|sind|ist|is|are|Herrn?|Frau|Mr|Mrs|Ms)\b\.?|(?:\p{Lu}\p{Ll}+- und )?\p{Lu}\p{Ll}*meister(?:in)?\b|\b(?:avec|con|mit) (?:signature|firma|Einzel|Kollektiv)[^:\n]{0,40}(?=\s*:))*/iuy;
const SEPARATOR =
  /\s*(?:\([^)\n]{1,40}\))?\s*(?:,|;|\/|&|\bund\b|\band\b|\bsowie\b|\ben\b|\bet\b|\be\b|\by\b)\s*(?:(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?) )?/iuy;
const LEGAL_FORM_NEXT =
  /^,? (?:GmbH|gGmbH|mbH|AG|SE|KG|KGaA|OHG|UG|GbR|e\. ?[KV]\.|Ltd|Limited|LLC|Inc|PLC|LLP|S\.L\.[PU]?\.?|S\.A\.U?\.?|SL[PU]?|SARL|SAS|S\.à r\.l\.|Sàrl|S\.r\.l\.|S\.p\.A\.|S\.n\.c\.|S\.a\.s\.|B\.V\.|BV|N\.V\.|V\.O\.F\.|Lda\.?)(?![\p{L}])/u;
const LINE_SEPARATOR = /\s*\n\s*/y;
const QUALIFICATIONS = /,[^\n:@]{2,80}\n\s*/y;

/** Whether a name begins at `pos` (so a separator leads to the next person, not to a qualification). */
function startsName(window: string, pos: number): boolean {
  NAME_AT.lastIndex = pos;
  return NAME_AT.test(window);
}

// Capitalised words that follow a role label but are not names.
const NOT_NAME = new Set(
  (
    'gmbh ag kg ug ltd limited inc llc plc company firma unternehmen gesellschaft telefon tel fax mail email kontakt contact ' +
    'impressum imprint adresse anschrift sitz amtsgericht registergericht handelsregister register straße strasse str ' +
    'geschäftsführer geschäftsführerin geschäftsführung inhaber vorstand director managing founder team datenschutz ' +
    'deutschland germany verantwortlich inhalt haftung hinweis website homepage copyright alle rechte service support sales ' +
    'vertrieb marketing office büro zentrale redaktion presse umsatzsteuer steuernummer berlin münchen hamburg köln london'
  ).split(' '),
);

function roleOf(match: RegExpMatchArray): string {
  const index = match.findIndex((group, i) => i > 0 && group !== undefined);
  return ROLES[index - 1]?.[1] ?? 'Ansprechpartner';
}

function cleanName(raw: string): string | null {
  const tokens = raw.trim().split(/\s+/);
  const kept: string[] = [];
  for (const token of tokens) {
    if (NOT_NAME.has(token.toLowerCase())) break;
    kept.push(token);
  }
  // "O’Sullivan", "McKenzie": a surname's prefix comes before its capital.
  const nameTokens = kept.filter((t) => /^(?:O['’])?\p{Lu}\p{Ll}/u.test(t) && !/\.$/.test(t));
  if (nameTokens.length < 2) return null;
  // A trailing particle ("Max von") is a truncated name.
  while (kept.length && /^\p{Ll}/u.test(kept[kept.length - 1] ?? '')) kept.pop();
  return kept.join(' ');
}

// What joins a caption's role to the rest of the line: another job ("Founder & Director", "Owner and Lead Engineer",
// "Inhaberin / Geschäftsführerin"), or a remit after a dash or comma ("Director – Design & Showroom").
const CAPTION_AND = /^(?:\s*[&+/]\s*|\s+(?:and|und)\s+)/iu;
const CAPTION_REMIT = /^(?:\s*,\s*|\s+[–—-]\s+)/u;

/**
 * A team card's caption line under a name: a role alone, joined with another job ("Founder & Director", "Owner and
 * Lead Engineer"), or a role and its remit after a dash ("Director – Design & Showroom"). Capitalised, short, without
 * a colon, digits or an address; after a dash or comma only another role or no name — "Inhaber – Max Mustermann" is a
 * label before a name, not a caption.
 */
function isRoleCaption(line: string): boolean {
  const trimmed = line.trim().replace(/[\s.]+$/, '');
  if (trimmed.length > 60 || !/^\p{Lu}/u.test(trimmed) || /[:@\d]/.test(trimmed)) return false;
  const role = ROLE_AT_START.exec(trimmed);
  if (!role) return false;
  const rest = trimmed.slice(role[0].length);
  if (!rest) return true;
  const and = CAPTION_AND.exec(rest);
  if (and) return rest.length > and[0].length;
  const remit = CAPTION_REMIT.exec(rest);
  if (!remit) return false;
  const after = rest.slice(remit[0].length);
  return after.length > 0 && (FIRST_ROLE.test(after) || !startsName(after, 0));
}

// Roles that tell who started the business, not the office held now.
const FOUNDING = new Set([
  'Gründer',
  'Founder',
  'Co-Founder',
  'Fondateur',
  'Oprichter',
  'Fundador',
  'Fondatore',
]);

/** Whether a caption line names a role besides founding the business ("Gründer und Geschäftsführer"). */
function holdsOffice(line: string): boolean {
  for (const match of line.matchAll(new RegExp(ROLE.source, 'giu')))
    if (!FOUNDING.has(roleOf(match))) return true;
  return false;
}

/** The first role named in `text`. A non-global copy of ROLE: exec on the global one would leave its lastIndex set,
 * and `matchAll` starts its copy from there — the next page's roles before that offset would go unread. */
function roleFrom(text: string): string | null {
  const match = FIRST_ROLE.exec(text);
  return match ? roleOf(match) : null;
}

/** A job title in the roles' readable form where it names one ("Geschäftsführerin" → Geschäftsführer), else as given. */
export function canonicalRole(title: string): string {
  const trimmed = title.replace(/\s+/g, ' ').trim().slice(0, 60);
  return roleFrom(trimmed) ?? trimmed;
}

export function extractPersons(page: ParsedPage, pageType: PageType): Entity[] {
  const text = page.text;
  const found: Entity[] = [];
  const add = (name: string | null, role: string | null) => {
    if (!name) return;
    const entity: Entity = {
      type: 'PERSON',
      value: name,
      confidence: score(pageType, { label: role !== null }),
      source_url: page.url,
    };
    if (role) entity.role = role;
    found.push(entity);
  };

  // Titled names on their own line, on the pages that present the people behind a site.
  if (pageType === 'impressum' || pageType === 'contact' || pageType === 'about') {
    for (const start of text.matchAll(TITLED_START)) {
      const lineStart = start.index + (start[0].startsWith('\n') ? 1 : 0);
      const lineEnd = text.indexOf('\n', lineStart);
      const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(TITLED_INTRO, '');
      const titled = line.length <= 120 ? TITLED_LINE.exec(line) : null;
      if (titled && !LEGAL_FORM_NEXT.test(line.slice((titled[1] ?? '').length)))
        add(cleanName(titled[1] ?? ''), null);
    }
  }

  for (const match of text.matchAll(ROLE)) {
    const role = roleOf(match);
    const captionOnly = role === 'Partner' && pageType !== 'impressum';
    if (
      captionOnly &&
      /:/.test(
        match[0] +
          text
            .slice(match.index + match[0].length)
            .trimStart()
            .slice(0, 1),
      )
    )
      continue;
    const start = match.index;
    const end = start + match[0].length;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEndIdx = text.indexOf('\n', end);
    const lineEnd = lineEndIdx === -1 ? text.length : lineEndIdx;
    const before = text.slice(Math.max(lineStart, start - 80), start);
    const after = text.slice(end, lineEnd);

    // Caption after a name: "Jane Smith (CEO)", "Max Mustermann, Geschäftsführer", or a name line above a role line.
    const inline = NAME_BEFORE.exec(before);
    if (inline && !/^\s*:/.test(after)) {
      add(cleanName(inline[1] ?? ''), role);
      continue;
    }
    const endsLine = /^[\s.]*$/.test(after);
    // The role alone on its line, or the line a caption of roles (each of its roles is about the name above).
    const roleAlone = (!before.trim() && endsLine) || isRoleCaption(text.slice(lineStart, lineEnd));
    // "Facharzt für Allgemeinmedizin, Praxisinhaber": the last item of a caption line, about the name above it; never
    // a label for the lines that follow.
    const captionEnd = endsLine && !roleAlone && /^[^:\n]{2,80}, ?$/.test(before) && before.length < 80;
    if ((roleAlone || captionEnd) && lineStart > 0) {
      const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
      const prev = NAME_LINE.exec(text.slice(prevStart, lineStart - 1).trim());
      if (prev) {
        // A founder who also holds an office is read with the office: "Founder & Director" → Director.
        if (!(FOUNDING.has(role) && holdsOffice(text.slice(lineStart, lineEnd))))
          add(cleanName(prev[1] ?? ''), role);
        continue;
      }
    }
    if (captionEnd || captionOnly) continue;

    // Label before names: "Geschäftsführer: Dr. Max Mustermann, Erika Musterfrau" or the names on the next lines.
    const multiLine = !/\p{L}/u.test(after);
    const window = text.slice(end, Math.min(text.length, multiLine ? end + 240 : lineEnd));
    FILLER.lastIndex = 0;
    FILLER.exec(window);
    let pos = FILLER.lastIndex;
    let listRole = role;
    const inner =
      /^((?:geschäftsführer|geschäftsführerin|geschäftsführende[rn]? gesellschafter(?:in)?|inhaber(?:in)?|vorstand|managing director|director|ceo))\b\s*:?\s*/iu.exec(
        window.slice(pos),
      );
    if (inner) {
      listRole = roleFrom(inner[1] ?? '') ?? role;
      pos += inner[0].length;
    }
    SHARED_SURNAME.lastIndex = pos;
    const couple = SHARED_SURNAME.exec(window);
    if (
      couple &&
      !LEGAL_FORM_NEXT.test(window.slice(SHARED_SURNAME.lastIndex, SHARED_SURNAME.lastIndex + 12))
    ) {
      add(cleanName(`${couple[1]} ${couple[3]}`), listRole);
      add(cleanName(`${couple[2]} ${couple[3]}`), listRole);
      continue;
    }
    for (let count = 0; count < 6; count++) {
      NAME_AT.lastIndex = pos;
      const name = NAME_AT.exec(window);
      if (!name) break;
      pos = NAME_AT.lastIndex;
      // "vertreten durch die Müller Verwaltungs GmbH": a company, not a person.
      if (LEGAL_FORM_NEXT.test(window.slice(pos, pos + 12))) break;
      // Its own role in brackets, after post-nominals too: "Jennifer Walsh, CPA (Managing Partner)".
      const caption = /^(?:,(?: \p{Lu}{2,5}),?){0,3}\s*\(([^)\n]{1,40})\)/u.exec(window.slice(pos));
      const ownRole = caption && ROLE_ONLY.test(caption[1]?.trim() ?? '') ? roleFrom(caption[1] ?? '') : null;
      add(cleanName(name[0]), ownRole ?? listRole);
      SEPARATOR.lastIndex = pos;
      LINE_SEPARATOR.lastIndex = pos;
      QUALIFICATIONS.lastIndex = pos;
      if (SEPARATOR.exec(window) && startsName(window, SEPARATOR.lastIndex)) pos = SEPARATOR.lastIndex;
      else if (multiLine && LINE_SEPARATOR.exec(window)) pos = LINE_SEPARATOR.lastIndex;
      // One person a line under a label, each with their qualifications: "Partner:\nAndreas Seidel, Dipl.-Kaufmann,
      // Steuerberater\nSabine Kuhn, Steuerberaterin" — the rest of the line is skipped, the next line read.
      else if (multiLine && QUALIFICATIONS.exec(window)) pos = QUALIFICATIONS.lastIndex;
      else break;
    }
  }
  return found;
}
