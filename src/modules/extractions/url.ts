// The URL an extraction starts from: normalised (the key for reusing a recent result) and judged against the
// SSRF rules that need no network, so an obviously unsafe URL is refused with 422 before anything is queued.
import normalizeUrl from 'normalize-url';
import { ApiError, unsafeUrlProblem } from '../../lib/errors';
import { checkUrl, UnsafeUrlError } from '../../lib/safe-fetch';

/** Query parameters that only say where a visitor came from: dropped, so the same page is the same key. */
const TRACKING_PARAMETERS = [
  /^utm_\w+/i,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi)$/i,
  /^(ref|ref_src|source)$/i,
];

/**
 * Scheme defaulted to https; host lower-cased; default port, fragment, trailing slash and tracking
 * parameters removed; the remaining parameters sorted. `www.` is kept: it can be another site.
 */
export function normalizeExtractionUrl(input: string): string {
  return normalizeUrl(withScheme(input), {
    defaultProtocol: 'https',
    stripHash: true,
    stripWWW: false,
    removeTrailingSlash: true,
    removeSingleSlash: true,
    removeQueryParameters: TRACKING_PARAMETERS,
    sortQueryParameters: true,
    removeExplicitPort: false, // an odd port is another service (and refused); default ports vanish anyway
    stripTextFragment: true,
  });
}

/** The normalised URL, or 422 when the URL is malformed or breaks a rule judged without fetching. */
export function acceptExtractionUrl(input: string, allowedHosts: readonly string[]): string {
  let normalized: string;
  try {
    // Judged as given and as normalised: normalising would quietly drop credentials, say.
    judge(withScheme(input), allowedHosts);
    normalized = normalizeExtractionUrl(input);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw refused('not a valid URL');
  }
  judge(normalized, allowedHosts);
  return normalized;
}

function judge(url: string, allowedHosts: readonly string[]) {
  try {
    checkUrl(url, allowedHosts);
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw unsafeUrlProblem('The URL cannot be fetched safely', error);
    throw error;
  }
}

/** "firma.de" and "firma.de:443/kontakt" mean https; "ftp://…", "javascript:…" keep their (refused) scheme. */
const withScheme = (input: string) => {
  const trimmed = input.trim();
  const hasScheme =
    /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ||
    /^(?:javascript|data|mailto|file|about|blob|tel|vbscript):/i.test(trimmed);
  return hasScheme ? trimmed : `https://${trimmed}`;
};

const refused = (message: string) =>
  new ApiError(422, 'The URL cannot be fetched safely', { errors: [{ path: 'url', message }] });
