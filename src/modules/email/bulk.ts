// An admin's bulk send: one announcement to up to 10,000 recipients, as an email job (./jobs.ts).
import { z } from '@hono/zod-openapi';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { jobView, startEmailJob } from './jobs';
import { templates } from './templates';

export const BULK_MAX_RECIPIENTS = 10_000;

const recipientSchema = z.union([
  z.email().max(254),
  z.object({ email: z.email().max(254), name: z.string().trim().min(1).max(200).optional() }),
]);

export const bulkSendSchema = z
  .object({
    template: z
      .literal('announcement')
      .openapi({ description: 'The bulk template: subject and message as written' }),
    subject: z.string().trim().min(1).max(200),
    message: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .openapi({ description: 'Plain text; blank lines separate paragraphs' }),
    recipients: z.array(recipientSchema).min(1).max(BULK_MAX_RECIPIENTS).openapi({
      description: 'Addresses, or {email, name} to greet by name; the same address twice is sent once',
    }),
  })
  .openapi('BulkSend');

export type BulkSend = z.infer<typeof bulkSendSchema>;

export async function startBulkSend(env: Env, db: Db, request: BulkSend, adminId: string) {
  const byAddress = new Map<string, { email: string; name?: string }>();
  for (const recipient of request.recipients) {
    const entry = typeof recipient === 'string' ? { email: recipient } : recipient;
    const key = entry.email.toLowerCase();
    if (!byAddress.has(key)) byAddress.set(key, entry);
  }
  const paragraphs = request.message
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const cause = `bulk:${crypto.randomUUID()}`;
  const url = loadConfig(env).APP_URL;
  const { job } = await startEmailJob(env, db, {
    kind: 'bulk',
    template: 'announcement',
    cause,
    subject: request.subject,
    createdBy: adminId,
    messages: [...byAddress].map(([address, { email, name }]) => ({
      template: 'announcement',
      to: email,
      cause: `${cause}:${address}`,
      content: templates.announcement({ name, subject: request.subject, paragraphs, url }),
    })),
  });
  return jobView(db, job);
}
