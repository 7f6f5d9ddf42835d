// Checks one URL (the start URL or a redirect hop) against the static rules, before any network access.
import { UnsafeUrlError } from './errors';
import { hostnameProblem } from './hostname';

export interface CheckedUrl {
  url: URL;
  /** Listed in `allowedHosts` as host:port: skips the port, IP-literal and private-address rules. */
  allowlisted: boolean;
}

export const MAX_URL_LENGTH = 2048;

export function checkUrl(input: string | URL, allowedHosts: readonly string[]): CheckedUrl {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UnsafeUrlError('invalid_url', String(input), 'not an absolute URL');
  }
  const href = url.href;
  // Longer URLs are no web page anyone links to, and they would bloat rows, logs and events.
  if (href.length > MAX_URL_LENGTH) {
    throw new UnsafeUrlError('invalid_url', href.slice(0, 100), `longer than ${MAX_URL_LENGTH} characters`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeUrlError('scheme', href, `${url.protocol} is not http or https`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UnsafeUrlError('credentials', href, 'credentials in the URL');
  }
  url.hash = '';
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (allowedHosts.includes(`${url.hostname.toLowerCase()}:${port}`)) return { url, allowlisted: true };
  if (port !== '80' && port !== '443') throw new UnsafeUrlError('port', href, `port ${port}`);
  const problem = hostnameProblem(url.hostname);
  if (problem) throw new UnsafeUrlError(problem, href, url.hostname);
  return { url, allowlisted: false };
}
