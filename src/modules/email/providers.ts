// Email delivery providers: Resend when RESEND_API_KEY is set, otherwise the embedded outbox that only
// records messages (viewable at GET /v1/admin/emails).
import { Resend } from 'resend';
import { withBreaker } from '../../lib/breaker';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per message: Resend drops a second send with the same key, so a retried handler sends once. */
  idempotencyKey: string;
}

export interface EmailProvider {
  name: 'embedded' | 'resend';
  send(email: OutgoingEmail): Promise<{ providerId: string }>;
}

export const embeddedProvider: EmailProvider = {
  name: 'embedded',
  async send(email) {
    return { providerId: `embedded_${email.idempotencyKey}` };
  },
};

/** Resend's own errors that say our request was wrong; they must not open the breaker. */
const CLIENT_ERRORS = new Set([
  'validation_error',
  'missing_required_field',
  'invalid_idempotency_key',
  'invalid_from_address',
]);

export class ResendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`Resend ${code}: ${message}`);
    this.name = 'ResendError';
  }
}

export function resendProvider(env: Env, apiKey: string): EmailProvider {
  const resend = new Resend(apiKey);
  return {
    name: 'resend',
    async send(email) {
      return withBreaker(
        env,
        'resend',
        async () => {
          const { data, error } = await resend.emails.send(
            { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
            { idempotencyKey: email.idempotencyKey },
          );
          if (error || !data)
            throw new ResendError(error?.name ?? 'unknown', error?.message ?? 'no response');
          return { providerId: data.id };
        },
        (error) => !(error instanceof ResendError && CLIENT_ERRORS.has(error.code)),
      );
    },
  };
}
