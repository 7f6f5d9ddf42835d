import { env } from 'cloudflare:workers';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { call, expectProblem, json, signupCompany, signupExpert } from '../helpers';

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

describe('POST /v1/auth/signup', () => {
  it('creates a company with its first member and signs them in', async () => {
    const response = await call('/v1/auth/signup', {
      json: {
        type: 'company',
        company_name: 'Initech',
        name: 'Peter',
        email: 'Peter@Initech.test',
        password: 'long-enough-pw',
      },
    });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.user).toMatchObject({ email: 'peter@initech.test', role: 'company', expert_id: null });
    expect(body.user.org_id).toMatch(/^org_/);
    expect(body.expires_in).toBe(3600);
    const me = await call('/v1/engagements', { token: body.token });
    expect(me.status).toBe(200);
  });

  it('creates an expert profile visible in the directory', async () => {
    const expert = await signupExpert({ headline: 'Tax', modules: ['CTAX'], max_clients: 4 });
    const response = await call(`/v1/experts/${expert.expertId}`, { token: expert.token });
    expect(await json(response)).toMatchObject({
      headline: 'Tax',
      modules: ['CTAX'],
      max_clients: 4,
      current_clients: 0,
    });
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const first = await signupCompany();
    const again = await call('/v1/auth/signup', {
      json: { type: 'expert', name: 'X', email: first.email.toUpperCase(), password: 'long-enough-pw' },
    });
    await expectProblem(again, 409);
  });

  it('answers concurrent sign-ups with one email with one 201 and 409s, never a 500', async () => {
    const email = `race-${crypto.randomUUID()}@example.test`;
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call('/v1/auth/signup', {
          json: { type: 'company', company_name: 'Race', name: 'R', email, password: 'long-enough-pw' },
          headers: { 'CF-Connecting-IP': `192.0.2.${i + 1}` },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('answers malformed JSON with 400, a schema violation with 422 and its paths, another type with 415', async () => {
    await expectProblem(
      await call('/v1/auth/signup', { body: '{"type":', headers: { 'Content-Type': 'application/json' } }),
      400,
    );
    const invalid = await expectProblem(
      await call('/v1/auth/signup', { json: { type: 'company', email: 'not-an-email', password: 'short' } }),
      422,
    );
    const paths = invalid.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'company_name']));
    await expectProblem(
      await call('/v1/auth/signup', {
        body: 'type=company',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
  });
});

describe('POST /v1/auth/login', () => {
  it('returns a token for the right password and 401 for a wrong one or an unknown email', async () => {
    const account = await signupCompany();
    const ok = await call('/v1/auth/login', {
      json: { email: account.email, password: 'correct-horse-battery' },
    });
    expect(ok.status).toBe(200);
    expect((await json(ok)).user.id).toBe(account.userId);
    await expectProblem(
      await call('/v1/auth/login', { json: { email: account.email, password: 'wrong-password' } }),
      401,
    );
    await expectProblem(
      await call('/v1/auth/login', { json: { email: 'nobody@example.test', password: 'whatever-pw' } }),
      401,
    );
  });

  it('stores a salted PBKDF2 hash, never the password', async () => {
    const account = await signupCompany();
    const row = await env.DB.prepare('SELECT password_hash FROM users WHERE id = ?')
      .bind(account.userId)
      .first<{
        password_hash: string;
      }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(row?.password_hash).not.toContain('correct-horse-battery');
  });

  it('locks out an address after 10 failed logins with 429 and Retry-After, even for the right password', async () => {
    const account = await signupCompany();
    const from = (ip: string) => ({ 'CF-Connecting-IP': ip });
    for (let i = 0; i < 10; i++) {
      const wrong = await call('/v1/auth/login', {
        json: { email: account.email, password: `guess-${i}-xxxx` },
        headers: from('198.51.100.7'),
      });
      await expectProblem(wrong, 401);
    }
    const locked = await call('/v1/auth/login', {
      json: { email: account.email, password: 'correct-horse-battery' },
      headers: from('198.51.100.7'),
    });
    const retryAfter = Number(locked.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expectProblem(locked, 429);
    // Another address is not locked out of the same account.
    const elsewhere = await call('/v1/auth/login', {
      json: { email: account.email, password: 'correct-horse-battery' },
      headers: from('198.51.100.8'),
    });
    expect(elsewhere.status).toBe(200);
  });

  it('backs off an account guessed at from many addresses, even for the right password, and lets the owner in after', async () => {
    const account = await signupCompany();
    const key = `account|${account.email}`;
    const login = (password: string, ip: string) =>
      call('/v1/auth/login', {
        json: { email: account.email, password },
        headers: { 'CF-Connecting-IP': ip },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`guess-${i}-xxxx`, `192.0.2.${i + 1}`)).status);
    // Each address is far below its own limit. The account allows 20, then one try per back-off
    // (1 s, 2 s, 4 s …): the 21st starts the first, and only a few more fit in however slow the run.
    expect(statuses.slice(0, 21).every((s) => s === 401)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(25);
    expect(statuses).toContain(429);

    const counted = async () =>
      (
        await env.DB.prepare('SELECT failures FROM login_failures WHERE key = ?')
          .bind(key)
          .first<{ failures: number }>()
      )?.failures;
    const setBackoffEnd = (at: number) =>
      env.DB.prepare('UPDATE login_failures SET locked_until = ? WHERE key = ?').bind(at, key).run();
    // During a back-off the right password is refused too, and the attempt is not counted.
    await setBackoffEnd(Date.now() + 60_000);
    const before = await counted();
    const locked = await login('correct-horse-battery', '192.0.2.200');
    await expectProblem(locked, 429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(50);
    expect(await counted()).toBe(before);
    // When it ends, the owner's attempt is let through and signs in; that clears the account's count.
    await setBackoffEnd(Date.now() - 1);
    expect((await login('correct-horse-battery', '192.0.2.201')).status).toBe(200);
    expect(await counted()).toBeUndefined();
    await expectProblem(await login('wrong-again-xxxx', '192.0.2.202'), 401);
  });

  it('counts parallel guesses too: 30 at once get at most 10 answers, the rest 429', async () => {
    const account = await signupCompany();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call('/v1/auth/login', {
          json: { email: account.email, password: `parallel-guess-${i}` },
          headers: { 'CF-Connecting-IP': '198.51.100.20' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it('never slows down repeated successful logins', async () => {
    const account = await signupCompany();
    for (let i = 0; i < 30; i++) {
      const response = await call('/v1/auth/login', {
        json: { email: account.email, password: 'correct-horse-battery' },
      });
      expect(response.status).toBe(200);
      await response.body?.cancel();
    }
  });
});

describe('authentication of protected routes', () => {
  const claims = (overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { sub: 'usr_01JABCDEFGHJKMNPQRSTVWXYZ0', role: 'admin', iat: now, exp: now + 600, ...overrides };
  };

  it('answers a missing token with 401 problem+json and WWW-Authenticate', async () => {
    const response = await call('/v1/engagements');
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
    await expectProblem(response, 401);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await sign(claims(), 'another-secret-that-is-long-enough-to-sign', 'HS256');
    await expectProblem(await call('/v1/engagements', { token: forged }), 401);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await sign(claims({ iat: now - 7200, exp: now - 3600 }), env.JWT_SECRET, 'HS256');
    await expectProblem(await call('/v1/engagements', { token: expired }), 401);
  });

  it('refuses an unsigned alg:none token', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`;
    await expectProblem(await call('/v1/engagements', { token: unsigned }), 401);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const company = await signupCompany();
    const [header, , signature] = company.token.split('.');
    const tampered = `${header}.${b64url(claims({ role: 'admin' }))}.${signature}`;
    await expectProblem(await call('/v1/engagements', { token: tampered }), 401);
  });

  it('refuses a correctly signed token without an expiry', async () => {
    const { exp: _exp, ...withoutExp } = claims();
    const token = await sign(withoutExp, env.JWT_SECRET, 'HS256');
    await expectProblem(await call('/v1/engagements', { token }), 401);
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await call('/v1/engagements', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    await expectProblem(response, 401);
  });
});

describe('tokens of accounts that changed', () => {
  it('stops a deleted user’s token on every route at once, not only on /v1/me', async () => {
    const company = await signupCompany();
    expect((await call('/v1/engagements', { token: company.token })).status).toBe(200);
    await env.DB.prepare('DELETE FROM users WHERE id = ?').bind(company.userId).run();
    for (const path of ['/v1/engagements', '/v1/files', '/v1/me', '/v1/api-keys'])
      await expectProblem(await call(path, { token: company.token }), 401);
  });

  it('stops a disabled user’s token and refuses their password', async () => {
    const expert = await signupExpert();
    await env.DB.prepare("UPDATE users SET disabled_at = '2026-12-01T00:00:00.000Z' WHERE id = ?")
      .bind(expert.userId)
      .run();
    await expectProblem(await call('/v1/engagements', { token: expert.token }), 401);
    const login = await call('/v1/auth/login', {
      json: { email: expert.email, password: 'correct-horse-battery' },
      headers: { 'CF-Connecting-IP': '198.51.100.77' },
    });
    expect((await expectProblem(login, 401)).detail).toContain('disabled');
  });

  it('refuses a token whose account now holds another role than the token says', async () => {
    const expert = await signupExpert();
    await env.DB.prepare("UPDATE users SET role = 'company' WHERE id = ?").bind(expert.userId).run();
    await expectProblem(await call('/v1/engagements', { token: expert.token }), 401);
  });
});

describe('unknown paths', () => {
  it('answer 404 problem+json with or without a token, while known ones still ask for one', async () => {
    const company = await signupCompany();
    for (const [method, path] of [
      ['POST', '/v1/auth/sigup'],
      ['GET', '/v1/nothing-here'],
      ['GET', '/v1/engagements/eng_x/tasks/extra/segments'],
      ['DELETE', '/v1/engagements'],
    ] as const) {
      const anonymous = await expectProblem(await call(path, { method }), 404);
      expect(anonymous.detail).toContain(path);
      await expectProblem(await call(path, { method, token: company.token }), 404);
    }
    await expectProblem(await call('/v1/engagements'), 401);
    await expectProblem(await call('/v1/engagements/eng_unknown'), 401);
    expect((await call('/v1/engagements', { token: company.token })).status).toBe(200);
  });
});
