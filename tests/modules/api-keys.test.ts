import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/crypto';
import { call, createAdmin, expectProblem, json, signupCompany, signupExpert } from '../helpers';

async function createKey(token: string, name = 'CI') {
  const response = await call('/v1/api-keys', { token, json: { name } });
  expect(response.status).toBe(201);
  return json(response);
}

describe('/v1/api-keys', () => {
  it('shows a new key once, stores only its hash, and the key authenticates as the company', async () => {
    const company = await signupCompany();
    const created = await createKey(company.token);
    expect(created.key).toMatch(/^ek_[\w-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 10));

    const stored = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?')
      .bind(created.id)
      .first<Record<string, string>>();
    expect(Object.values(stored ?? {})).not.toContain(created.key);
    expect(stored?.key_hash).toBe(await sha256Hex(created.key));

    const listed = await json(await call('/v1/api-keys', { token: company.token }));
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0].key).toBeUndefined();

    const asKey = await call('/v1/engagements', { token: created.key });
    expect(asKey.status).toBe(200);
    const after = await json(await call('/v1/api-keys', { token: company.token }));
    expect(after.data[0].last_used_at).not.toBeNull();
  });

  it('never stores the secret for an Idempotency-Key replay, and the replay does not show it again', async () => {
    const company = await signupCompany();
    const headers = { 'Idempotency-Key': 'create-key-once' };
    const first = await json(
      await call('/v1/api-keys', { token: company.token, json: { name: 'CI' }, headers }),
    );
    const replay = await call('/v1/api-keys', { token: company.token, json: { name: 'CI' }, headers });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    const replayed = await json(replay);
    expect(replayed.id).toBe(first.id);
    expect(replayed.key).toBeUndefined();
    const { results } = await env.DB.prepare('SELECT response_body FROM idempotency_keys').all<{
      response_body: string;
    }>();
    for (const row of results) expect(row.response_body).not.toContain(first.key);
  });

  it('refuses a revoked key with 401', async () => {
    const company = await signupCompany();
    const created = await createKey(company.token);
    const revoked = await call(`/v1/api-keys/${created.id}`, { method: 'DELETE', token: company.token });
    expect((await json(revoked)).revoked_at).not.toBeNull();
    await expectProblem(await call('/v1/engagements', { token: created.key }), 401);
  });

  it('refuses an unknown key with 401', async () => {
    await expectProblem(await call('/v1/engagements', { token: 'ek_this-key-was-never-issued' }), 401);
  });

  it('lets only company members manage keys, and not with a key', async () => {
    const expert = await signupExpert();
    await expectProblem(await call('/v1/api-keys', { token: expert.token, json: { name: 'x' } }), 403);
    await expectProblem(await call('/v1/api-keys', { token: (await createAdmin()).token }), 403);
    const company = await signupCompany();
    const created = await createKey(company.token);
    await expectProblem(await call('/v1/api-keys', { token: created.key, json: { name: 'nested' } }), 403);
    await expectProblem(await call('/v1/api-keys', { json: { name: 'anon' } }), 401);
  });

  it("answers another company's key with 404 and leaves it working", async () => {
    const owner = await signupCompany();
    const other = await signupCompany('Globex');
    const created = await createKey(owner.token);
    await expectProblem(
      await call(`/v1/api-keys/${created.id}`, { method: 'DELETE', token: other.token }),
      404,
    );
    const theirs = await json(await call('/v1/api-keys', { token: other.token }));
    expect(theirs.data).toEqual([]);
    expect((await call('/v1/engagements', { token: created.key })).status).toBe(200);
  });

  it('validates the name', async () => {
    const company = await signupCompany();
    const problem = await expectProblem(
      await call('/v1/api-keys', { token: company.token, json: { name: '' } }),
      422,
    );
    expect(problem.errors[0].path).toBe('name');
  });
});
