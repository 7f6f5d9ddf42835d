// Link classification and next-page selection for the crawler (German and English link texts and paths).
import { hostOf, sameSite } from './domain';
import type { PageLink, PageType } from './types';

type LinkType = Exclude<PageType, 'home' | 'other'>;

const words = (alternatives: string) => new RegExp(`(?<![\\p{L}\\d])(?:${alternatives})(?![\\p{L}])`, 'iu');
const segment = (alternatives: string) => new RegExp(`(?:^|/)(?:${alternatives})(?:[./_-]|$)`, 'iu');

// Checked in this order, so "Impressum & Datenschutz" is an impressum and "Kontakt & Anfahrt" a contact page.
const RULES: { type: LinkType; text: RegExp; path: RegExp }[] = [
  {
    type: 'impressum',
    text: words(
      'impressum|imprint|legal notice|site notice|anbieterkennzeichnung|legal information|rechtliche hinweise|mentions légales',
    ),
    path: segment(
      'impressum|imprint|legal-notice|legal_notice|site-notice|anbieterkennzeichnung|mentions-legales',
    ),
  },
  {
    type: 'contact',
    text: words(
      'kontakt|contact|contact us|get in touch|anfahrt|so finden sie uns|reach us|standorte?|ansprechpartner',
    ),
    path: segment(
      'kontakt|contact|contact-us|contactus|kontaktformular|anfahrt|standorte?|get-in-touch|ansprechpartner',
    ),
  },
  {
    type: 'about',
    text: words(
      'über uns|ueber uns|uber uns|wir über uns|über mich|about|about us|about me|unternehmen|company|team|unser team|our team|who we are|wer wir sind|firma|geschichte',
    ),
    path: segment(
      'ueber-uns|uber-uns|über-uns|ueber-mich|über-mich|about|about-us|unternehmen|company|team|unser-team|our-team|who-we-are|wer-wir-sind|firma',
    ),
  },
  {
    type: 'legal',
    text: words(
      'datenschutz\\p{L}*|privacy|privacy policy|agb|terms|legal|rechtliches|disclaimer|nutzungsbedingungen',
    ),
    path: segment('datenschutz[\\p{L}-]*|privacy[\\p{L}-]*|agb|terms[\\p{L}-]*|legal|rechtliches|disclaimer'),
  },
];
const RANK: Record<LinkType, number> = { impressum: 0, contact: 1, about: 2, legal: 3 };
const NOT_A_PAGE = /\.(?:pdf|jpe?g|png|gif|svg|webp|zip|docx?|xlsx?|pptx?|mp4|mp3|css|js|xml|json|ics|vcf)$/i;

function pathOf(url: URL): string {
  try {
    return decodeURIComponent(url.pathname).toLowerCase();
  } catch {
    return url.pathname.toLowerCase();
  }
}

/** Identity of a page for de-duplication: host without www., path without trailing slash, query kept. */
export function pageKey(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    return `${host}${parsed.pathname.replace(/\/+$/, '') || '/'}${parsed.search}`;
  } catch {
    return url;
  }
}

/** Which kind of page a URL's path alone suggests (used where only a source_url is known). */
export function classifyPath(url: string): LinkType | null {
  try {
    const path = pathOf(new URL(url));
    return RULES.find((rule) => rule.path.test(path))?.type ?? null;
  } catch {
    return null;
  }
}

/** Which kind of page a link leads to, from its path and text (German and English), or null if uninteresting. */
export function classifyLink(link: PageLink, siteOrigin: string): PageType | null {
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !sameSite(url.href, siteOrigin)) return null;
  const path = pathOf(url);
  if (NOT_A_PAGE.test(path)) return null;
  // Short texts are navigation labels; long ones are prose that merely mentions "Kontakt" or "Team".
  const text = link.text.trim();
  const byText = text.length <= 60 ? RULES.find((rule) => rule.text.test(text)) : undefined;
  const byPath = RULES.find((rule) => rule.path.test(path));
  const candidates = [byText, byPath].filter((rule) => rule !== undefined);
  if (!candidates.length) return null;
  return candidates.reduce((best, rule) => (RANK[rule.type] < RANK[best.type] ? rule : best)).type;
}

/** Picks the next pages to fetch from a page's links: same site, classified, ranked impressum > contact > about > legal, deduped. */
export function pickContactPages(
  links: PageLink[],
  siteOrigin: string,
  seen: Set<string>,
  limit: number,
): { url: string; page_type: PageType }[] {
  const seenKeys = new Set([...seen].map(pageKey));
  const rootKey = hostOf(siteOrigin) ? pageKey(new URL('/', siteOrigin).href) : '';
  const picked = new Map<string, { url: string; page_type: LinkType; order: number }>();
  links.forEach((link, order) => {
    const type = classifyLink(link, siteOrigin);
    if (!type || type === 'home' || type === 'other') return;
    const key = pageKey(link.url);
    if (seenKeys.has(key) || key === rootKey) return;
    const current = picked.get(key);
    if (!current || RANK[type] < RANK[current.page_type])
      picked.set(key, { url: link.url, page_type: type, order });
  });
  return [...picked.values()]
    .sort((a, b) => RANK[a.page_type] - RANK[b.page_type] || a.order - b.order)
    .slice(0, Math.max(0, limit))
    .map(({ url, page_type }) => ({ url, page_type }));
}
