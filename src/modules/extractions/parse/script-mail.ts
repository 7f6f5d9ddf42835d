// Addresses that CMSs hide behind a script, decoded from the markup alone (no script is run).
import { registrableDomain } from './domain';
import { isValidEmail } from './emails';
import { safeDecodeUri } from './mailto';

// TYPO3's spam protection (config.spamProtectEmailAddresses = n) moves each character of "mailto:…" n places on within
// three ranges and lets linkTo_UnCryptMailto move it back: `<a data-mailto-token="nbjmup+jogpAgjsnb/ef"
// data-mailto-vector="1">` (TYPO3 ≥ 11) or `href="javascript:linkTo_UnCryptMailto('nbjmup+…')"` (older).
const TYPO3_RANGES: [number, number][] = [
  [0x2b, 0x3a],
  [0x40, 0x5a],
  [0x61, 0x7a],
];
const MAX_TYPO3_OFFSET = 10;

/** One address the email extractor would take (emails.ts), whatever its case. */
const isAddress = (text: string) => isValidEmail(text.trim().toLowerCase());

/** A mailto: link to `target` when every recipient before its query is an address; else null. */
function mailtoIfAddresses(target: string): string | null {
  const recipients = (target.split('?')[0] ?? '').split(/[,;]/);
  return recipients.every(isAddress) ? `mailto:${target}` : null;
}

function shift(token: string, offset: number): string {
  let out = '';
  for (const ch of token) {
    const code = ch.charCodeAt(0);
    const range = TYPO3_RANGES.find(([lo, hi]) => code >= lo && code <= hi);
    if (!range) {
      out += ch;
      continue;
    }
    const [lo, hi] = range;
    const size = hi - lo + 1;
    out += String.fromCharCode(lo + ((((code - lo + offset) % size) + size) % size));
  }
  return out;
}

/**
 * The mailto: link behind a TYPO3 token, or null. The offset is found, not trusted: the one (±1…10) that turns the
 * token into "mailto:" — the vector attribute is absent on older sites.
 */
export function decodeTypo3Mailto(token: string): string | null {
  const clean = token.trim();
  if (!clean || clean.length > 512) return null;
  for (let n = 1; n <= MAX_TYPO3_OFFSET; n++) {
    for (const offset of [-n, n]) {
      const decoded = shift(clean.slice(0, 7), offset);
      if (decoded.toLowerCase() === 'mailto:') return shift(clean, offset);
    }
  }
  return null;
}

