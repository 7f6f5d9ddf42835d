// ADDRESS extraction: anchored on a postcode (German/Austrian/Swiss, UK, US, Canadian, Australian, New Zealand) with the street on the same or previous line.
import { score } from './confidence';
import type { Entity, PageType, ParsedPage } from './types';

// No leading lookbehind in these two: V8 cannot skip ahead to a likely start with one and tries every position (10× slower
// on a 1 MB page); the character before a match is checked in code instead (`startsCleanly`).
// Luxembourg's postcodes keep their "L-" (its post asks for it): "L-8070 Bertrange".
const DE_POSTCODE =
  /(?:(?:D|DE|A|AT|CH)-|(L-))?(\d{5}|\d{4}) (\p{Lu}[\p{L}.()/-]*(?: (?:am|an|der|im|in|bei|ob|vor|\p{Lu}[\p{L}.()/-]*)){0,3})/gu;
const UK_POSTCODE = /(?<![A-Za-z\d])([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})(?![A-Za-z\d])/g;
// Ireland's Eircode ("Cork T12 X5R8", "Galway H91 X2F7"): a routing key (letter, two digits; Dublin 6W) and a unique
// identifier of four from a reduced alphabet. Read as UK addresses are: "<street>, <town> <Eircode>".
const EIRCODE = /(?<![A-Za-z\d])((?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4})(?![A-Za-z\d])/g;
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';
// State + ZIP first (rare), then the city read backwards: scanning every capitalised word of German text is slow.
const US_STATE_ZIP = new RegExp(`\\b(${US_STATES}) (\\d{5}(?:-\\d{4})?)(?!\\d)`, 'g');
// Australia: state and four-digit postcode after the town, written like the US without the comma: "1180 Moss Vale
// Road, Kangaroo Valley NSW 2577" (the street on the same or the previous line).
const AU_STATE_POSTCODE = /\b(NSW|VIC|QLD|SA|WA|TAS|NT|ACT) (\d{4})(?!\d)/g;
// Canada: province and postal code (letter-digit-letter digit-letter-digit) after the city, written like the US:
// "2453 Agricola St, Halifax, NS B3K 4C1", "88 Queen St W, Toronto ON M5H 2N2".
const CA_PROVINCE_POSTCODE =
  /\b(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT) ([A-CEGHJ-NPR-TVXY]\d[A-CEGHJ-NPR-TV-Z] ?\d[A-CEGHJ-NPR-TV-Z]\d)(?![A-Za-z\d])/g;
// New Zealand: no state, the four-digit postcode after the town — "22 Kauri Road, Whangārei 0110", the street on the
// same or the previous line, a suburb between them kept ("5 Rimu Place, Riccarton, Christchurch 8041"). Only after a
// street of the number-first English form ending in a street word, so a town followed by a year is no address.
const NZ_STREET_WORDS =
  'Street|St|Road|Rd|Avenue|Ave|Drive|Dr|Place|Pl|Crescent|Cres|Terrace|Tce|Lane|Way|Highway|Hwy|Parade|Grove|Close|Quay|Esplanade|Boulevard|Square|Court|Rise|Mews|Track';
const NZ_PLACE = String.raw`\p{Lu}\p{Ll}[\p{L}'’-]*(?: \p{Lu}\p{Ll}[\p{L}'’-]*){0,2}`;
const NZ_ADDRESS = new RegExp(
  String.raw`(\d{1,5}[A-Za-z]?(?:\/\d{1,5}[A-Za-z]?)? (?:\p{Lu}[\p{L}'’-]*\.? ){1,3}(?:${NZ_STREET_WORDS}))\.?(?:, ?| ?\n ?)(?:(${NZ_PLACE}), ?)?(${NZ_PLACE}),? (\d{4})(?![\d\p{L}])`,
  'gu',
);
/** What must precede a state + ZIP: the city (a letter or a period), a space, optionally a comma. */
const US_BEFORE_STATE = /[\p{L}.],? $/u;

