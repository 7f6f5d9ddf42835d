// Page URLs from a site's sitemaps (sitemaps.org protocol), for finding a contact or impressum page the links do not
// lead to. Reads the sitemaps robots.txt names (`Sitemap:` lines) on the site itself, else /sitemap.xml; a sitemap
// index is followed one level deep, to the child sitemaps most likely to list ordinary pages (page-sitemap.xml before
// post-, product- or image-sitemaps). Formats: XML <urlset>/<sitemapindex> (a bounded scan of <loc> elements, CDATA
// allowed, so a truncated file still yields its first URLs) and plain-text sitemaps (one URL a line). Bounded: at most
// MAX_SITEMAP_FETCHES files of SITEMAP_MAX_BYTES each (longer ones are cut), SITEMAP_MAX_URLS URLs read from each.
import { sameSite } from './parse/domain';
import { decodeHtmlEntities } from './parse/html-entities';

export const MAX_SITEMAP_FETCHES = 3;
export const SITEMAP_MAX_BYTES = 1024 * 1024;
const SITEMAP_MAX_URLS = 10_000;
const MAX_ROOTS = 2;

const LOC = /<loc>\s*(?:<!\[CDATA\[)?([^<\]]{1,2048})(?:\]\]>)?\s*<\/loc>/gi;
// Child sitemaps by what they list, as WordPress, Yoast, Rank Math, Shopify and TYPO3 name them.
const PAGES_SITEMAP =
  /(?:^|[/_-])(?:page|pages|seiten?|static|main|sitemap-misc|pages?-sitemap)(?:[./_-]|\d|$)/i;
const OTHER_SITEMAP =
  /(?:^|[/_-])(?:post|posts|product|products|produkte?|category|categories|tag|tags|image|images|video|news|blog|author|collections?)(?:[./_-]|\d|$)/i;

/** Fetches one sitemap file through the crawler's safe path; null when it could not be had. */
export type FetchSitemap = (url: string) => Promise<string | null>;

interface SitemapFile {
  index: boolean;
  urls: string[];
}

export function readSitemap(body: string): SitemapFile {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('<')) {
    // A text sitemap: one absolute URL a line.
    const urls = trimmed
      .split(/\r?\n/, SITEMAP_MAX_URLS)
      .map((line) => line.trim())
      .filter((line) => /^https?:\/\/\S+$/i.test(line));
    return { index: false, urls };
  }
  const urls: string[] = [];
  for (const m of body.matchAll(LOC)) {
    if (urls.length >= SITEMAP_MAX_URLS) break;
    urls.push(decodeHtmlEntities((m[1] ?? '').trim()));
  }
  return { index: /<sitemapindex[\s>]/i.test(body.slice(0, 4096)), urls };
}

const absolute = (url: string, origin: string): string | null => {
  try {
    const parsed = new URL(url, origin);
    return /^https?:$/.test(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
};

/** Child sitemaps of an index, those listing ordinary pages first. */
function rankChildren(urls: string[]): string[] {
  const rank = (url: string) => (PAGES_SITEMAP.test(url) ? 0 : OTHER_SITEMAP.test(url) ? 2 : 1);
  return urls
    .map((url, order) => ({ url, order, rank: rank(new URL(url).pathname) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ url }) => url);
}

/** Same-site page URLs listed by the site's sitemaps, in the order read; [] when it has none. */
export async function sitemapPages(
  origin: string,
  robotsSitemaps: readonly string[],
  fetchSitemap: FetchSitemap,
): Promise<string[]> {
  const own = (urls: readonly string[]) =>
    urls.flatMap((url) => {
      const resolved = absolute(url, origin);
      return resolved && sameSite(resolved, origin) ? [resolved] : [];
    });
  const roots = own(robotsSitemaps).slice(0, MAX_ROOTS);
  if (!roots.length) roots.push(`${origin}/sitemap.xml`);

  let fetches = 0;
  const pages: string[] = [];
  const children: string[] = [];
  for (const root of roots) {
    if (fetches >= MAX_SITEMAP_FETCHES) break;
    fetches++;
    const body = await fetchSitemap(root);
    if (body === null) continue;
    const file = readSitemap(body);
    (file.index ? children : pages).push(...own(file.urls));
  }
  // One level deep: an index's children are read as URL sets, never as further indexes.
  for (const child of rankChildren(children)) {
    if (fetches >= MAX_SITEMAP_FETCHES) break;
    fetches++;
    const body = await fetchSitemap(child);
    if (body === null) continue;
    const file = readSitemap(body);
    if (!file.index) pages.push(...own(file.urls));
  }
  return pages;
}
