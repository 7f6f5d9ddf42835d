// Hostname rules that need no DNS: IP literals in any notation, internal names, nip.io-style embedded IPs.
import type { UnsafeReason } from './errors';
import { isPublicIPv4, isPublicIPv6, parseIPv4Number, parseIPv6 } from './ip';

// Names (and their subdomains) that only ever mean "this machine" or "this network".
const INTERNAL_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'localdomain',
  'home.arpa',
  'arpa',
  'lan',
  'intranet',
];

/** Why a URL hostname (as `new URL().hostname` gives it) must not be fetched, or null if it may be resolved. */
export function hostnameProblem(hostname: string): UnsafeReason | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || host.includes(':')) return 'ip_literal';
  const labels = host.split('.');
  if (labels.some((label) => label === '')) return 'invalid_url';
  // WHATWG parses any host whose last label is numeric as IPv4; `new URL` normalises those to dotted
  // decimal, and this catches the rest in case a runtime does not.
  const last = labels.at(-1) ?? '';
  if (/^\d+$/.test(last) || /^0x[0-9a-f]*$/i.test(last)) return 'ip_literal';
  if (labels.length < 2) return 'blocked_hostname';
  if (INTERNAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return 'blocked_hostname';
  if (embedsNonPublicIp(host)) return 'embedded_ip';
  return null;
}

/** Every value a token may denote as an IPv4 part: WHATWG (hex/octal) and naive decimal readings. */
function readings(token: string): number[] {
  const values = new Set<number>();
  const whatwg = parseIPv4Number(token);
  if (whatwg !== null) values.add(whatwg);
  if (/^\d+$/.test(token)) values.add(Number(token));
  return [...values];
}

/** Whole-address tokens: 0x7f000001, 7f000001 (nip.io "magic-" hex), 2130706433, 017700000001. */
function wholeAddressReadings(token: string): number[] {
  const values: number[] = [];
  if (/^0x[0-9a-f]{1,8}$/i.test(token)) values.push(Number.parseInt(token.slice(2), 16));
  if (/^[0-9a-f]{8}$/i.test(token)) values.push(Number.parseInt(token, 16));
  if (/^\d{8,10}$/.test(token)) values.push(Number(token));
  if (/^0[0-7]{8,11}$/.test(token)) values.push(Number.parseInt(token, 8));
  return values.filter((v) => v <= 0xffffffff);
}

/** Services like nip.io and sslip.io resolve `10.0.0.1.nip.io` or `10-0-0-1.sslip.io` to the embedded IP. */
function embedsNonPublicIp(host: string): boolean {
  const tokens = host.split(/[.-]/);
  for (const token of tokens) {
    if (wholeAddressReadings(token).some((v) => !isPublicIPv4(v))) return true;
  }
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const octets = tokens.slice(i, i + 4).map((t) => readings(t).filter((v) => v <= 255));
    if (octets.some((o) => o.length === 0)) continue;
    for (const address of combinations(octets)) if (!isPublicIPv4(address)) return true;
  }
  // sslip.io writes IPv6 with dashes for colons: `--1.sslip.io` is ::1, `fe80--1.sslip.io` is fe80::1.
  for (const label of host.split('.')) {
    if (!label.includes('-')) continue;
    const words = parseIPv6(label.replaceAll('-', ':'));
    if (words && !isPublicIPv6(words) && looksInternalV6(words)) return true;
  }
  return false;
}

// Only the ranges an attacker would aim at, so that labels like `be--ad` are not refused as "reserved IPv6".
function looksInternalV6([w0 = 0]: number[]): boolean {
  return w0 === 0 || w0 === 0x64 || (w0 & 0xfe00) === 0xfc00 || (w0 & 0xffc0) === 0xfe80;
}

function* combinations(octets: number[][]): Generator<number> {
  const [a = [], b = [], c = [], d = []] = octets;
  for (const x of a)
    for (const y of b) for (const z of c) for (const w of d) yield ((x * 256 + y) * 256 + z) * 256 + w;
}
