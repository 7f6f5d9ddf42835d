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

/** Resend takes at most this many messages per batch call. */
export const BATCH_LIMIT = 100;

/** Per message of a batch, in order: the provider's id, or why it refused that one message. */
export type BatchOutcome = { providerId: string } | { error: string };

export interface EmailProvider {
  name: 'embedded' | 'resend';
  send(email: OutgoingEmail): Promise<{ providerId: string }>;
  /** Up to BATCH_LIMIT messages in one call; `idempotencyKey` is the call's, stable across retries. */
  sendBatch(emails: Omit<OutgoingEmail, 'idempotencyKey'>[], idempotencyKey: string): Promise<BatchOutcome[]>;
}

export const embeddedProvider: EmailProvider = {
  name: 'embedded',
  async send(email) {
    return { providerId: `embedded_${email.idempotencyKey}` };
  },
  async sendBatch(emails, idempotencyKey) {
    return emails.map((_, i) => ({ providerId: `embedded_${idempotencyKey}_${i}` }));
  },
};

/** Resend's own errors that say our request was wrong; they must not open the breaker. */
const CLIENT_ERRORS = new Set([
  'validation_error',
  'missing_required_field',
  'invalid_idempotency_key',
  'invalid_from_address',
  'invalid_idempotent_request',
  // Our own pace exceeded Resend's: the call is retried later, the service itself is fine.
  'rate_limit_exceeded',
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
        opensBreaker,
      );
    },
    async sendBatch(emails, idempotencyKey) {
      return withBreaker(
        env,
        'resend',
        async () => {
          // Permissive: one bad address is reported by its index instead of failing the other 99.
          const { data, error } = await resend.batch.send(
            emails.map(({ from, to, subject, html, text }) => ({ from, to, subject, html, text })),
            { idempotencyKey, batchValidation: 'permissive' },
          );
          if (error || !data)
            throw new ResendError(error?.name ?? 'unknown', error?.message ?? 'no response');
          const refused = new Map((data.errors ?? []).map((e) => [e.index, e.message]));
          // `data.data` lists the accepted messages in order; the refused ones are left out of it.
          const accepted = data.data[Symbol.iterator]();
          return emails.map((_, i): BatchOutcome => {
            const reason = refused.get(i);
            if (reason !== undefined) return { error: reason };
            const id = accepted.next().value?.id;
            return id ? { providerId: id } : { error: 'Resend returned no id for this message' };
          });
        },
        opensBreaker,
      );
    },
  };
}

const opensBreaker = (error: unknown) => !(error instanceof ResendError && CLIENT_ERRORS.has(error.code));
