// Mail exchangers of a domain through the same DNS-over-HTTPS resolver the safe fetcher uses: present, a null
// MX (RFC 7505, "0 ." — the domain takes no mail), none at all (or no such domain), or unknown when DNS
// could not say (timeouts, SERVFAIL).
import { DOH_ENDPOINT } from './resolve';

export type MxAnswer = 'present' | 'null' | 'none' | 'unknown';

const MX_TYPE = 15;
const TIMEOUT_MS = 3000;

interface DnsJson {
  Status?: number;
  Answer?: { type?: number; data?: string }[];
}

export async function lookupMx(domain: string, fetchFn: typeof fetch): Promise<MxAnswer> {
  try {
    const url = `${DOH_ENDPOINT}?name=${encodeURIComponent(domain)}&type=MX`;
    const response = await fetchFn(url, {
      headers: { accept: 'application/dns-json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return 'unknown';
    const json = (await response.json()) as DnsJson;
    if (json.Status === 3) return 'none'; // NXDOMAIN
    if (json.Status !== 0) return 'unknown';
    const hosts = (json.Answer ?? [])
      .filter((a) => a.type === MX_TYPE && typeof a.data === 'string')
      .map((a) => String(a.data).trim().split(/\s+/).at(-1) ?? '');
    if (hosts.length === 0) return 'none';
    return hosts.every((host) => host === '.' || host === '') ? 'null' : 'present';
  } catch {
    return 'unknown';
  }
}
