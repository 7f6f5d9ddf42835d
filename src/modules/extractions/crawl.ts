// The crawler: the home page, then the pages most likely to hold contacts (impressum, contact, about, legal), found
// from link texts and paths to depth 2 — links of the home page, links of those pages, its sitemaps when the home
// page links no legal notice (impressum), and a few pages of the site's menu: looked through for a contact page one
// level down (home → Service → Kontakt), and read with the budget's rest for what a services page states itself (a
// quote request's own address). The order is frontier.ts's. Every fetch goes through the safe fetcher and the per-host budget and honours robots.txt.
// Storage stays outside: each page is handed to `onPage`.
import {
  FetchFailedError,
  type Resolver,
  type SafeFetchOptions,
  type SafeFetchResult,
  safeFetch,
  UnsafeUrlError,
} from '../../lib/safe-fetch';
import { type Candidate, type Found, Frontier } from './frontier';
import { awaitHostBudget, type Sleep } from './host-limit';
import {
  classifyLink,
  defaultRegion,
  type Entity,
  extractEntities,
  mergeEntities,
  type PageType,
  parsePage,
  pickContactPages,
  pickHubLinks,
} from './parse';
import { fetchRobots, ROBOTS_TOKEN, type RobotsRules } from './robots';
import { SITEMAP_MAX_BYTES, sitemapPages } from './sitemap';

/**
 * HTML pages fetched per extraction, the home page and failed fetches included. robots.txt (once per origin) and at
 * most MAX_SITEMAP_FETCHES sitemap files (sitemap.ts) are fetched besides and do not count: they are no pages.
 */
export const MAX_PAGES = 10;
/** Clicks from the home page: its links are depth 1, theirs depth 2, and depth-2 pages are not looked through. */
const MAX_DEPTH = 2;
/** Menu pages ("hubs") looked through for a contact page and read (each costs a page of the budget). */
const MAX_HUBS = 4;
/** Pages of one type taken from sitemaps (a multilingual site lists /de/kontakt, /en/contact, /fr/contact …). */
const SITEMAP_PAGES_PER_TYPE = 2;
export const USER_AGENT = `Mozilla/5.0 (compatible; ${ROBOTS_TOKEN}/1.0; +https://engage.example/bot)`;

export interface CrawlDeps {
  fetch: typeof fetch;
  resolve?: Resolver;
  allowedHosts: string[];
  limiter: RateLimit;
  sleep?: Sleep;
}

export interface CrawledPage {
  url: string;
  pageType: PageType;
  statusCode: number | null;
  fetchMs: number;
  bytes: number | null;
  error: string | null;
  /** The HTML, for the snapshot; absent when nothing usable came. */
  html: string | null;
  position: number;
}

export interface CrawlResult {
  /** The site as reached after redirects of the start URL. */
  siteUrl: string;
  pages: CrawledPage[];
  /** Merged across pages, sorted by type then confidence. */
  entities: Entity[];
}

/**
 * Crawls from `startUrl`. The start page must load (its failure is the crawl's: transient ones are retried
 * by the queue, others fail the extraction); any later page may fail and is recorded with its error.
 */
