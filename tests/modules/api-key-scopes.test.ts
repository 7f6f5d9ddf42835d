// Scoped API keys: every secured operation of the OpenAPI document declares the scope an API key needs
// (x-scope), a key without it gets 403 naming it — checked for every operation — and one with it gets past
// the scope check; a person's session is never limited by scopes; an expired key no longer authenticates.
import { describe, expect, it } from 'vitest';
import { type Account, call, expectProblem, json, signupCompany } from '../helpers';

interface Operation {
  security?: unknown[];
  'x-scope'?: string;
}

async function securedOperations() {
  const doc = await json(await call('/v1/openapi.json'));
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => op.security?.length)
      .map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        path,
        method: method.toUpperCase(),
        op,
      })),
  );
}

const concretePath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'action' ? 'accept' : 'x_01'));

async function keyWith(company: Account, scopes: string[] | undefined, extra: Record<string, unknown> = {}) {
  const response = await call('/v1/api-keys', {
    token: company.token,
    json: { name: `key ${scopes?.join(' ') ?? 'default'}`, ...(scopes ? { scopes } : {}), ...extra },
  });
  expect(response.status).toBe(201);
  return json(response);
}

describe('API key scopes', () => {
  it('are declared on every secured operation, from the known list', async () => {
    const known = new Set([
      'any',
      'none (people only)',
      ...[
        'engagements',
        'tasks',
        'files',
        'extractions',
        'payments',
        'credits',
        'documents',
        'events',
        'metrics',
      ].flatMap((r) => [`${r}:read`, `${r}:write`]),
      'webhooks:manage',
    ]);
    const operations = await securedOperations();
    expect(operations.length).toBeGreaterThan(40);
    for (const { key, op } of operations)
      expect(known.has(op['x-scope'] ?? ''), `${key}: ${op['x-scope']}`).toBe(true);
    // Reads and writes of tasks are told apart.
    const scopeOf = (k: string) => operations.find((o) => o.key === k)?.op['x-scope'];
    expect(scopeOf('GET /v1/tasks')).toBe('tasks:read');
    expect(scopeOf('POST /v1/engagements/{id}/tasks')).toBe('tasks:write');
    expect(scopeOf('POST /v1/webhook-endpoints')).toBe('webhooks:manage');
  });

  it('refuses every operation to a key without its scope, naming the scope (403)', async () => {
    const company = await signupCompany();
    // Holds one scope no operation below needs, except the events reads (checked apart).
    const { key } = await keyWith(company, ['events:read']);
    for (const { key: op, path, method, op: spec } of await securedOperations()) {
      const scope = spec['x-scope'];
      if (scope === 'events:read' || scope === 'any') continue;
      const response = await call(concretePath(path), {
        method,
        token: key,
        headers: { 'Content-Type': 'application/json' },
        ...(method === 'GET' ? {} : { body: '{}' }),
      });
      expect(response.status, op).toBe(403);
      const problem = await json(response);
      if (scope === 'none (people only)') expect(problem.detail, op).toContain('API keys cannot');
      else expect(problem.detail, op).toContain(`lacks the scope ${scope}`);
    }
    // One request per operation (over 100 of them): more than the default 5 s on a busy machine.
  }, 30_000);

  it('lets a key with the scope through the check, and only that far', async () => {
    const company = await signupCompany();
    const { key, scopes } = await keyWith(company, ['tasks:read', 'tasks:read']);
    expect(scopes).toEqual(['tasks:read']);
    expect((await call('/v1/tasks', { token: key })).status).toBe(200);
    expect((await call('/v1/me', { token: key })).status).toBe(200);
    const write = await expectProblem(
      await call('/v1/engagements/eng_01JABCDEFGHJKMNPQRSTVWXYZ0/tasks', {
        token: key,
        json: { title: 'x', module: 'CTAX', type: 'process_invoice', input: { text: 'x' } },
      }),
      403,
    );
    expect(write.detail).toContain('tasks:write');
    expect((await call('/v1/payments', { token: key })).status).toBe(403);
  });

  it('gives keys made without scopes (and those made before scopes existed) full access', async () => {
    const company = await signupCompany();
    const created = await keyWith(company, undefined);
    expect(created.scopes).toEqual(['*']);
    expect((await call('/v1/payments', { token: created.key })).status).toBe(200);
    expect((await call('/v1/webhook-endpoints', { token: created.key })).status).toBe(200);
  });

  it('never limits a person’s session by scopes', async () => {
    const company = await signupCompany();
    expect((await call('/v1/payments', { token: company.token })).status).toBe(200);
  });

  it('refuses an unknown scope and an expiry in the past (422), and stops an expired key (401)', async () => {
    const company = await signupCompany();
    const bad = await expectProblem(
      await call('/v1/api-keys', { token: company.token, json: { name: 'x', scopes: ['tasks:delete'] } }),
      422,
    );
    expect(bad.errors[0].path).toContain('scopes');
    await expectProblem(
      await call('/v1/api-keys', {
        token: company.token,
        json: { name: 'x', expires_at: '2020-01-01T00:00:00Z' },
      }),
      422,
    );
    const soon = new Date(Date.now() + 1500).toISOString();
    const { key, expires_at } = await keyWith(company, ['tasks:read'], { expires_at: soon });
    expect(expires_at).toBe(soon);
    expect((await call('/v1/tasks', { token: key })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await expectProblem(await call('/v1/tasks', { token: key }), 401);
  });
});
