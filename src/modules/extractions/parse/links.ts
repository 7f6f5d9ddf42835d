// Link classification and next-page selection for the crawler, by link text and path in six languages (link-words.ts),
// and the choice of navigation "hub" pages to look one level deeper from when the home page links no contact page.
import { hostOf, sameSite } from './domain';
import { foldForMatching, HUB_WORDS, LINK_WORDS, type LinkType } from './link-words';
import type { PageLink, PageType } from './types';

const words = (alternatives: string) => new RegExp(`(?<![\\p{L}\\d])(?:${alternatives})(?![\\p{L}])`, 'u');
const segment = (alternatives: string) => new RegExp(`(?:^|/)(?:${alternatives})(?:[./_-]|$)`, 'u');

const RULES: { type: LinkType; text: RegExp; path: RegExp }[] = LINK_WORDS.map((rule) => ({
  type: rule.type,
  text: words(rule.text.join('|')),
  path: segment(rule.path.join('|')),
}));
const RANK: Record<LinkType, number> = { impressum: 0, contact: 1, about: 2, legal: 3 };
const NOT_A_PAGE = /\.(?:pdf|jpe?g|png|gif|svg|webp|zip|docx?|xlsx?|pptx?|mp4|mp3|css|js|xml|json|ics|vcf)$/i;

function pathOf(url: URL): string {
  try {
    return foldForMatching(decodeURIComponent(url.pathname));
  } catch {
    return foldForMatching(url.pathname);
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

/** Which kind of page a link leads to, from its path and text (six languages), or null if uninteresting. */
export function classifyLink(link: PageLink, siteOrigin: string): PageType | null {
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !sameSite(url.href, siteOrigin)) return null;
  const path = pathOf(url);
  // Cloudflare's own endpoints (/cdn-cgi/l/email-protection behind every protected address) are no pages.
  if (NOT_A_PAGE.test(path) || path.startsWith('/cdn-cgi/')) return null;
  // Short texts are navigation labels; long ones are prose that merely mentions "Kontakt" or "Team".
  const text = link.text.trim();
  const folded = text.length <= 60 ? foldForMatching(text) : '';
  const byText = folded ? RULES.find((rule) => rule.text.test(folded)) : undefined;
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

const HUB_TEXT = words(HUB_WORDS);
const HUB_PATH = segment(HUB_WORDS.replaceAll(' ', '-'));
// Pages that lead away from the company's own details: posts, shop items and a shop's own tools (the product compare,
// wish list, account and checkout a shop builder's header links — BigCommerce's "/compare"), archives, language
// switches, home aliases ("/index.html" — but Joomla's and others' "/index.php/termine" is a page under the script's name).
const NOT_A_HUB =
  /(?:^|\/)(?:blog|news|aktuelles|neuigkeiten|presse|press|shop|produkte?|products?|category|categorie|kategorie|tag|author|page|feed|login|anmelden|cart|warenkorb|compare|wishlist|wunschliste|merkzettel|account|checkout|search|suche|(?:19|20)\d\d|home|start|startseite|accueil|inicio)(?:[./_-]|\/|$)|(?:^|\/)index\.\w+\/?$|^\/[a-z]{2}(?:[-_][a-z]{2})?\/?$/;
const EDGE_LINKS = 25;
const MIN_HUB_SCORE = 2;

/**
 * Navigation "hub" pages worth one fetch each to find a contact page one level down (home → Service → Kontakt), best
 * first. A hub is a same-site link that is no contact/legal page itself, with a short label and a shallow path; it
 * scores by where it sits — the site's <nav>/<header>/menu (3) or footer (2), or among the first or last links of a
 * page without such markup (1) — then by a one-segment path (1) and a menu word such as Service, Info, Unternehmen,
 * Praxis (2). Posts, shop pages, archives and language switches are left out; a hub needs a score of 2 (a menu
 * link, an edge link with a short path, or a link named like a menu entry).
 */
export function pickHubLinks(
  links: PageLink[],
  siteOrigin: string,
  seen: Set<string>,
  limit: number,
): { url: string; page_type: PageType }[] {
  const seenKeys = new Set([...seen].map(pageKey));
  const rootKey = hostOf(siteOrigin) ? pageKey(new URL('/', siteOrigin).href) : '';
  const zoned = links.some((link) => link.zone);
  const scored = new Map<string, { url: string; score: number; order: number }>();
  links.forEach((link, order) => {
    const text = link.text.trim();
    if (!text || text.length > 40 || classifyLink(link, siteOrigin) !== null) return;
    let url: URL;
    try {
      url = new URL(link.url);
    } catch {
      return;
    }
    if (!sameSite(url.href, siteOrigin) || url.search || !/^https?:$/.test(url.protocol)) return;
    const path = pathOf(url);
    const depth = path.split('/').filter(Boolean).length;
    if (depth === 0 || depth > 2 || NOT_A_PAGE.test(path) || NOT_A_HUB.test(path)) return;
    const key = pageKey(url.href);
    if (seenKeys.has(key) || key === rootKey) return;
    const atEdge = order < EDGE_LINKS || order >= links.length - EDGE_LINKS;
    const place = link.zone === 'nav' ? 3 : link.zone === 'footer' ? 2 : !zoned && atEdge ? 1 : 0;
    const folded = foldForMatching(text);
    const word = HUB_TEXT.test(folded) || HUB_PATH.test(path) ? 2 : 0;
    const score = place + (depth === 1 ? 1 : 0) + word;
    const current = scored.get(key);
    if (score >= MIN_HUB_SCORE && (!current || score > current.score))
      scored.set(key, { url: link.url, score, order });
  });
  return [...scored.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, Math.max(0, limit))
    .map(({ url }) => ({ url, page_type: 'other' as const }));
}
