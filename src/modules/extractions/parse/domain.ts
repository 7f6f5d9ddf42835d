// The registrable domain ("eTLD+1") of a host by the Public Suffix List (tldts): www.firma.de and
// shop.firma.de are firma.de, firma.co.uk stays firma.co.uk, and foo.github.io and bar.github.io are two
// sites (private suffixes count). IP addresses and single-label hosts (localhost) are their own domain.
import { parse } from 'tldts';

export function registrableDomain(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, '');
  const parsed = parse(name, { allowPrivateDomains: true });
  return parsed.isIp ? name : (parsed.domain ?? name);
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function sameSite(url: string, siteOrigin: string): boolean {
  const a = hostOf(url);
  const b = hostOf(siteOrigin);
  return a !== null && b !== null && registrableDomain(a) === registrableDomain(b);
}

/**
 * The site behind a normalised URL: its registrable domain, plus the port when it is not the default (another
 * service). One crawl per site in a batch; one memory per site and company.
 */
export function siteKey(normalizedUrl: string): string {
  const url = new URL(normalizedUrl);
  const domain = registrableDomain(url.hostname);
  return url.port ? `${domain}:${url.port}` : domain;
}
