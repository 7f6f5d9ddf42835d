// Standard Webhooks signing (https://www.standardwebhooks.com): the library's own signer, so what we send
// is exactly what its verifiers (and Svix's) accept. During a rotation both secrets sign, space-separated.
import { Webhook } from 'standardwebhooks';

export const SECRET_PREFIX = 'whsec_';
/** How long the old secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

/** A fresh `whsec_` secret: 32 random bytes, base64 as the Standard Webhooks libraries expect. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `${SECRET_PREFIX}${btoa(String.fromCharCode(...bytes))}`;
}

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: string | null;
}

/** The three headers of one attempt: `webhook-id` is the event id, the same on every attempt and replay. */
export function signedHeaders(
  secrets: SigningSecrets,
  eventId: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const active = [secrets.secret];
  if (secrets.previousSecret && secrets.previousSecretUntil && new Date(secrets.previousSecretUntil) > now)
    active.push(secrets.previousSecret);
  const signature = active.map((secret) => new Webhook(secret).sign(eventId, now, body)).join(' ');
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signature,
  };
}
