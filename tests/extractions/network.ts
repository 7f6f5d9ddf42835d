// The outside world for crawler tests, at the fetch boundary: a spy on globalThis.fetch that answers
// DNS-over-HTTPS lookups from a table and serves fixture sites (fixtureFetch) and scripted responses, recording every
// request — so a test can assert what was fetched, and that a refused URL was never fetched at all.
import { vi } from 'vitest';
import { fixtureFetch } from '../fixtures/sites/serve';
import type { FixtureSite } from '../fixtures/sites/types';

export const PUBLIC_IP = '93.184.216.34';
const DOH_HOST = 'cloudflare-dns.com';

type Handler = (request: Request) => Response | Promise<Response>;

export interface Network {
  /** Every URL requested from a website (DoH lookups excluded), in order. */
  fetched: string[];
  /** Every hostname looked up through DoH. */
  resolved: string[];
  /** Scripted answers by absolute URL, checked before the sites. */
  routes: Map<string, Handler>;
  /** Every request to a website with its time (`Date.now()`), for per-host counts over time. */
  requests: { host: string; url: string; at: number }[];
}

export function installNetwork(sites: FixtureSite[], dns: Record<string, string[]> = {}): Network {
  const network: Network = { fetched: [], resolved: [], routes: new Map(), requests: [] };
  const byOrigin = new Set(sites.map((site) => new URL(site.origin).origin));
  const serveSites = fixtureFetch(sites);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname === DOH_HOST) {
      const name = url.searchParams.get('name') ?? '';
      const type = url.searchParams.get('type');
      network.resolved.push(name);
      if (type === 'MX') {
        // `mx:<domain>` in the table: its MX records as "<preference> <host>"; by default one mail server.
        const records = dns[`mx:${name}`] ?? [`10 mail.${name}.`];
        return Response.json({
          Status: 0,
          Answer: records.map((data) => ({ name, type: 15, TTL: 60, data })),
        });
      }
      const addresses = (dns[name] ?? [PUBLIC_IP]).filter((a) => (type === 'AAAA') === a.includes(':'));
      return Response.json({
        Status: 0,
        Answer: addresses.map((data) => ({ name, type: type === 'AAAA' ? 28 : 1, TTL: 60, data })),
      });
    }
    network.fetched.push(request.url);
    network.requests.push({ host: url.host, url: request.url, at: Date.now() });
    const scripted = network.routes.get(request.url);
    if (scripted) return scripted(request);
    if (byOrigin.has(url.origin)) return serveSites(request);
    // Unknown hosts: no robots.txt (allowed), and nothing else answers.
    if (url.pathname === '/robots.txt') return new Response('not found', { status: 404 });
    throw new TypeError(`fetch failed: no route to ${url.host}`);
  });
  return network;
}

export const html =
  (body: string, status = 200): Handler =>
  () =>
    new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

/** A server that accepts the request and never answers: it hangs until the caller aborts it (its timeout). */
export const hang: Handler = (request) =>
  new Promise<Response>((_, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });
