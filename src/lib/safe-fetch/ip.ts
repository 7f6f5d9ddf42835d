// Parses IPv4/IPv6 text and tells whether an address is publicly routable (not loopback, private, reserved …).

/** Strict dotted-quad IPv4 ("93.184.216.34") as an unsigned 32-bit number, or null. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** One IPv4 number part as WHATWG URL reads it: decimal, 0x-hex or 0-prefixed octal. */
export function parseIPv4Number(part: string): number | null {
  let radix = 10;
  let digits = part;
  if (/^0x/i.test(part)) {
    radix = 16;
    digits = part.slice(2);
  } else if (part.length > 1 && part.startsWith('0')) {
    radix = 8;
    digits = part.slice(1);
  }
  if (part === '') return null;
  if (digits === '') return 0;
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^\d+$/;
  if (!valid.test(digits)) return null;
  const value = Number.parseInt(digits, radix);
  return Number.isSafeInteger(value) ? value : null;
}

/** IPv6 text (brackets and zone id tolerated, IPv4 tail allowed) as eight 16-bit words, or null. */
export function parseIPv6(text: string): number[] | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(':');
  if (lastColon < 0) return null;
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const words = (half: string) =>
    half === ''
      ? []
      : half.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? Number.parseInt(g, 16) : Number.NaN));
  const head = words(halves[0] ?? '');
  const rest = halves.length === 2 ? words(halves[1] ?? '') : [];
  if ([...head, ...rest].some(Number.isNaN)) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - rest.length;
  if (fill < 1) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...rest];
}

// Special-purpose IPv4 blocks (RFC 6890 and friends) that must never be fetched.
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT (also Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast 255.255.255.255
];
const V4_RANGES = V4_BLOCKED.map(([base, prefix]) => {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { net: ((parseIPv4(base) ?? 0) & mask) >>> 0, mask };
});

export function isPublicIPv4(address: number): boolean {
  return !V4_RANGES.some(({ net, mask }) => (address & mask) >>> 0 === net);
}

const v4From = (hi: number, lo: number) => hi * 0x10000 + lo;

export function isPublicIPv6(w: number[]): boolean {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = w;
  const zeroPrefix = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;
  if (zeroPrefix && w5 === 0xffff) return isPublicIPv4(v4From(w6, w7)); // ::ffff:0:0/96 mapped
  if (zeroPrefix && w5 === 0) return false; // ::, ::1 and deprecated IPv4-compatible ::/96
  if (w0 === 0x64 && w1 === 0xff9b) {
    // NAT64: the well-known /96 carries an IPv4 address; the local-use 64:ff9b:1::/48 is private.
    return w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0 && isPublicIPv4(v4From(w6, w7));
  }
  if (w0 === 0x2002) return isPublicIPv4(v4From(w1, w2)); // 6to4 embeds an IPv4 address
  if ((w0 & 0xe000) !== 0x2000) return false; // outside global unicast 2000::/3: fc00::/7, fe80::/10, ff00::/8 …
  if (w0 === 0x2001 && (w1 < 0x200 || w1 === 0x0db8)) return false; // 2001::/23 (Teredo, ORCHID …), docs
  if (w0 === 0x3fff) return false; // documentation 3fff::/20
  return true;
}

/** True only for an address literal that parses and lies in public unicast space. */
export function isPublicAddress(text: string): boolean {
  const v4 = parseIPv4(text);
  if (v4 !== null) return isPublicIPv4(v4);
  const v6 = parseIPv6(text);
  return v6 !== null && isPublicIPv6(v6);
}
