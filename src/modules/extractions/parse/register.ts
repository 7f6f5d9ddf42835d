// REGISTER extraction: German/Austrian commercial register numbers with their court, UK and Irish company numbers,
// and the registers of France (RCS), Belgium (BCE/KBO), the Netherlands (KvK), Italy (REA), Spain (Registro
// Mercantil), Switzerland (UID in the Handelsregister), Australia (ABN, ACN) and New Zealand (NZBN).
//
// Value format: "<kind> <number>[ <suffix>], <court>" e.g. "HRB 12345 B, Amtsgericht Berlin-Charlottenburg",
// "FN 123456a, Handelsgericht Wien"; UK: "Company No. 01234567, England and Wales" (also "registered in England and
// Wales, number OC412345"). The court/jurisdiction is left off
// when the page does not name it near the number.
import { score } from './confidence';
import { thirdPartyBefore } from './text';
import type { Entity, PageType, ParsedPage } from './types';

const DE_NUMBER =
  /(?<![\p{L}\d])(HRB|HRA|GnR|PR|VR|GsR)[ .:]*(?:Nr\.? ?)?(\d{1,6})(?: ([A-Z]{1,2}))?(?![\p{L}\d])/gu;
// Austria: the Firmenbuch number, a check letter after the digits, as "FN 123456a" or labelled in words
// ("Firmenbuchnummer: 527394 f", "Firmenbuch-Nr. 123456a", "FN-Nr.: 123456 a").
const AT_NUMBER =
  /(?<![\p{L}\d])(?:FN|Firmenbuch(?:nummer|[- ]?Nr\.?)|FN-Nr\.?)[ :]*(\d{1,6} ?[a-z])(?![\p{L}\d])/gu;
// Austrian regional courts keep their division: "Landesgericht für ZRS Graz" (Zivilrechtssachen), "Landesgericht für
// Zivilrechtssachen Wien".
const COURT =
  /(Amtsgericht|Handelsgericht|Landesgericht|Registergericht|AG)[ :]+(?:(?:Amtsgericht|AG) )?((?:für (?:ZRS|Zivilrechtssachen) )?\p{Lu}[\p{L}.()/-]*(?: (?:am|an|der|im|in|i\. ?Br\.|\p{Lu}[\p{L}.()/-]*))*)/gu;
