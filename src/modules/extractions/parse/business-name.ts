// COMPANY_NAME without a legal form — sole traders, practices, studios ("Yoga Loft Hamburg", "IT-Service Koch",
// "Harrison Joinery"), which company.ts cannot anchor on a GmbH or Ltd: a short line of the page, or a part of its
// title, that spells the site's own domain name ("yoga-loft-hamburg.de"), the one place such a business reliably
// writes its name the same way twice. Read on the home, impressum and contact pages with the confidence of a guess; a
// name with a legal form beginning with it ("Café Lindenblatt GbR") absorbs it when entities are merged (merge.ts).
import { score } from './confidence';
import { registrableDomain } from './domain';
import type { Entity, PageType, ParsedPage } from './types';

const PAGES = new Set<PageType>(['home', 'impressum', 'contact']);
/** Shorter domain names ("abc.de", "mbs.com") spell too many other things. */
const MIN_LETTERS = 6;
const TITLE_PARTS = /\s+[|–—·:-]\s+|\s*\|\s*/;

/** Lower-case letters and digits only; umlauts either stripped ("bäcker" → "backer") or expanded ("baecker"). */
function letters(value: string, umlauts: 'strip' | 'expand'): string {
  const lower = value.toLowerCase().replace(/ß/g, 'ss');
  const spelled =
    umlauts === 'expand' ? lower.replace(/([äöü])/g, (c) => `${'aou'['äöü'.indexOf(c)]}e`) : lower;
  return spelled
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Whether a line's first character is the letter `first`, accents aside ("Ä" for "a"). */
function startsWith(char: string, first: string): boolean {
  const lower = char.toLowerCase();
  return lower === first || (lower > '\u007f' && letters(char, 'strip') === first);
}

function domainLetters(url: string): string {
  try {
    const domain = registrableDomain(new URL(url).hostname);
    return letters(domain.slice(0, domain.indexOf('.')), 'strip');
  } catch {
    return '';
  }
}

/**
 * Whether a company name spells the site's own domain name, allowing the domain to shorten it or add a letter or
 * two: "Tallowwood IT Pty" on tallowwoodit.com.au, "Fernhollow Landscape Design" on fernhollowlandscapes.com (their
 * common start is 60 % of the domain name or more, and at least MIN_LETTERS).
 */
export function spellsSiteName(name: string, url: string): boolean {
  const target = domainLetters(url);
  if (target.length < MIN_LETTERS) return false;
  return (['strip', 'expand'] as const).some((umlauts) => {
    const spelled = letters(name, umlauts);
    let common = 0;
    while (common < spelled.length && spelled[common] === target[common]) common++;
    return common >= MIN_LETTERS && common >= target.length * 0.6;
  });
}

export function extractBusinessNames(page: ParsedPage, pageType: PageType): Entity[] {
  if (!PAGES.has(pageType)) return [];
  const target = domainLetters(page.url);
  if (target.length < MIN_LETTERS) return [];
  // A name line is about as long as the domain name: spaces, hyphens and an accent or two longer.
  const maxLength = target.length * 2 + 4;
  const candidates = page.title.split(TITLE_PARTS);
  const text = page.text;
  const first = target[0] ?? '';
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    // Cheap filters first (length, first letter): a 1 MB page has some 20,000 lines.
    if (stop - start >= target.length && stop - start <= maxLength && startsWith(text[start] ?? '', first))
      candidates.push(text.slice(start, stop));
    start = stop + 1;
  }
  const found = new Map<string, Entity>();
  for (const raw of candidates) {
    const name = raw.trim();
    if (!/^[\p{Lu}\d]/u.test(name) || name.includes('@') || found.has(name)) continue;
    if (letters(name, 'strip') !== target && letters(name, 'expand') !== target) continue;
    found.set(name, {
      type: 'COMPANY_NAME',
      value: name,
      confidence: score(pageType, { guess: true }),
      source_url: page.url,
    });
  }
  return [...found.values()];
}
