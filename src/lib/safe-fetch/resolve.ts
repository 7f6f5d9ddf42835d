// Resolves a hostname (DNS-over-HTTPS by default) and refuses it when any answer is not a public address.
import { FetchFailedError, UnsafeUrlError } from './errors';
import { isPublicAddress } from './ip';

export type Resolver = (host: string) => Promise<string[]>;

export const DOH_ENDPOINT = 'https://cloudflare-dns.com/dns-query';
const RECORD_TYPES = { A: 1, AAAA: 28 } as const;

interface DnsJson {
  Status?: number;
  Answer?: { type?: number; data?: string }[];
}

/** A and AAAA lookups through Cloudflare's DNS-over-HTTPS JSON API; CNAME answers are followed by the server. */
export function dohResolver(fetchFn: typeof fetch, signal?: AbortSignal): Resolver {
  const query = async (host: string, type: keyof typeof RECORD_TYPES): Promise<string[]> => {
    const url = `${DOH_ENDPOINT}?name=${encodeURIComponent(host)}&type=${type}`;
    const response = await fetchFn(url, { headers: { accept: 'application/dns-json' }, signal });
    if (!response.ok) throw new FetchFailedError('dns', true, host, `DoH answered ${response.status}`);
    const json = (await response.json()) as DnsJson;
    // 0 = NOERROR, 3 = NXDOMAIN (no addresses); anything else (SERVFAIL …) may pass.
    if (json.Status !== 0 && json.Status !== 3) {
      throw new FetchFailedError('dns', true, host, `DNS status ${json.Status}`);
    }
    return (json.Answer ?? [])
      .filter((a) => a.type === RECORD_TYPES[type] && typeof a.data === 'string')
      .map((a) => String(a.data));
  };
  return async (host) => (await Promise.all([query(host, 'A'), query(host, 'AAAA')])).flat();
}

/** Throws unless the host resolves, and every address it resolves to is public. */
export async function assertPublicHost(host: string, resolve: Resolver, url: string): Promise<void> {
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    if (error instanceof FetchFailedError || error instanceof UnsafeUrlError) throw error;
    throw new FetchFailedError('dns', true, url, `cannot resolve ${host}: ${String(error)}`);
  }
  if (addresses.length === 0) throw new FetchFailedError('dns', false, url, `${host} has no addresses`);
  const bad = addresses.find((address) => !isPublicAddress(address.trim()));
  if (bad !== undefined) throw new UnsafeUrlError('private_address', url, `${host} resolves to ${bad}`);
}
