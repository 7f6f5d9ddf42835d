// The Resend path of email delivery, through the real Resend SDK with its HTTP API intercepted at fetch:
// what reaches Resend, that a retried send goes out once, and how its errors are told apart.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import { sha256Hex } from '../../src/lib/crypto';
import { ResendError } from '../../src/modules/email/providers';
import { sendEmail } from '../../src/modules/email/service';

afterEach(() => vi.restoreAllMocks());

const db = createDb(env.DB);
const withResend = { ...env, RESEND_API_KEY: 're_test_engage_123', ENVIRONMENT: 'production' } as Env;
let n = 0;
const request = () => ({
  template: 'engagementRequested' as const,
  to: 'anna@experts.test',
  content: { subject: 'New engagement request', html: '<p>Acme asks</p>', text: 'Acme asks' },
  cause: `evt_resend_${Date.now()}_${++n}:engagementRequested:anna@experts.test`,
});

/** Resend's API answering every call with `status` and `body`; the requests it received. */
function resendAnswering(status: number, body: unknown) {
  const calls: Request[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const call = new Request(input, init);
    calls.push(call);
    if (!call.url.startsWith('https://api.resend.com/')) throw new Error(`unexpected fetch ${call.url}`);
    return Response.json(body, { status });
  });
  return calls;
}

describe('email through Resend', () => {
  it('posts the message to Resend with the key and an idempotency key, and records its id', async () => {
    const calls = resendAnswering(200, { id: 're_msg_4711' });
    const email = request();
    const log = await sendEmail(withResend, db, email);
    expect(log).toMatchObject({ status: 'sent', provider: 'resend', providerId: 're_msg_4711' });
    expect(calls).toHaveLength(1);
    const [sent] = calls;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('https://api.resend.com/emails');
    expect(sent?.headers.get('authorization')).toBe('Bearer re_test_engage_123');
    expect(sent?.headers.get('idempotency-key')).toBe(await sha256Hex(email.cause));
    expect(await sent?.json()).toMatchObject({
      from: 'Engage <noreply@engage.test>',
      to: 'anna@experts.test',
      subject: 'New engagement request',
      html: '<p>Acme asks</p>',
      text: 'Acme asks',
    });
  });

  it('sends a message once however often its handler runs', async () => {
    const calls = resendAnswering(200, { id: 're_msg_once' });
    const email = request();
    await sendEmail(withResend, db, email);
    await sendEmail(withResend, db, email);
    expect(calls).toHaveLength(1);
  });

  it('reports a rejected message as Resend names it and keeps it queued for a retry', async () => {
    resendAnswering(422, { name: 'validation_error', message: 'Invalid `to` field.', statusCode: 422 });
    const email = request();
    const error = await sendEmail(withResend, db, email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResendError);
    expect((error as ResendError).code).toBe('validation_error');
    const row = await env.DB.prepare('SELECT status FROM email_logs WHERE dedupe_key = ?')
      .bind(await sha256Hex(email.cause))
      .first();
    expect(row).toEqual({ status: 'queued' });
  });
});
