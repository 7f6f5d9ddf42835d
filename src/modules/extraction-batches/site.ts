// The dedupe key of a batch row: the site behind its URL, i.e. the registrable domain by the Public Suffix
// List (www.firma.de, firma.de/kontakt and shop.firma.de are one company; foo.github.io and bar.github.io are
// two), plus the port when it is not the default (another service). Hosts without one (localhost, IPs) are
// their own key.
import { parse } from 'tldts';

export function siteKey(normalizedUrl: string): string {
  const url = new URL(normalizedUrl);
  const host = url.hostname.toLowerCase();
  const parsed = parse(host, { allowPrivateDomains: true });
  const domain = parsed.isIp ? host : (parsed.domain ?? host);
  return url.port ? `${domain}:${url.port}` : domain;
}