/** True when the character before `index` cannot be part of the match (a letter, digit or hyphen would be). */
const startsCleanly = (text: string, index: number) =>
  index === 0 || !/[\p{L}\d-]/u.test(text[index - 1] ?? '');
const US_CITY = /(?<![\p{L}])(\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,3}),? $/u;

const DE_STREET =
  /(\p{Lu}[\p{L}.'-]*(?: [\p{L}.'-]+){0,4}) (\d{1,4} ?[a-zA-Z]?(?: ?[-–/] ?\d{1,4} ?[a-zA-Z]?)?)$/u;
const STREET_SUFFIX =
  /(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|hof|berg|feld|stieg|wall|graben|kai|promenade|zeile|tor|brücke|garten|höhe|park|weide|wiese|aue|gürtel|steinweg)$/iu;
// Spanish, Catalan, Galician and Italian streets name their type first.
const STREET_TYPE_FIRST =
  /^(?:Calle|Avenida|Avda\.|Paseo|Plaza|Pza\.|Carrer|Avinguda|Camino|Carretera|Ronda|Traves[íi]a|R[úu]a|Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Strada|Contrada|Borgo)$/u;
const STANDALONE_SUFFIX = new RegExp(`^(?:${STREET_SUFFIX.source.slice(3, -2)})$`, 'iu');
const STREET_PREFIX_WORD =
  /^(?:am|an|im|auf|zum|zur|in|unter|alte[rs]?|neue[rs]?|große[rs]?|kleine[rs]?|hohe[rs]?|lange[rs]?|obere[rs]?|untere[rs]?|äußere[rs]?|innere[rs]?|der|den|dem|des|st\.|sankt)$/iu;
// A place adjective before a compound street word: "Bremer Heerstraße", "Schwachhauser Heerstraße" (the street through
// Schwachhausen towards Bremen). Only at the start of the street (or after a prefix word such as "Äußere"), so a name
// ending in -er before the street ("Bäckerei Becker Hauptstraße 5") is not taken for one.
const PLACE_ADJECTIVE = /^\p{Lu}\p{Ll}{2,}er$/u;
const NOT_STREET =
  /^(?:postfach|po box|tel|telefon|fax|hrb|hra|ust|fon|phone|mobil|registernummer|steuernummer|amtsgericht)\b/iu;
const CITY_STOP =
  /^(?:tel\.?|telefon|fon|fax|telefax|e-mail|email|phone|deutschland|germany|österreich|austria|schweiz|switzerland|mail|web|www|ust|hrb)$/iu;
const UK_STREET =
  /^(?:(?:Flat|Unit|Suite) [\w-]+,? )?\d+[A-Za-z]?(?:-\d+)? \p{Lu}|\b(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Square|Sq|Place|Pl|Row|Way|Court|Ct|Gardens|Hill|Drive|Dr|Close|Terrace|Walk|Crescent|Mews|Yard|Wharf|Quay|Grove|Green|Gate|Parade|Broadway|Circus|Embankment|Boulevard|Blvd)\.?$/u;
const THIRD_PARTY =
  /(?:kammer|aufsichtsbehörde|zuständige|behörde|versicher\p{L}*|berufshaftpflicht|schlichtungsstelle|hosting|gehostet|supervisory authority|insurer)/iu;
const LABEL =
  /(?:anschrift|adresse|address|sitz|standort|postanschrift|office|headquarters|hauptsitz|besuchsadresse|verantwortlich\w*|controller|anbieter|betreiber|§ ?5|si[èe]ge(?: social)?|domicilio(?: social)?|sede(?: legale| social)?|gevestigd|vestigingsadres|morada)/iu;

const UK_SUBPREMISE =
  /^(?:[\p{L} ]{2,30}:\s*)?(?:Unit|Flat|Suite|Apartment|Studio|Floor|Building) [\w-]{1,6}$/iu;
