// Addresses and numbers behind mailto: and tel: links (RFC 6068 and RFC 3966 as sites actually write them).

/** decodeURIComponent, or the text as it is where it holds a stray '%'. */
export function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const RECIPIENT_FIELDS = new Set(['to', 'cc', 'bcc']);

/** One recipient as written: "Info <info@firma.de>" or "info@firma.de"; "" when nothing address-like is left. */
function bareAddress(recipient: string): string {
  const bracketed = /<([^<>]+)>/.exec(recipient);
  return (bracketed?.[1] ?? recipient).trim();
}

/**
 * Every recipient of a mailto: link: the path (several separated by "," or ";") and the to/cc/bcc fields, each
 * percent-decoded; subject, body and unknown fields ignored. Handles `mailto:a@x.de,b@x.de?subject=Hallo&cc=c@x.de`,
 * `mailto:info%40x.de` and a query whose "?" was itself percent-encoded (`mailto:info@x.de%3Fsubject%3DHi`).
 */
export function mailtoAddresses(href: string): string[] {
  const rest = href.replace(/^\s*mailto:(?:\/\/)?/i, '');
  const cut = rest.indexOf('?');
  const path = safeDecodeUri(cut === -1 ? rest : rest.slice(0, cut));
  const encodedCut = path.indexOf('?');
  const recipients = (encodedCut === -1 ? path : path.slice(0, encodedCut)).split(/[,;]/);
  if (encodedCut !== -1) recipients.push(...recipientFields(path.slice(encodedCut + 1), (v) => v));
  if (cut !== -1) recipients.push(...recipientFields(rest.slice(cut + 1), safeDecodeUri));
  return recipients.map(bareAddress).filter(Boolean);
}

function recipientFields(query: string, decode: (value: string) => string): string[] {
  const found: string[] = [];
  for (const field of query.split('&')) {
    const eq = field.indexOf('=');
    if (eq === -1 || !RECIPIENT_FIELDS.has(field.slice(0, eq).trim().toLowerCase())) continue;
    found.push(...decode(field.slice(eq + 1)).split(/[,;]/));
  }
  return found;
}

/**
 * The number of a tel: (or callto:) link, percent-decoded, without its parameters: `tel:+49%2030%20123456`,
 * `tel:+49 (0)30 123456`, `tel:030-123456;ext=12` → "030-123456". Visual separators are left for the phone parser.
 */
export function telNumber(href: string): string {
  const number = safeDecodeUri(href.slice(href.indexOf(':') + 1)).replace(/^\/\//, '');
  return (number.split(/[;?]/)[0] ?? '').replace(/\s+/g, ' ').trim();
}
