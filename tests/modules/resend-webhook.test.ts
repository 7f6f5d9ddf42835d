import { env } from 'cloudflare:workers';
import { Webhook } from 'svix';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { sendEmail } from '../../src/modules/email/service';
import { type Account, call, createAdmin, expectProblem, json } from '../helpers';

const OTHER_SECRET = 'whsec_b3RoZXItc2VjcmV0LW5vdC1yZXNlbmRzLWF0LWFsbC0zMg==';

let admin: Account;
beforeAll(async () => {
  admin = await createAdmin();
});

let counter = 0;
const nextMessageId = () => `msg_${Date.now().toString(36)}_${++counter}`;

/** An email sent through the embedded provider, as the event handlers send them. */
async function seedEmail() {
  const to = `reader-${++counter}@example.test`;
  const log = await sendEmail(env, createDb(env.DB), {
    template: 'taskCompleted',
    to,
    cause: `test:${to}`,
    content: { subject: 'Completed: Tender 42', html: '<p>Done</p>', text: 'Done' },
  });
  expect(log).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^embedded_/) });
  return log;
}

function resendEvent(type: string, emailId: string, createdAt = new Date().toISOString()) {
  return JSON.stringify({ type, created_at: createdAt, data: { email_id: emailId, to: ['x@example.test'] } });
}

interface DeliveryOptions {
  id?: string;
  secret?: string;
  timestamp?: Date;
  /** Replaces the body after signing, as a tampering proxy would. */
  tamper?: (body: string) => string;
  headers?: Record<string, string>;
}

function deliver(body: string, options: DeliveryOptions = {}) {
  const id = options.id ?? nextMessageId();
  const timestamp = options.timestamp ?? new Date();
  const signature = new Webhook(options.secret ?? env.RESEND_WEBHOOK_SECRET).sign(id, timestamp, body);
  const headers = options.headers ?? {
    'svix-id': id,
    'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'svix-signature': signature,
  };
  return call('/v1/webhooks/resend', {
    body: options.tamper ? options.tamper(body) : body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

async function emailView(to: string) {
  const { data } = await json(
    await call(`/v1/admin/emails?to=${encodeURIComponent(to)}`, { token: admin.token }),
  );
  expect(data).toHaveLength(1);
  return data[0];
}

async function engageEvents(type: string, emailId: string) {
  const { results } = await env.DB.prepare(
    "SELECT type, data FROM events WHERE type = ? AND json_extract(data, '$.email_id') = ?",
  )
    .bind(type, emailId)
    .all<{ type: string; data: string }>();
  return results.map((row) => ({ type: row.type, data: JSON.parse(row.data) }));
}

describe('POST /v1/webhooks/resend', () => {
  it('marks the email delivered on a validly signed email.delivered and records the event', async () => {
    const log = await seedEmail();
    const response = await deliver(resendEvent('email.delivered', log.providerId ?? ''));
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ received: true, applied: true });
    expect(await emailView(log.to)).toMatchObject({ id: log.id, status: 'delivered' });
    expect(await engageEvents('email.delivered', log.id)).toEqual([
      { type: 'email.delivered', data: { email_id: log.id, to: log.to, template: 'taskCompleted' } },
    ]);
  });

  it('refuses a signature made with another secret with 400, changing nothing', async () => {
    const log = await seedEmail();
    const id = nextMessageId();
    const body = resendEvent('email.delivered', log.providerId ?? '');
    const problem = await expectProblem(await deliver(body, { id, secret: OTHER_SECRET }), 400);
    expect(problem.detail).toMatch(/signature/i);
    expect((await emailView(log.to)).status).toBe('sent');
    expect(await engageEvents('email.delivered', log.id)).toEqual([]);
    // The forged delivery did not burn its message id: the genuine one with that id still applies.
    expect(await json(await deliver(body, { id }))).toMatchObject({ applied: true });
    expect((await emailView(log.to)).status).toBe('delivered');
  });

  it('refuses a signature older than five minutes with 400', async () => {
    const log = await seedEmail();
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    const body = resendEvent('email.delivered', log.providerId ?? '');
    await expectProblem(await deliver(body, { timestamp: sixMinutesAgo }), 400);
    expect((await emailView(log.to)).status).toBe('sent');
  });

  it('refuses a delivery without the Svix headers with 400', async () => {
    const log = await seedEmail();
    const body = resendEvent('email.delivered', log.providerId ?? '');
    await expectProblem(await deliver(body, { headers: {} }), 400);
    await expectProblem(
      await deliver(body, { headers: { 'svix-id': nextMessageId(), 'svix-timestamp': String(Date.now()) } }),
      400,
    );
    expect((await emailView(log.to)).status).toBe('sent');
  });

  it('refuses a body altered after signing with 400', async () => {
    const log = await seedEmail();
    const body = resendEvent('email.sent', log.providerId ?? '');
    const tamper = (signed: string) => signed.replace('email.sent', 'email.bounced');
    await expectProblem(await deliver(body, { tamper }), 400);
    expect((await emailView(log.to)).status).toBe('sent');
  });

  it('applies a replayed delivery (same svix-id, freshly signed) only once', async () => {
    const log = await seedEmail();
    const id = nextMessageId();
    const body = resendEvent('email.delivered', log.providerId ?? '');
    expect(await json(await deliver(body, { id }))).toEqual({ received: true, applied: true });
    const replay = await deliver(body, { id, timestamp: new Date(Date.now() + 1_000) });
    expect(replay.status).toBe(200);
    expect(await json(replay)).toEqual({ received: true, applied: false });
    expect(await engageEvents('email.delivered', log.id)).toHaveLength(1);
  });

  it('does not let a late email.sent downgrade a delivered email', async () => {
    const log = await seedEmail();
    await deliver(resendEvent('email.delivered', log.providerId ?? ''));
    const late = await deliver(resendEvent('email.sent', log.providerId ?? ''));
    expect(late.status).toBe(200);
    expect((await emailView(log.to)).status).toBe('delivered');
  });

  it('records when the email was opened, keeping its delivery status', async () => {
    const log = await seedEmail();
    await deliver(resendEvent('email.delivered', log.providerId ?? ''));
    const openedAt = '2026-03-02T10:15:00.000Z';
    expect(
      await json(await deliver(resendEvent('email.opened', log.providerId ?? '', openedAt))),
    ).toMatchObject({ applied: true });
    expect(await emailView(log.to)).toMatchObject({ status: 'delivered', opened_at: openedAt });
    expect(await engageEvents('email.opened', log.id)).toHaveLength(1);
  });

  it('accepts an event for an email it does not know with 200, applying nothing', async () => {
    const response = await deliver(resendEvent('email.delivered', 're_0000-unknown'));
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ received: true, applied: false });
  });
});
