// REGISTER extraction: German/Austrian commercial register numbers with their court, UK Companies House numbers.
//
// Value format: "<kind> <number>[ <suffix>], <court>" e.g. "HRB 12345 B, Amtsgericht Berlin-Charlottenburg",
// "FN 123456a, Handelsgericht Wien"; UK: "Company No. 01234567, England and Wales". The court/jurisdiction is left off
// when the page does not name it near the number.
import { score } from './confidence';
import type { Entity, PageType, ParsedPage } from './types';

const DE_NUMBER =
  /(?<![\p{L}\d])(HRB|HRA|GnR|PR|VR|GsR)[ .:]*(?:Nr\.? ?)?(\d{1,6})(?: ([A-Z]{1,2}))?(?![\p{L}\d])/gu;
const AT_NUMBER = /(?<![\p{L}\d])FN ?(\d{1,6} ?[a-z])(?![\p{L}\d])/gu;
const COURT =
  /(Amtsgericht|Handelsgericht|Landesgericht|Registergericht|AG)[ :]+(?:(?:Amtsgericht|AG) )?(\p{Lu}[\p{L}.()/-]*(?: (?:am|an|der|im|in|i\. ?Br\.|\p{Lu}[\p{L}.()/-]*))*)/gu;
const UK_NUMBER =
  /(?:company (?:registration )?(?:no|number|nr)|registered (?:company )?(?:no|number)|company reg(?:istration)?\.? no|reg\.? no|registration number|registered in [a-z& ]+?(?:under |with )?(?:company )?(?:no|number))\.?[ :(]*((?:SC|NI|OC|SO|NC|R0)?\d{6,8})\b/giu;
const UK_JURISDICTION =
  /registered in (england and wales|england & wales|england|wales|scotland|northern ireland)/iu;
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
  for (const m of text.matchAll(UK_NUMBER)) {
    const number = (m[1] ?? '').toUpperCase();
    const window = text.slice(Math.max(0, m.index - 200), Math.min(text.length, m.index + 200));
    const jurisdiction = UK_JURISDICTION.exec(window)?.[1]?.toLowerCase().replace('&', 'and');
    const place = jurisdiction?.replace(/\b\w/g, (c) => c.toUpperCase()).replace(' And ', ' and ');
    add(place ? `Company No. ${number}, ${place}` : `Company No. ${number}`);
  }
  return found;
}