export async function crawlSite(
  startUrl: string,
  deps: CrawlDeps,
  onPage: (page: CrawledPage, progress: number) => Promise<void>,
): Promise<CrawlResult> {
  const robotsByOrigin = new Map<string, RobotsRules>();
  const fetchOptions = {
    fetch: deps.fetch,
    resolve: deps.resolve,
    allowedHosts: deps.allowedHosts,
    userAgent: USER_AGENT,
  };
  const robotsFor = async (origin: string) => {
    let rules = robotsByOrigin.get(origin);
    if (!rules) {
      await awaitHostBudget(deps.limiter, new URL(origin).host, deps.sleep);
      rules = await fetchRobots(origin, fetchOptions);
      robotsByOrigin.set(origin, rules);
    }
    return rules;
  };
  const fetchPage = async (url: string, options: Partial<SafeFetchOptions> = {}) => {
    const rules = await robotsFor(new URL(url).origin);
    if (!rules.isAllowed(url)) throw new RobotsDisallowedError(url);
    await awaitHostBudget(deps.limiter, new URL(url).host, deps.sleep);
    const page = await safeFetch(url, { ...fetchOptions, ...options });
    // A redirect may have led to another origin, with rules of its own.
    if (new URL(page.url).origin !== new URL(url).origin) {
      const target = await robotsFor(new URL(page.url).origin);
      if (!target.isAllowed(page.url)) throw new RobotsDisallowedError(page.url);
    }
    return page;
  };
  /** A sitemap file, or null when it is missing, refused or unreadable: sitemaps are a hint, never a failure. */
  const fetchSitemap = async (url: string) => {
    try {
      const file = await fetchPage(url, { accept: 'xml', maxBytes: SITEMAP_MAX_BYTES, overflow: 'truncate' });
      return file.body;
    } catch (error) {
      if (isPageFailure(error)) return null;
      throw error;
    }
  };

  const pages: CrawledPage[] = [];
  const entities: Entity[] = [];
  const seen = new Set<string>([startUrl]);
  const fetchedUrls = new Set<string>();
  const started = Date.now();

  // The start page: its failure is the crawl's.
  let home: SafeFetchResult;
  try {
    home = await fetchPage(startUrl);
  } catch (error) {
    throw error instanceof RobotsDisallowedError
      ? new FetchFailedError('http_status', false, startUrl, 'robots.txt disallows this site for EngageBot')
      : error;
  }
  const siteUrl = home.url;
  const origin = new URL(siteUrl).origin;
  seen.add(siteUrl);
  fetchedUrls.add(siteUrl);
  const homePage = await parsePage(siteUrl, home.body);
  const region = defaultRegion(siteUrl, homePage.lang);
  entities.push(...extractEntities(homePage, 'home', region));

  const frontier = new Frontier();
  const plan = (found: { url: string; page_type: PageType }[], depth: number, via: Found) => {
    for (const next of found) {
      seen.add(next.url);
      frontier.add({ url: next.url, pageType: next.page_type, depth, found: via });
    }
  };
  plan(pickContactPages(homePage.links, origin, seen, MAX_PAGES), 1, 'link');
  // The legal notice names the company, its register and VAT ID: not linked from the home page (only a contact
  // page, or nothing), it may still be listed in the sitemap.
  if (!frontier.has('impressum')) {
    const listed = await sitemapPages(origin, (await robotsFor(origin)).sitemaps, fetchSitemap);
    const perType = new Map<PageType, number>();
    const picked = pickContactPages(
      listed.map((url) => ({ url, text: '' })),
      origin,
      seen,
      MAX_PAGES,
    ).filter((page) => {
      const count = (perType.get(page.page_type) ?? 0) + 1;
      perType.set(page.page_type, count);
      return count <= SITEMAP_PAGES_PER_TYPE;
    });
    plan(picked, 1, 'sitemap');
  }
  plan(pickHubLinks(homePage.links, origin, seen, MAX_HUBS), 1, 'hub');

  const record = async (page: Omit<CrawledPage, 'position'>) => {
    const crawled = { ...page, position: pages.length };
    pages.push(crawled);
    // 0–90 while crawling (the plan grows as pages reveal links); 100 only once the results are stored.
    const planned = Math.min(MAX_PAGES, pages.length + frontier.size);
    await onPage(crawled, Math.floor((90 * pages.length) / Math.max(planned, 1)));
  };
  await record({
    url: siteUrl,
    pageType: 'home',
    statusCode: home.status,
    fetchMs: home.fetchMs || Date.now() - started,
    bytes: home.bytes,
    error: null,
    html: home.body,
  });

  while (pages.length < MAX_PAGES) {
    const next: Candidate | undefined = frontier.next();
    if (!next) break;
    // A hub is fetched only to look through; its own entities still count, as any page's.
    let pageType: PageType = next.found === 'hub' ? 'other' : next.pageType;
    const begun = Date.now();
    try {
      const fetched = await fetchPage(next.url);
      // Two links may redirect to one page: read it once.
      if (fetched.url !== next.url) {
        if (fetchedUrls.has(fetched.url)) continue;
        seen.add(fetched.url);
      }
      fetchedUrls.add(fetched.url);
      const parsed = await parsePage(fetched.url, fetched.body);
      // A page that calls itself a legal notice is one, whatever link led to it ("Legal" → "Aviso legal").
      if (pageType !== 'impressum' && namesItselfImpressum(parsed, origin)) pageType = 'impressum';
      entities.push(...extractEntities(parsed, pageType, region));
      // Deeper pages: an "about" page or a "Service" hub may be the one linking the impressum or the contact page.
      if (next.depth < MAX_DEPTH)
        plan(pickContactPages(parsed.links, origin, seen, MAX_PAGES), next.depth + 1, 'link');
      await record({
        url: fetched.url,
        pageType,
        statusCode: fetched.status,
        fetchMs: fetched.fetchMs,
        bytes: fetched.bytes,
        error: null,
        html: fetched.body,
      });
    } catch (error) {
      if (!isPageFailure(error)) throw error;
      frontier.failed(next);
      await record({
        url: next.url,
        pageType,
        statusCode: error instanceof FetchFailedError ? (error.status ?? null) : null,
        fetchMs: Date.now() - begun,
        bytes: null,
        error: error.message,
        html: null,
      });
    }
  }

  return { siteUrl, pages, entities: mergeEntities(entities) };
}

/** Whether a part of a page's title names a legal notice (impressum): "Aviso legal – Clínica Veterinaria …". */
function namesItselfImpressum(page: { title: string }, origin: string): boolean {
  return page.title
    .split(/\s+[|–—·:-]\s+/)
    .some((text) => classifyLink({ url: `${origin}/`, text }, origin) === 'impressum');
}

/** A failure of one page (or sitemap) that the crawl records and goes past; anything else is the crawl's. */
function isPageFailure(error: unknown): error is FetchFailedError | UnsafeUrlError | RobotsDisallowedError {
  return (
    error instanceof FetchFailedError ||
    error instanceof UnsafeUrlError ||
    error instanceof RobotsDisallowedError
  );
}

export class RobotsDisallowedError extends Error {
  constructor(readonly url: string) {
    super(`robots.txt disallows ${url}`);
    this.name = 'RobotsDisallowedError';
  }
}
