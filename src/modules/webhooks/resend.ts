// POST /v1/webhooks/resend: delivery status from Resend, signed with Svix headers over the raw body.
// Forged or stale (> 5 min) signatures are refused with 400; a replayed delivery (same svix-id) is a no-op.
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { Webhook, WebhookVerificationError } from 'svix';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { emailLogs, webhookReceipts } from '../../db/schema';
import type { EventType } from '../../events/catalog';
import { ApiError, badRequest } from '../../lib/errors';
import { log } from '../../lib/logger';
import { createRouter, errorResponses, jsonResponse } from '../../lib/openapi';
import { recordEvent } from '../../lib/outbox';

const resendEventSchema = z.object({
  type: z.string(),
  created_at: z.string().optional(),
  data: z.object({ email_id: z.string() }).passthrough(),
});
type ResendEvent = z.infer<typeof resendEventSchema>;

/** Status each Resend event moves a log to, and its rank: a late "sent" never undoes "delivered". */
const STATUS_BY_TYPE: Record<string, { status: 'sent' | 'delivered' | 'bounced'; rank: number }> = {
  'email.sent': { status: 'sent', rank: 1 },
  'email.delivered': { status: 'delivered', rank: 2 },
  'email.bounced': { status: 'bounced', rank: 3 },
};
const RANK: Record<string, number> = { queued: 0, failed: 0, sent: 1, delivered: 2, bounced: 3 };
const ENGAGE_EVENTS: Record<string, Extract<EventType, `email.${string}`>> = {
  'email.delivered': 'email.delivered',
  'email.bounced': 'email.bounced',
  'email.opened': 'email.opened',
  'email.clicked': 'email.clicked',
};

const receiptOf = (db: Db, messageId: string) =>
  db.query.webhookReceipts.findFirst({
    where: and(eq(webhookReceipts.provider, 'resend'), eq(webhookReceipts.messageId, messageId)),
  });

/**
 * Applies one delivery. The receipt is written in the same batch as the change, so a delivery is either
 * fully applied and remembered, or neither (and Resend's retry applies it).
 */
export async function applyResendEvent(db: Db, messageId: string, event: ResendEvent) {
  if (await receiptOf(db, messageId)) return { applied: false, reason: 'duplicate delivery' };
  const receipt = db.insert(webhookReceipts).values({ provider: 'resend', messageId });
  const email = await db.query.emailLogs.findFirst({ where: eq(emailLogs.providerId, event.data.email_id) });
  if (!email) {
    await receipt.onConflictDoNothing();
    return { applied: false, reason: 'unknown email' };
  }

  const now = new Date().toISOString();
  const change: Partial<typeof emailLogs.$inferInsert> = {};
  // Own keys only: a type named like an Object.prototype member ("constructor") maps to nothing.
  const next = Object.hasOwn(STATUS_BY_TYPE, event.type) ? STATUS_BY_TYPE[event.type] : undefined;
  if (next && next.rank > (RANK[email.status] ?? 0)) change.status = next.status;
  if (event.type === 'email.opened' && !email.openedAt) change.openedAt = event.created_at ?? now;
  if (event.type === 'email.clicked' && !email.clickedAt) change.clickedAt = event.created_at ?? now;
  const engageEvent = Object.hasOwn(ENGAGE_EVENTS, event.type) ? ENGAGE_EVENTS[event.type] : undefined;
  if (Object.keys(change).length === 0 && !engageEvent) {
    await receipt.onConflictDoNothing();
    return { applied: false, reason: 'nothing to change' };
  }
  try {
    await db.batch([
      receipt,
      db
        .update(emailLogs)
        .set({ ...change, updatedAt: now })
        .where(eq(emailLogs.id, email.id)),
      ...(engageEvent
        ? [
            recordEvent(db, {
              type: engageEvent,
              data: { email_id: email.id, to: email.to, template: email.template },
            }),
          ]
        : []),
    ]);
  } catch (error) {
    // A concurrent delivery of the same message won the receipt: this one is the duplicate.
    if (await receiptOf(db, messageId)) return { applied: false, reason: 'duplicate delivery' };
    throw error;
  }
  return { applied: true };
}

const route = createRoute({
  method: 'post',
  path: '/resend',
  tags: ['Webhooks'],
  summary: 'Resend delivery events (Svix-signed)',
  request: {
    // Documented here; checked by the signature verification (a missing header is a failed verification, 400).
    headers: z.object({
      'svix-id': z.string().optional(),
      'svix-timestamp': z.string().optional(),
      'svix-signature': z.string().optional(),
    }),
  },
  responses: {
    200: jsonResponse('Accepted', z.object({ received: z.boolean(), applied: z.boolean() })),
    ...errorResponses(400, 422),
    503: { description: 'RESEND_WEBHOOK_SECRET is not configured' },
  },
});

export const resendWebhookRoutes = createRouter().openapi(route, async (c) => {
  const secret = loadConfig(c.env).RESEND_WEBHOOK_SECRET;
  if (!secret) throw new ApiError(503, 'RESEND_WEBHOOK_SECRET is not configured');
  let verifier: Webhook;
  try {
    verifier = new Webhook(secret);
  } catch {
    throw new ApiError(503, 'RESEND_WEBHOOK_SECRET is not a valid whsec_ secret');
  }
  const raw = await c.req.text();
  const headers = {
    'svix-id': c.req.header('svix-id') ?? '',
    'svix-timestamp': c.req.header('svix-timestamp') ?? '',
    'svix-signature': c.req.header('svix-signature') ?? '',
  };
  try {
    // svix's verify returns nothing (2.x): it only throws; the payload is parsed below once trusted.
    verifier.verify(raw, headers);
  } catch (error) {
    if (error instanceof WebhookVerificationError)
      throw badRequest(`Signature verification failed: ${error.message}`);
    throw badRequest('Signature verification failed');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    throw badRequest('Signed payload is not JSON');
  }
  const event = resendEventSchema.safeParse(payload);
  if (!event.success) throw badRequest('Signed payload is not a Resend event');
  const result = await applyResendEvent(c.var.db, headers['svix-id'], event.data);
  if (!result.applied)
    log.info('resend webhook not applied', { svix_id: headers['svix-id'], reason: result.reason });
  return c.json({ received: true, applied: result.applied }, 200);
});