/** The token inside `javascript:linkTo_UnCryptMailto('…')` (also percent-encoded quotes), or null. */
export function typo3TokenFromHref(href: string): string | null {
  const m = /linkTo_UnCryptMailto\(\s*(?:'|%27|")([^'"%]+)/i.exec(href);
  return m?.[1] ?? null;
}

/**
 * Networkteam's MailObfuscator for Neos writes `javascript:linkTo_UnCryptMailto('<token>',-<offset>)`: TYPO3's shift
 * over the same three ranges, but of the address alone (no "mailto:" in the token, so the offset cannot be found from
 * it) with a random offset of 1…26 per link, which the call passes and its script applies. The mailto: link, or null
 * when the href has no explicit offset or the token does not shift back into one valid-looking address.
 */
export function decodeOffsetMailto(href: string): string | null {
  const m = /linkTo_UnCryptMailto\(\s*(?:'|%27|")([^'"%]{3,512})(?:'|%27|")\s*,\s*(-?\d{1,3})\s*\)/i.exec(
    href,
  );
  if (!m?.[1] || !m[2]) return null;
  const decoded = shift(m[1].trim(), Number(m[2]));
  if (/^mailto:/i.test(decoded)) return decoded;
  return mailtoIfAddresses(decoded);
}

/**
 * The CryptX plugin for WordPress writes every mailto: link as `javascript:DeCryptX('<pairs>')`: each character of the
 * address as a digit d (0…3 in practice) followed by the character d code points up, which its script takes back
 * down and opens as "mailto:" + the result. The mailto: link, or null when the pairs do not decode to one valid-looking
 * address.
 */
export function decodeCryptX(href: string): string | null {
  const m = /DeCryptX\(\s*(?:'|%27|")([^'"]{6,1024}?)(?:'|%27|")\s*\)/i.exec(href);
  const pairs = m?.[1];
  if (!pairs || pairs.length % 2 !== 0) return null;
  let out = '';
  for (let i = 0; i < pairs.length; i += 2) {
    const d = pairs.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    out += String.fromCharCode(pairs.charCodeAt(i + 1) - d);
  }
  const address = out.replace(/^mailto:/i, '');
  return isAddress(address.split('?')[0] ?? '') ? `mailto:${address}` : null;
}

const EMO_KEY = /\bemo_addr\[0\]\s*=\s*["']([A-Za-z0-9+/.=_-]{64})["']/;
const EMO_VALUE = /\bemo_addr\[\d{1,4}\]\s*=\s*["']([^"'\s]{4,4096})["']/g;

/**
 * ProcessWire's Email Obfuscation module (EMO) puts a placeholder where each address was and appends a script:
 * `emo_addr[0] = "<a shuffled 64-character base-64 alphabet>"` and `emo_addr[N] = "<the address's link, base-64
 * encoded with that alphabet>"`, which its script decodes into the placeholders. Every mailto: target of the decoded
 * links (an address written as text becomes such a link too); [] when the script is not EMO's.
 */
export function decodeEmoScript(script: string): string[] {
  const key = EMO_KEY.exec(script)?.[1];
  if (!key || new Set(key).size !== 64) return [];
  const found: string[] = [];
  for (const m of script.matchAll(EMO_VALUE)) {
    const encoded = m[1] ?? '';
    if (encoded === key) continue;
    const bytes: number[] = [];
    let bits = 0;
    let buffer = 0;
    for (const ch of encoded) {
      const value = key.indexOf(ch);
      if (value < 0) break;
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes.push((buffer >> bits) & 0xff);
      }
    }
    const html = new TextDecoder().decode(new Uint8Array(bytes)).replace(/\0+$/, '');
    for (const link of html.matchAll(/href\s*=\s*["']mailto:([^"']{3,512})["']/gi)) {
      const address = link[1] ?? '';
      if (isAddress(safeDecodeUri(address.split('?')[0] ?? ''))) found.push(`mailto:${address}`);
    }
  }
  return found;
}

function fromBase64(value: string): string | null {
  try {
    return atob(value.trim());
  } catch {
    return null;
  }
}

/**
 * Joomla's email cloaking (Joomla 4/5): `<joomla-hidden-mail is-email="1" first="aW5mbw==" last="ZmlybWEuYXQ=">`,
 * whose script joins the base64 parts with "@". The address, or null when the element is not an email's.
 */
export function decodeJoomlaMail(attr: (name: string) => string | null): string | null {
  if (attr('is-email') !== '1') return null;
  const first = fromBase64(attr('first') ?? '');
  const last = fromBase64(attr('last') ?? '');
  if (!first || !last || /[\s@<>]/.test(first + last)) return null;
  return `${first}@${last}`;
}

const rot13 = (text: string) =>
  text.replace(/[a-z]/gi, (ch) => {
    const base = ch <= 'Z' ? 65 : 97;
    return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
  });

/**
 * REDAXO's emailobfuscator add-on (FriendsOfREDAXO, default mode "rot13_unicorn") rewrites a mailto: link's target —
 * everything after "mailto:", query included — to `javascript:decryptUnicorn(<ROT13 of it, "|" for "@">)`, which its
 * script turns back into the link. The mailto: link, or null when the href is not such a link or decodes to no address
 * (the part before any "?" must hold one valid-looking address per recipient).
 */
export function decodeUnicornHref(href: string): string | null {
  const m = /^\s*javascript:\s*decryptUnicorn\(\s*['"]?([^'"()]{3,512}?)['"]?\s*\)\s*;?\s*$/i.exec(href);
  if (!m?.[1]) return null;
  const target = rot13(m[1]).replace(/\|/g, '@');
  return mailtoIfAddresses(target);
}

/**
 * Incomedia WebSite X5 writes every address as `javascript:x5engine.utils.emailTo('<id>','<address reversed>','','')`
 * (in an href or an onclick; the last two arguments a subject and a body): its "obfuscation" is the address spelt
 * backwards, which the engine's script turns round into a mailto: link. The mailto: link, or null when the call holds
 * no valid-looking address.
 */
export function decodeX5EmailTo(js: string): string | null {
  const m =
    /x5engine\.utils\.emailTo\(\s*(?:'[^']{0,40}'|"[^"]{0,40}"|\d{1,20})\s*,\s*(['"])([^'"\s]{3,254})\1/i.exec(
      safeDecodeUri(js),
    );
  if (!m?.[2]) return null;
  const address = [...m[2]].reverse().join('');
  return isAddress(address) ? `mailto:${address}` : null;
}

/**
 * Astro serialises an island's props into its `props` attribute as JSON, each value a [type, value] pair
 * (`{"recipient":[0,"info@firma.ie"],"items":[1,[[0,"…"]]]}`); a client-only component (a quote form) may hold the
 * only copy of an address there. The string values that are whole addresses on the page's own registrable domain, as
 * mailto: targets — another domain's (a form service's, a developer's) are not taken for the site's.
 */
export function astroPropsAddresses(props: string, pageUrl: string): string[] {
  if (!props.includes('@') || props.length > 64 * 1024) return [];
  let data: unknown;
  try {
    data = JSON.parse(props);
  } catch {
    return [];
  }
  let own = '';
  try {
    own = registrableDomain(new URL(pageUrl).hostname);
  } catch {
    return [];
  }
  const found: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 12) return;
    if (typeof value === 'string') {
      const address = value.trim().replace(/^mailto:/i, '');
      if (
        isAddress(address) &&
        registrableDomain(address.slice(address.indexOf('@') + 1).toLowerCase()) === own
      )
        found.push(address);
    } else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (value && typeof value === 'object')
      for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(data, 0);
  return found;
}
