// Addresses that CMSs hide behind a script, decoded from the markup alone (no script is run).

// TYPO3's spam protection (config.spamProtectEmailAddresses = n) moves each character of "mailto:…" n places on within
// three ranges and lets linkTo_UnCryptMailto move it back: `<a data-mailto-token="nbjmup+jogpAgjsnb/ef"
// data-mailto-vector="1">` (TYPO3 ≥ 11) or `href="javascript:linkTo_UnCryptMailto('nbjmup+…')"` (older).
const TYPO3_RANGES: [number, number][] = [
  [0x2b, 0x3a],
  [0x40, 0x5a],
  [0x61, 0x7a],
];
const MAX_TYPO3_OFFSET = 10;

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

// One valid-looking address, as the decoders below accept it.
const ADDRESS = /^[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}$/i;

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
  const recipients = (target.split('?')[0] ?? '').split(/[,;]/);
  return recipients.every((r) => ADDRESS.test(r.trim())) ? `mailto:${target}` : null;
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
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
  return ADDRESS.test(address) ? `mailto:${address}` : null;
}