const UK_NUMBER =
  /(?:company (?:registration )?(?:no|number|nr)|registered (?:company )?(?:no|number)|company reg(?:istration)?\.? no|reg\.? no|registration number|registered in [a-z& ]+?,? ?(?:under |with )?(?:company )?(?:no|number))\.?[ :(]*\n?[ (]*((?:SC|NI|OC|SO|NC|R0)?\d{6,8})\b/giu;
const UK_JURISDICTION =
  /registered in (england and wales|england & wales|england|wales|scotland|northern ireland|ireland)/iu;
// Australia: the Australian Business Number, eleven digits printed 2-3-3-3 ("ABN 51 824 753 556", "ABN: 51824753556"),
// kept only when its check digits hold (weights 10, 1, 3, …, 19 on the digits with the first less one, sum ≡ 0 mod 89).
const AU_ABN = /(?<![\p{L}\d])ABN[ :.]*(\d{2}) ?(\d{3}) ?(\d{3}) ?(\d{3})(?![\d])/gu;
const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
// …and a company's Australian Company Number, nine digits printed 3-3-3, which terms and invoices print beside the ABN
// ("Pty Ltd (ACN 123 456 780, ABN …)", "A.C.N. 123456780"): kept only when its check digit holds (weights 8 … 1 on the
// first eight digits, the last is the sum's complement to a multiple of 10).
const AU_ACN =
  /(?<![\p{L}\d])(?:ACN|A\.C\.N\.|Australian Company Number)[ :.]*(\d{3}) ?(\d{3}) ?(\d{3})(?!\d)/gu;

// New Zealand: the NZBN, a GS1 number of thirteen digits starting "94" ("NZBN 9429041234567", "NZBN: 94 2904 …"),
// kept only when its GS1 check digit holds (weights 1, 3, 1, … on the first twelve digits).
const NZ_NZBN = /(?<![\p{L}\d])NZBN[ :.#]*(94(?: ?\d){11})(?!\d)/gu;

function validGs1(digits: string): boolean {
  const sum = [...digits.slice(0, 12)].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return digits.length === 13 && (10 - (sum % 10)) % 10 === Number(digits[12]);
}

function validAcn(digits: string): boolean {
  const sum = [...digits.slice(0, 8)].reduce((acc, d, i) => acc + Number(d) * (8 - i), 0);
  return digits.length === 9 && (10 - (sum % 10)) % 10 === Number(digits[8]);
}

function validAbn(digits: string): boolean {
  const sum = [...digits].reduce(
    (acc, d, i) => acc + (Number(d) - (i === 0 ? 1 : 0)) * (ABN_WEIGHTS[i] ?? 0),
    0,
  );
  return digits.length === 11 && sum % 89 === 0;
}
const PARTNER = /komplementär|persönlich haftende|general partner/iu;
const COURT_STOP =
  /^(?:HRB|HRA|Registernummer|Handelsregister|Register|Nr|Sitz|USt|Umsatzsteuer|Geschäftsführer|Tel|Telefon)$/u;

function courtNear(text: string, index: number): string | null {
  // The court is named within a line or two of the number, before or after it.
  const window = text.slice(Math.max(0, index - 160), Math.min(text.length, index + 160));
  let best: { court: string; distance: number } | null = null;
  for (const m of window.matchAll(COURT)) {
    const words = (m[2] ?? '').split(' ');
    const stop = words.findIndex((w) => COURT_STOP.test(w));
    const place = (stop === -1 ? words : words.slice(0, stop)).join(' ').replace(/[.,;:]+$/, '');
    if (!place) continue;
    const kind = m[1] === 'Handelsgericht' || m[1] === 'Landesgericht' ? m[1] : 'Amtsgericht';
    const distance = Math.abs(m.index - Math.min(160, index));
    if (!best || distance < best.distance) best = { court: `${kind} ${place}`, distance };
  }
  return best?.court ?? null;
}

// France: "RCS Lyon 847 529 138", "RCS Lyon B 847 529 138", "847 529 138 RCS Lyon", "immatriculée au RCS de Lyon
// sous le numéro 847 529 138" → "RCS 847 529 138, Lyon".
const SIREN = String.raw`(\d{3} ?\d{3} ?\d{3})(?! ?\d)`;
const FR_CITY = String.raw`(\p{Lu}[\p{L}'’-]*(?: (?:sur|en|lès|les|de|du|la|le|Métropole|\p{Lu}[\p{L}'’-]*))*?)`;
const FR_RCS = new RegExp(
  String.raw`RCS (?:de |d['’])?${FR_CITY}(?: [AB])?(?: sous le (?:numéro|n°))?[ :]+${SIREN}|${SIREN} RCS (?:de |d['’])?${FR_CITY}(?![\p{L}])`,
  'gu',
);
// Belgium: the enterprise number with its register ("BCE : 0743.618.529 – RPM Liège", "KBO-nr. 0682.941.762 — RPR Gent").
const BE_NUMBER =
  /(BCE|KBO|Ondernemingsnummer|Num[ée]ro d['’]entreprise|N° d['’]entreprise)(?:-nr\.?| nr\.?)?[ :]*(0\d{3}\.\d{3}\.\d{3})/giu;
const BE_COURT = /(RPM|RPR) (\p{Lu}[\p{L}-]*)/u;
// The Netherlands: "KvK 74125863", "KvK-nummer: 74125863", "Kamer van Koophandel: 74125863".
// …or "ingeschreven bij de Kamer van Koophandel onder nummer 71953824".
const NL_NUMBER =
  /(?:KvK|Kamer van Koophandel)(?:-nummer|-nr\.?| nr\.?| nummer| onder (?:het )?nummer)?[ :]*(\d{8})(?!\d)/giu;
// Luxembourg: the trade register's number, a letter for the kind of company and digits ("RCS Luxembourg B 218463",
// "R.C.S. Luxembourg B123456").
const LU_RCS = /R\.?C\.?S\.? Luxembourg,? ([A-K]) ?(\d{1,6})(?!\d)/gu;
// Italy: the REA number with its province ("REA CN-287431", "R.E.A. MI 2104387", "REA: MI-2104387").
const IT_REA = /R\.?E\.?A\.?[ :]*(?:n\.? ?)?([A-Z]{2})[ -]?(\d{4,7})(?!\d)/gu;
// Spain: the sheet of the Registro Mercantil ("Hoja V-178432" near "Registro Mercantil de Valencia").
const ES_SHEET = /Hoja(?: n\.?º)?[ :]*([A-Z]{1,2}-\d{1,7})(?!\d)/gu;
const ES_REGISTRY = /Registro Mercantil de (\p{Lu}[\p{L}]*(?: \p{Lu}[\p{L}]*)?)/u;
// Switzerland: the UID in the commercial register's entry ("Handelsregisteramt des Kantons Zürich … CHE-109.346.273").
const CH_UID = /CHE-\d{3}\.\d{3}\.\d{3}(?! ?(?:MWST|TVA|IVA))/gu;
// In German, French and Italian: "Handelsregister des Kantons Zürich", "Registre du commerce du canton de Vaud",
// "Registro di commercio del Cantone Ticino" — also as a label and its value ("Handelsregister: Kanton St. Gallen",
// "Registre du commerce : canton de Genève"); a canton of two words ("St. Gallen", "Appenzell Ausserrhoden") whole.
const CH_CANTON = String.raw`(?:St\. ?)?\p{Lu}[\p{L}-]*(?: Ausserrhoden| Innerrhoden)?`;
const CH_REGISTRY = new RegExp(
  `(?:Handelsregister(?:amt)?(?: ?:)?(?: des)? Kantons? |Registre du commerce(?: ?:)? (?:du canton |canton )?(?:de |du |d['’])?|Registro di commercio(?: ?:)? (?:del Cantone |Cantone )?(?:di |del )?)(${CH_CANTON})`,
  'u',
);

const near = (text: string, index: number, pattern: RegExp, chars = 200) =>
  pattern.exec(text.slice(Math.max(0, index - chars), Math.min(text.length, index + chars)));

export function extractRegisters(page: ParsedPage, pageType: PageType): Entity[] {
  const text = page.text;
  const found: Entity[] = [];
  const add = (value: string) =>
    found.push({
      type: 'REGISTER',
      value,
      confidence: score(pageType, { label: true }),
      source_url: page.url,
    });

  for (const m of text.matchAll(DE_NUMBER)) {
    // The general partner's own register entry ("Persönlich haftende Gesellschafterin: X GmbH, HRB …") is not the lead's.
    const line = text.slice(text.lastIndexOf('\n', m.index - 1) + 1, m.index);
    if (PARTNER.test(line)) continue;
    const number = [m[1], m[2], m[3]].filter(Boolean).join(' ');
    const court = courtNear(text, m.index);
    add(court ? `${number}, ${court}` : number);
  }
  for (const m of text.matchAll(AT_NUMBER)) {
    const court = courtNear(text, m.index);
    const number = `FN ${(m[1] ?? '').replace(' ', '')}`;
    add(court ? `${number}, ${court}` : number);
  }
  for (const m of text.matchAll(FR_RCS)) {
    if (thirdPartyBefore(text, m.index)) continue; // the host's RCS in "Hébergement : OVH SAS …"
    const siren = (m[2] ?? m[3] ?? '').replace(/ /g, '');
    const city = (m[1] ?? m[4] ?? '').trim();
    add(`RCS ${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}, ${city}`);
  }
  for (const m of text.matchAll(BE_NUMBER)) {
    const kind = /^(?:KBO|Ondernemingsnummer)/i.test(m[1] ?? '') ? 'KBO' : 'BCE';
    const court = near(text, m.index, BE_COURT, 120);
    add(court ? `${kind} ${m[2]}, ${court[1]} ${court[2]}` : `${kind} ${m[2]}`);
  }
  for (const m of text.matchAll(NL_NUMBER)) add(`KvK ${m[1]}`);
  for (const m of text.matchAll(LU_RCS)) add(`RCS ${m[1]} ${m[2]}, Luxembourg`);
  for (const m of text.matchAll(AU_ABN)) {
    if (validAbn(`${m[1]}${m[2]}${m[3]}${m[4]}`)) add(`ABN ${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
  }
  for (const m of text.matchAll(AU_ACN)) {
    if (validAcn(`${m[1]}${m[2]}${m[3]}`)) add(`ACN ${m[1]} ${m[2]} ${m[3]}`);
  }
  for (const m of text.matchAll(NZ_NZBN)) {
    const digits = (m[1] ?? '').replace(/ /g, '');
    if (validGs1(digits)) add(`NZBN ${digits}`);
  }
  for (const m of text.matchAll(IT_REA)) add(`REA ${m[1]}-${m[2]}`);
  for (const m of text.matchAll(ES_SHEET)) {
    const registry = near(text, m.index, ES_REGISTRY, 300);
    add(registry ? `Hoja ${m[1]}, Registro Mercantil de ${registry[1]}` : `Hoja ${m[1]}`);
  }
  for (const m of text.matchAll(CH_UID)) {
    const registry = near(text, m.index, CH_REGISTRY);
    if (registry) add(`${m[0]}, ${registry[0].replace(/ ?: ?/, ' ')}`);
  }
  for (const m of text.matchAll(UK_NUMBER)) {
    const number = (m[1] ?? '').toUpperCase();
    const window = text.slice(Math.max(0, m.index - 200), Math.min(text.length, m.index + 200));
    const jurisdiction = UK_JURISDICTION.exec(window)?.[1]?.toLowerCase().replace('&', 'and');
    const place = jurisdiction?.replace(/\b\w/g, (c) => c.toUpperCase()).replace(' And ', ' and ');
    add(place ? `Company No. ${number}, ${place}` : `Company No. ${number}`);
  }
  return found;
}
