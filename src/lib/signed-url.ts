// Short-lived download links: an HMAC over (purpose, id, expiry) in the query, so a browser can fetch the
// bytes without our bearer token (an <a href> or a new tab). Files and documents sign with their own purpose,
// so a signature for one never opens the other.

import { hmacSign, hmacVerify } from './crypto';
import { ApiError } from './errors';

export const SIGNED_URL_TTL_SECONDS = 300;

const signedMessage = (purpose: string, id: string, expires: number) => `${purpose}\n${id}\n${expires}`;

/**
 * `{url, expires_at}` for `path` (which ends in the id's download route) on `origin`, valid `ttlSeconds`
 * (SIGNED_URL_TTL_SECONDS unless a link must outlive a page view, as one in an email does).
 */
export async function signUrl(
  secret: string,
  link: { purpose: string; id: string; origin: string; path: string },
  now = Date.now(),
  ttlSeconds = SIGNED_URL_TTL_SECONDS,
) {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const signature = await hmacSign(secret, signedMessage(link.purpose, link.id, expires));
  return {
    url: `${link.origin}${link.path}?expires=${expires}&signature=${signature}`,
    expires_at: new Date(expires * 1000).toISOString(),
  };
}

/** 403 for a forged, altered or expired signature. */
export async function verifySignedUrl(
  secret: string,
  link: { purpose: string; id: string; expires: number; signature: string },
) {
  const valid =
    link.expires * 1000 > Date.now() &&
    (await hmacVerify(secret, signedMessage(link.purpose, link.id, link.expires), link.signature));
  if (!valid) throw new ApiError(403, 'This link is invalid or has expired');
}
