// Sending an email once: a log row per message (keyed by what caused it), then delivery through the
// configured provider, the status and an `email.sent` event in one batch.
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { type EmailLog, emailLogs } from '../../db/schema';
import { sha256Hex } from '../../lib/crypto';
import { ApiError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { recordEvent } from '../../lib/outbox';
import { stampRequestId } from '../../lib/request-context';
import { type EmailProvider, embeddedProvider, resendProvider } from './providers';
import type { RenderedEmail, TemplateName } from './templates';

export interface EmailRequest {
  template: TemplateName;
  to: string;
  content: RenderedEmail;
  /** What caused the email, e.g. `evt_…:engagementRequested:anna@…`; the same cause sends once. */
  cause: string;
}

export const EMAIL_NOT_CONFIGURED =
  'Email is not configured: RESEND_API_KEY is not set (the embedded outbox stands in only with ENVIRONMENT=development)';

/** Resend with a key; the embedded outbox in local development; otherwise an error, so the send is retried. */
export function providerFor(env: Env): EmailProvider {
  const { RESEND_API_KEY, ENVIRONMENT } = loadConfig(env);
  if (RESEND_API_KEY) return resendProvider(env, RESEND_API_KEY);
  if (ENVIRONMENT === 'development') return embeddedProvider;
  throw new ApiError(503, EMAIL_NOT_CONFIGURED);
}

/** The log row of one message, queued: what it is, to whom, through which provider, keyed by its cause. */
export async function emailLogRow(
  env: Env,
  provider: EmailProvider,
  request: EmailRequest,
  job?: { id: string; chunk: number },
): Promise<typeof emailLogs.$inferInsert> {
  const now = new Date().toISOString();
  return {
    id: newId('email'),
    dedupeKey: await sha256Hex(request.cause),
    template: request.template,
    to: request.to,
    from: loadConfig(env).EMAIL_FROM,
    subject: request.content.subject,
    html: request.content.html,
    text: request.content.text,
    provider: provider.name,
    status: 'queued',
    jobId: job?.id ?? null,
    jobChunk: job?.chunk ?? null,
    requestId: stampRequestId(),
    createdAt: now,
    updatedAt: now,
  };
}

export async function sendEmail(env: Env, db: Db, request: EmailRequest): Promise<EmailLog> {
  const provider = providerFor(env);
  const row = await emailLogRow(env, provider, request);
  const { dedupeKey } = row;
  await db.insert(emailLogs).values(row).onConflictDoNothing();
  const log = await db.query.emailLogs.findFirst({ where: eq(emailLogs.dedupeKey, dedupeKey) });
  if (!log) throw new Error('email log vanished');
  // Already handed to the provider by an earlier attempt: nothing to do.
  if (log.status !== 'queued') return log;

  const { providerId } = await provider.send({
    from: log.from,
    to: log.to,
    subject: log.subject,
    html: log.html,
    text: log.text,
    idempotencyKey: dedupeKey,
  });
  const [updated] = await db.batch([
    db
      .update(emailLogs)
      .set({ status: 'sent', providerId, updatedAt: new Date().toISOString() })
      .where(and(eq(emailLogs.id, log.id), eq(emailLogs.status, 'queued')))
      .returning(),
    // Only the attempt that moved it out of `queued` records the event (a concurrent duplicate does not).
    recordEvent(
      db,
      {
        type: 'email.sent',
        data: { email_id: log.id, template: log.template, to: log.to, provider: provider.name },
      },
      { onlyIf: sql`changes() = 1` },
    ),
  ]);
  return updated[0] ?? log;
}