// Whatever precedes the street in its segment, up to the last label or sentence end: "Registered office: 12 Quay Street",
// "… Ltd. Registered in England No. 08765432. Registered office: 22 High Street", "Office (by appointment): 1417 …".
const SEGMENT_LABEL =
  /^[^\n]*(?:[\p{L} ]{2,30}\)?:|\.)\s+(?=\d|(?:Unit|Flat|Suite|Apartment|Studio|Floor|Building) )/u;
// A North American or Australian street: the house number, then the street's name — a word, or the number of a
// numbered street or avenue as the prairie cities and US grids write them ("1417 9 Ave SE", "350 5th Avenue",
// "10130 103 St NW").
const NUMBERED_NAME = String.raw`(?:\d{1,3}(?:st|nd|rd|th)? )?\p{Lu}`;
const US_STREET = new RegExp(String.raw`^\d+[A-Za-z]? ${NUMBERED_NAME}`, 'u');

/** Up to `count` comma- or line-separated segments before `index`, nearest last. */
function segmentsBefore(text: string, index: number, count: number): string[] {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  let from = lineStart;
  for (let i = 0; i < 3 && from > 0; i++) from = text.lastIndexOf('\n', from - 2) + 1;
  return text
    .slice(from, index)
    .split(/[\n,|·•]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(-count);
}

/**
 * France and Belgium (French) put the number first: "27 rue des Artisans", "12 bis avenue Jean Jaurès",
 * "3, place du Marché". Only with a street word of theirs, so "12 Monate" never reads as a street.
 */
const NUMBER_FIRST_STREET =
  /(?:^|[:–-]\s*)(\d{1,4}(?: ?(?:bis|ter|[a-zA-Z]))?,? (?:rue|avenue|av\.|boulevard|bd|chemin|place|impasse|allée|quai|route|cours|passage|voie|square|faubourg|promenade|esplanade|chaussée|parvis|sentier|hameau|lieu-dit)\b[\p{L}\d '’.-]{2,60})$/iu;

const FRENCH_STREET_WORD =
  /^(?:rue|avenue|av\.|boulevard|bd|chemin|place|impasse|allée|quai|route|cours|passage|voie|square|faubourg|promenade|esplanade|chaussée)\b/iu;

function numberFirstStreet(candidate: string): string | null {
  const match = NUMBER_FIRST_STREET.exec(
    candidate
      .slice(-80)
      .replace(/[\s,;:–-]+$/, '')
      .trim(),
  );
  return match?.[1]?.trim() ?? null;
}

function germanStreet(candidate: string): string | null {
  // A street is short; looking at the end of a long prose line only keeps the regex cheap.
  const cleaned = candidate
    .slice(-70)
    .replace(/[\s,;:–-]+$/, '')
    .trim();
  const match = DE_STREET.exec(cleaned);
  if (!match) return null;
  const words = (match[1] ?? '').split(' ');
  // Keep only the street's own words: from the word ending in a street suffix, from a Spanish or Italian street type
  // ("Calle Héroe de Sostoa 112", "Via del Lavoro 38/2"), or up to three words before the number.
  let start = Math.max(0, words.length - 3);
  const suffixAt = words.findIndex((w) => STREET_SUFFIX.test(w));
  const typeAt = words.findIndex((w) => STREET_TYPE_FIRST.test(w));
  if (suffixAt === -1 && typeAt >= 0) start = typeAt;
  if (suffixAt >= 0) {
    start = suffixAt;
    // A suffix standing alone names its street with the word before: "Frankfurter Straße", "Berliner Allee".
    const before = words[start - 1] ?? '';
    if (
      STANDALONE_SUFFIX.test(words[start] ?? '') &&
      /^\p{Lu}\p{L}/u.test(before) &&
      !NOT_STREET.test(before)
    )
      start--;
    else if (
      PLACE_ADJECTIVE.test(before) &&
      (start - 1 === 0 || STREET_PREFIX_WORD.test(words[start - 2] ?? ''))
    )
      start--;
    while (start > 0 && STREET_PREFIX_WORD.test(words[start - 1] ?? '')) start--;
  }
  const street = words.slice(start);
  while (street.length > 1 && !/^\p{Lu}/u.test(street[0] ?? '')) street.shift();
  const name = street.join(' ');
  if (!/^\p{Lu}/u.test(name) || NOT_STREET.test(name) || !/\p{L}{3}/u.test(name)) return null;
  return `${name} ${(match[2] ?? '').replace(/\s+/g, '')}`;
}

function trimCity(city: string): string {
  const words = city.split(' ');
  const stop = words.findIndex((w) => CITY_STOP.test(w));
  return (stop === -1 ? words : words.slice(0, stop)).join(' ').replace(/[.,;:]+$/, '');
}

export function extractAddresses(page: ParsedPage, pageType: PageType): Entity[] {
  const text = page.text;
  const values: { value: string; index: number }[] = [];

  for (const m of text.matchAll(DE_POSTCODE)) {
    if (!startsCleanly(text, m.index)) continue;
    const postcode = `${m[1] ?? ''}${m[2] ?? ''}`;
    const city = trimCity(m[3] ?? '');
    if (!city) continue;
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const sameLine = text.slice(lineStart, m.index);
    const parts = sameLine
      .split(/[,|·•]/)
      .map((part) => part.trim())
      .filter(Boolean);
    let candidate = parts.pop() ?? '';
    // Spain prints the number after a comma ("C/ Héroe de Sostoa, 112 – 29002 Málaga"), "C/" for "Calle".
    if (/^\d{1,4} ?[a-zA-Z]?(?: ?[–-])?$/.test(candidate) && parts.length)
      candidate = `${parts.pop()} ${candidate}`.replace(/(^|\s)C\/\s*/u, '$1Calle ');
    // …and France, Belgium and Luxembourg the number before a comma ("10, rue du Puits Romain").
    const numberBefore = /(?:^|\s)(\d{1,4}(?: ?(?:bis|ter|[a-z]))?)$/.exec(parts.at(-1) ?? '');
    if (numberBefore && FRENCH_STREET_WORD.test(candidate)) candidate = `${numberBefore[1]}, ${candidate}`;
    if (!candidate && !sameLine.trim() && lineStart > 0) {
      candidate = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1);
    }
    const street = candidate ? (germanStreet(candidate) ?? numberFirstStreet(candidate)) : null;
    // An Italian town keeps its province: "12050 Treiso (CN)".
    const province = /^ ?\([A-Z]{2}\)/.exec(
      text.slice(m.index + m[0].length, m.index + m[0].length + 6),
    )?.[0];
    const place = province && city === (m[3] ?? '').trim() ? `${city} ${province.trim()}` : city;
    if (street) values.push({ value: `${street}, ${postcode} ${place}`, index: m.index });
  }

  const ukAndIrish = [
    ...[...text.matchAll(UK_POSTCODE)].map((m) => ({
      index: m.index,
      postcode: (m[1] ?? '').replace(/^(\S+?)(\d[A-Z]{2})$/, '$1 $2').replace(/\s+/g, ' '),
    })),
    ...[...text.matchAll(EIRCODE)].map((m) => ({
      index: m.index,
      postcode: (m[1] ?? '').replace(/^(\S{3}) ?(\S{4})$/, '$1 $2'),
    })),
  ];
  for (const m of ukAndIrish) {
    const postcode = m.postcode;
    const segments = segmentsBefore(text, m.index, 4);
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const inSegment = /[^,|\n]*$/.exec(text.slice(lineStart, m.index))?.[0].trim() ?? '';
    let city = inSegment;
    if (!city) city = segments.pop() ?? '';
    else segments.pop();
    if (!/^\p{Lu}[\p{L} .'-]{1,40}$/u.test(city)) continue;
    let streetIdx = segments.findLastIndex((s) => UK_STREET.test(s));
    if (streetIdx < 0) continue;
    // A unit, flat or suite on its own before the street belongs to the address: "Unit 3, Mill Lane".
    if (streetIdx > 0 && UK_SUBPREMISE.test(segments[streetIdx - 1] ?? '')) streetIdx--;
    // "Registered office: 12 Quay Street", "Address: Unit 3, …": the label is no part of the street.
    const street = segments.slice(streetIdx).join(', ').replace(SEGMENT_LABEL, '');
    values.push({ value: `${street}, ${city} ${postcode}`, index: m.index });
  }

  for (const zip of text.matchAll(US_STATE_ZIP)) {
    if (!US_BEFORE_STATE.test(text.slice(Math.max(0, zip.index - 3), zip.index))) continue;
    const lineStart = text.lastIndexOf('\n', zip.index - 1) + 1;
    const windowStart = Math.max(lineStart, zip.index - 60);
    const city = US_CITY.exec(text.slice(windowStart, zip.index));
    if (!city) continue;
    const m = { index: windowStart + city.index, 1: city[1], 2: zip[1], 3: zip[2] };
    // "Studio visits by appointment: 2215 NE Alberta St, Portland, OR 97211": a label before the street is no part of it.
    const segments = segmentsBefore(text, m.index, 3).map((s) => s.replace(SEGMENT_LABEL, ''));
    const streetIdx = segments.findLastIndex((s) => US_STREET.test(s));
    if (streetIdx < 0) continue;
    const extra = segments
      .slice(streetIdx + 1)
      .filter((s) => /^(?:Suite|Ste\.?|Floor|Fl\.?|Unit|#)/i.test(s));
    const street = [segments[streetIdx], ...extra].join(', ');
    values.push({ value: `${street}, ${m[1]}, ${m[2]} ${m[3]}`, index: m.index });
  }

  // Canada and Australia: "<street>, <town>[,] <province|state> <postcode>", the street on the same or the
  // previous line; Canadian ones written as the US ones are (a comma after the town, the postal code with its
  // space: "B3K 4C1"), Australian ones as printed there (no comma).
  for (const { pattern, street: streetForm, postcode: postcodeOf, afterTown } of [
    {
      pattern: CA_PROVINCE_POSTCODE,
      street: new RegExp(String.raw`^\d+[A-Za-z]?(?:-\d+)? ${NUMBERED_NAME}`, 'u'),
      postcode: (code: string) => code.replace(/^(\S{3}) ?/, '$1 '),
      afterTown: ', ',
    },
    {
      pattern: AU_STATE_POSTCODE,
      street: new RegExp(String.raw`^\d+[A-Za-z]?(?:[-/]\d+)? ${NUMBERED_NAME}`, 'u'),
      postcode: (code: string) => code,
      afterTown: ' ',
    },
  ]) {
    for (const m of text.matchAll(pattern)) {
      if (!US_BEFORE_STATE.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      const windowStart = Math.max(lineStart, m.index - 60);
      const town = US_CITY.exec(text.slice(windowStart, m.index));
      if (!town) continue;
      const segments = segmentsBefore(text, windowStart + town.index, 3).map((s) =>
        s.replace(SEGMENT_LABEL, ''),
      );
      const street = segments.findLast((s) => streetForm.test(s));
      if (street)
        values.push({
          value: `${street}, ${town[1]}${afterTown}${m[1]} ${postcodeOf(m[2] ?? '')}`,
          index: m.index,
        });
    }
  }

  for (const m of text.matchAll(NZ_ADDRESS)) {
    if (!startsCleanly(text, m.index)) continue;
    const suburb = m[2] ? `${m[2]}, ` : '';
    values.push({ value: `${m[1]}, ${suburb}${m[3]} ${m[4]}`, index: m.index });
  }

  return values.flatMap(({ value, index }) => {
    const before = text.slice(Math.max(0, index - 120), index);
    // Impressums must name the chamber, supervisory authority or insurer too; their addresses are not the lead's.
    if (THIRD_PARTY.test(before)) return [];
    const labelled = LABEL.test(before);
    // Privacy policies cite authorities' and processors' addresses; only a labelled one can be the operator's.
    if (pageType === 'legal' && !labelled) return [];
    return [
      {
        type: 'ADDRESS' as const,
        value,
        confidence: score(pageType, { label: labelled }),
        source_url: page.url,
      },
    ];
  });
}
