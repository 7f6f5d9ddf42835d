// robots.txt, per RFC 9309: fetched once per origin through the safe fetcher and parsed with robots-parser.
// A missing file (4xx) allows everything; an unreachable one (5xx, network) means "disallow everything
// for now", which the crawler treats as a transient failure of the start page, so it is retried later.
import robotsParser from 'robots-parser';
import { FetchFailedError, type SafeFetchOptions, safeFetch } from '../../lib/safe-fetch';

/** The product token robots.txt groups are matched against (the User-Agent carries it too). */
export const ROBOTS_TOKEN = 'EngageBot';
const ROBOTS_MAX_BYTES = 500 * 1024; // RFC 9309 asks parsers to read at least 500 KiB

export type RobotsRules = { isAllowed(url: string): boolean };

const allowAll: RobotsRules = { isAllowed: () => true };

export async function fetchRobots(origin: string, options: SafeFetchOptions): Promise<RobotsRules> {
  const url = `${origin}/robots.txt`;
  try {
    const page = await safeFetch(url, { ...options, accept: 'text', maxBytes: ROBOTS_MAX_BYTES });
    const robots = robotsParser(page.url, page.body);
    return { isAllowed: (target) => robots.isAllowed(target, ROBOTS_TOKEN) !== false };
  } catch (error) {
    if (error instanceof FetchFailedError) {
      const unavailable = error.kind === 'http_status' && error.status !== undefined && error.status < 500;
      // Served as something else than text (an HTML error page, say): no usable rules, like a 404.
      if (unavailable || error.kind === 'content_type' || error.kind === 'too_large') return allowAll;
      throw new FetchFailedError(
        error.kind,
        true,
        url,
        `robots.txt unreachable: ${error.message}`,
        error.status,
      );
    }
    throw error;
  }
}
