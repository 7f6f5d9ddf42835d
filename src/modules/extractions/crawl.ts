// The crawler: the home page, then the pages most likely to hold contacts (impressum, contact, about, legal),
// found from link texts and paths, at most MAX_PAGES in all. Every fetch goes through the safe fetcher and
// the per-host budget and honours robots.txt. Storage stays outside: each page is handed to `onPage`.
import {
  FetchFailedError,
  type Resolver,
  type SafeFetchResult,
  safeFetch,
  UnsafeUrlError,
} from '../../lib/safe-fetch';
import { awaitHostBudget, type Sleep } from './host-limit';
import {
  defaultRegion,
  type Entity,
  extractEntities,
  mergeEntities,
  type PageType,
  parsePage,
  pickContactPages,
} from './parse';
import { fetchRobots, ROBOTS_TOKEN, type RobotsRules } from './robots';

export const MAX_PAGES = 10;
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
  const fetchPage = async (url: string) => {
    const rules = await robotsFor(new URL(url).origin);
    if (!rules.isAllowed(url)) throw new RobotsDisallowedError(url);
    await awaitHostBudget(deps.limiter, new URL(url).host, deps.sleep);
    const page = await safeFetch(url, fetchOptions);
    // A redirect may have led to another origin, with rules of its own.
    if (new URL(page.url).origin !== new URL(url).origin) {
      const target = await robotsFor(new URL(page.url).origin);
      if (!target.isAllowed(page.url)) throw new RobotsDisallowedError(page.url);
    }
    return page;
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
  const queue = pickContactPages(homePage.links, origin, seen, MAX_PAGES - 1);
  for (const next of queue) seen.add(next.url);
  const record = async (page: Omit<CrawledPage, 'position'>) => {
    const crawled = { ...page, position: pages.length };
    pages.push(crawled);
    // 0–90 while crawling (the plan grows as pages reveal links); 100 only once the results are stored.
    const planned = Math.min(MAX_PAGES, pages.length + queue.length);
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

  while (queue.length > 0 && pages.length < MAX_PAGES) {
    const next = queue.shift();
    if (!next) break;
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
      entities.push(...extractEntities(parsed, next.page_type, region));
      // Deeper pages: an "about" page may be the one linking the impressum.
      const room = Math.max(0, MAX_PAGES - pages.length - queue.length - 1);
      const deeper = pickContactPages(parsed.links, origin, seen, room);
      for (const found of deeper) {
        seen.add(found.url);
        queue.push(found);
      }
      queue.sort((a, b) => PAGE_RANK[a.page_type] - PAGE_RANK[b.page_type]);
      await record({
        url: fetched.url,
        pageType: next.page_type,
        statusCode: fetched.status,
        fetchMs: fetched.fetchMs,
        bytes: fetched.bytes,
        error: null,
        html: fetched.body,
      });
    } catch (error) {
      if (
        !(
          error instanceof FetchFailedError ||
          error instanceof UnsafeUrlError ||
          error instanceof RobotsDisallowedError
        )
      ) {
        throw error;
      }
      await record({
        url: next.url,
        pageType: next.page_type,
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

const PAGE_RANK: Record<PageType, number> = {
  impressum: 0,
  contact: 1,
  about: 2,
  legal: 3,
  other: 4,
  home: 5,
};

export class RobotsDisallowedError extends Error {
  constructor(readonly url: string) {
    super(`robots.txt disallows ${url}`);
    this.name = 'RobotsDisallowedError';
  }
}
