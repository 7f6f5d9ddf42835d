// robots.txt, per RFC 9309: fetched once per origin through the safe fetcher and parsed with robots-parser.
// A missing file (4xx) allows everything; an unreachable one (5xx, network) means "disallow everything
// for now", which the crawler treats as a transient failure of the start page, so it is retried later —
// unless the host does not exist at all.
import robotsParser from 'robots-parser';
import { FetchFailedError, type SafeFetchOptions, safeFetch, UnsafeUrlError } from '../../lib/safe-fetch';

/** The product token robots.txt groups are matched against (the User-Agent carries it too). */
export const ROBOTS_TOKEN = 'EngageBot';
const ROBOTS_MAX_BYTES = 500 * 1024; // RFC 9309 asks parsers to read at least 500 KiB

export type RobotsRules = {
  isAllowed(url: string): boolean;
  /** The `Sitemap:` lines as written (possibly relative or on another host: the crawler keeps the site's own). */
  sitemaps: string[];
};

const allowAll: RobotsRules = { isAllowed: () => true, sitemaps: [] };

export async function fetchRobots(origin: string, options: SafeFetchOptions): Promise<RobotsRules> {
  const url = `${origin}/robots.txt`;
  try {
    const page = await safeFetch(url, { ...options, accept: 'text', maxBytes: ROBOTS_MAX_BYTES });
    const robots = robotsParser(page.url, page.body);
    return {
      isAllowed: (target) => robots.isAllowed(target, ROBOTS_TOKEN) !== false,
      sitemaps: robots.getSitemaps(),
    };
  } catch (error) {
    // Redirected too often or into a place the rules refuse: unavailable (RFC 9309 § 2.3.1.2), so allowed; the
    // site's own pages are judged by the same rules when fetched.
    if (error instanceof UnsafeUrlError) return allowAll;
    if (!(error instanceof FetchFailedError)) throw error;
    const unavailable = error.kind === 'http_status' && error.status !== undefined && error.status < 500;
    // Served as something else than text (an HTML error page, say): no usable rules, like a 404.
    if (unavailable || error.kind === 'content_type' || error.kind === 'too_large') return allowAll;
    // A host that does not exist will not exist on the next try either: fail now, not after every retry.
    const transient = error.kind === 'dns' ? error.transient : true;
    throw new FetchFailedError(
      error.kind,
      transient,
      url,
      `robots.txt unreachable: ${error.message}`,
      error.status,
    );
  }
}
