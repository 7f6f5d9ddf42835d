import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectProblem, json, signupCompany } from '../helpers';

const createKey = (token: string, key: string, name = 'CI') =>
  call('/v1/api-keys', { token, json: { name }, headers: { 'Idempotency-Key': key } });

describe('Idempotency-Key', () => {
  it('is scoped to the caller: two companies may use the same key', async () => {
    const a = await signupCompany();
    const b = await signupCompany();
    const first = await json(await createKey(a.token, 'shared-key'));
    const second = await json(await createKey(b.token, 'shared-key'));
    expect(first.id).not.toBe(second.id);
  });

  it('forgets a key after 24 hours, so the same request creates anew', async () => {
    const company = await signupCompany();
    const first = await json(await createKey(company.token, 'day-old'));
    await env.DB.prepare("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const again = await createKey(company.token, 'day-old');
    expect(again.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await json(again)).id).not.toBe(first.id);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const company = await signupCompany();
    const principal = company.userId;
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (principal, key, fingerprint, expires_at) VALUES (?, 'busy', 'x', '2999-01-01T00:00:00.000Z')",
    )
      .bind(principal)
      .run();
    await expectProblem(await createKey(company.token, 'busy'), 409);
  });

  it('releases the key after a refused request, so a corrected request can use it', async () => {
    const company = await signupCompany();
    const bad = await call('/v1/api-keys', {
      token: company.token,
      json: { name: '' },
      headers: { 'Idempotency-Key': 'fix-me' },
    });
    expect(bad.status).toBe(422);
    const fixed = await createKey(company.token, 'fix-me', 'fixed');
    expect(fixed.status).toBe(201);
    const replay = await createKey(company.token, 'fix-me', 'fixed');
    expect((await json(replay)).id).toBe((await json(fixed)).id);
  });

  it('refuses an unusable key with 422', async () => {
    const company = await signupCompany();
    await expectProblem(await createKey(company.token, 'x'.repeat(300)), 422);
  });
});
