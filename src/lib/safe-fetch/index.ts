// safeFetch: fetches a user-supplied URL under the SSRF rules — every hop checked, size, time and type limited.
import { checkUrl } from './check-url';
import { FetchFailedError, UnsafeUrlError } from './errors';
import { readLimited, whenAborted } from './read-body';
import { assertPublicHost, dohResolver, type Resolver } from './resolve';

export { checkUrl } from './check-url';
export { FetchFailedError, type FetchFailureKind, type UnsafeReason, UnsafeUrlError } from './errors';
export type { Resolver } from './resolve';

export interface SafeFetchOptions {
  fetch?: typeof fetch;
  /** Hostname → addresses; defaults to DNS-over-HTTPS through `fetch`. */
  resolve?: Resolver;
  /** "host:port" pairs exempt from the port and private-address rules (local demos and tests only). */
  allowedHosts?: string[];
  maxBytes?: number;
  /** Budget for the whole call: DNS, every redirect hop and the body. */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
  /**
   * Which bodies are wanted: HTML pages (default), any text/* (robots.txt), XML and plain text (sitemaps), or
   * any type (a document, judged by its bytes later), kept as bytes in `data` and not decoded. Others fail as
   * content_type.
   */
  accept?: 'html' | 'text' | 'xml' | 'any';
  /** Past maxBytes: fail as too_large (default), or keep the first maxBytes (for a bounded scan of a long list). */
  overflow?: 'fail' | 'truncate';
}

export interface SafeFetchResult {
  /** The final URL, after redirects, without fragment. */
  url: string;
  status: number;
  contentType: string;
  /** The body as text; empty with `accept: 'any'`, whose bodies are kept as bytes only. */
  body: string;
  /** The body's bytes, with `accept: 'any'`. */
  data?: Uint8Array;
  bytes: number;
  fetchMs: number;
  /** Each URL a redirect led to, in order (the last one is `url`). */
  redirects: string[];
}

export const DEFAULT_USER_AGENT = 'EngageBot/1.0 (+https://engage.example/bot)';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT_HEADERS = {
  html: 'text/html,application/xhtml+xml;q=0.9',
  text: 'text/plain,text/*;q=0.9',
  xml: 'application/xml,text/xml;q=0.9,text/plain;q=0.8',
  any: '*/*',
};
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const XML_TYPES = new Set(['application/xml', 'text/xml', 'text/plain']);

export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const allowedHosts = (options.allowedHosts ?? []).map((h) => h.trim().toLowerCase());
  const headers = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: ACCEPT_HEADERS[options.accept ?? 'html'],
  };
  const acceptable = (mediaType: string) => {
    if (options.accept === 'any') return true;
    if (options.accept === 'text') return mediaType.startsWith('text/');
    return (options.accept === 'xml' ? XML_TYPES : HTML_TYPES).has(mediaType);
  };

  const started = Date.now();
  let current = checkUrl(input, allowedHosts); // static rules first: a refused URL costs no DNS or fetch
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new FetchFailedError('timeout', true, input, `no complete page within ${timeoutMs} ms`),
      ),
    timeoutMs,
  );
  const { signal } = controller;
  const resolve = options.resolve ?? dohResolver(fetchFn, signal);
  const aborted = whenAborted(signal);
  const redirects: string[] = [];
  try {
    for (;;) {
      const href = current.url.href;
      if (!current.allowlisted) {
        await Promise.race([assertPublicHost(current.url.hostname, resolve, href), aborted]);
      }
      const response = await Promise.race([send(fetchFn, href, headers, signal), aborted]);
      if (REDIRECT_STATUSES.has(response.status)) {
        await response.body?.cancel().catch(() => {});
        const location = response.headers.get('location');
        if (!location) throw statusError(response.status, href, 'redirect without Location');
        if (redirects.length >= maxRedirects) {
          throw new UnsafeUrlError('too_many_redirects', href, `more than ${maxRedirects} redirects`);
        }
        let next: URL;
        try {
          next = new URL(location, current.url); // relative Locations resolve against the current hop
        } catch {
          throw new UnsafeUrlError('invalid_url', location, 'unparseable Location');
        }
        current = checkUrl(next, allowedHosts);
        redirects.push(current.url.href);
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => {});
        throw statusError(response.status, href);
      }
      const contentType = response.headers.get('content-type') ?? '';
      const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!acceptable(mediaType)) {
        await response.body?.cancel().catch(() => {});
        const wanted = { html: 'HTML', text: 'text', xml: 'XML', any: 'any' }[options.accept ?? 'html'];
        throw new FetchFailedError(
          'content_type',
          false,
          href,
          `content type "${contentType}" is not ${wanted}`,
        );
      }
      const raw = options.accept === 'any';
      const read = await readLimited(response, maxBytes, signal, href, options.overflow, !raw);
      return {
        url: href,
        status: response.status,
        contentType,
        body: read.body,
        ...(raw ? { data: read.data } : {}),
        bytes: read.bytes,
        fetchMs: Date.now() - started,
        redirects,
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

async function send(
  fetchFn: typeof fetch,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
) {
  try {
    return await fetchFn(url, { method: 'GET', headers, redirect: 'manual', signal });
  } catch (error) {
    if (error instanceof FetchFailedError || error instanceof UnsafeUrlError) throw error;
    if (signal.aborted && signal.reason instanceof FetchFailedError) throw signal.reason;
    throw new FetchFailedError('network', true, url, String(error));
  }
}

// 408 and 429 say "try later" even though they are 4xx; every other 4xx is final, every 5xx may pass.
function statusError(status: number, url: string, detail = `HTTP ${status}`): FetchFailedError {
  const transient = status >= 500 || status === 408 || status === 429;
  return new FetchFailedError('http_status', transient, url, detail, status);
}
