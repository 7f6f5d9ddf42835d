// Authentication follows the OpenAPI document: every operation that declares `security` refuses a request
// without credentials with 401, and the operations that declare none are exactly the public ones.
import { describe, expect, it } from 'vitest';
import { call, json } from '../helpers';

/** Public by design: sign-up and login, health, provider webhooks (signed), signed downloads. */
const PUBLIC = [
  'GET /health',
  'POST /v1/auth/signup',
  'POST /v1/auth/login',
  'POST /v1/webhooks/stripe',
  'POST /v1/webhooks/resend',
  'GET /v1/files/{id}/content',
];

interface Operation {
  security?: unknown[];
}

async function operations(): Promise<{ key: string; path: string; method: string; op: Operation }[]> {
  const doc = await json(await call('/v1/openapi.json'));
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      method: method.toUpperCase(),
      op,
    })),
  );
}

describe('route security', () => {
  it('declares no security only on the public operations', async () => {
    const open = (await operations()).filter(({ op }) => !op.security?.length).map(({ key }) => key);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it('refuses every operation that declares security with 401 when no credentials come', async () => {
    const secured = (await operations()).filter(({ op }) => op.security?.length);
    expect(secured.length).toBeGreaterThan(40);
    for (const { key, path, method } of secured) {
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'action' ? 'accept' : 'x_01',
      );
      const response = await call(concrete, { method, headers: { 'Content-Type': 'application/json' } });
      expect(response.status, key).toBe(401);
      await response.arrayBuffer();
    }
  });
});
