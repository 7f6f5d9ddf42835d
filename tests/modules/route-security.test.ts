// Authentication follows the OpenAPI document: every operation that declares `security` refuses a request
// without credentials with 401, and the operations that declare none are exactly the public ones. Every
// operation that takes a body refuses one over the JSON limit with 413, uploads excepted.
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
  'GET /v1/documents/{id}/content',
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

const concretePath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'action' ? 'accept' : 'x_01'));

describe('route security', () => {
  it('declares no security only on the public operations', async () => {
    const open = (await operations()).filter(({ op }) => !op.security?.length).map(({ key }) => key);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it('refuses every operation that declares security with 401 when no credentials come', async () => {
    const secured = (await operations()).filter(({ op }) => op.security?.length);
    expect(secured.length).toBeGreaterThan(40);
    for (const { key, path, method } of secured) {
      const response = await call(concretePath(path), {
        method,
        headers: { 'Content-Type': 'application/json' },
      });
      expect(response.status, key).toBe(401);
      await response.arrayBuffer();
    }
  });

  it('refuses a body over 1 MB with 413 problem+json on every operation that takes one, before anything else', async () => {
    const withBody = (await operations()).filter(({ method }) => method !== 'GET' && method !== 'HEAD');
    expect(withBody.length).toBeGreaterThan(15);
    const big = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
    for (const { key, path, method } of withBody) {
      const response = await call(concretePath(path), {
        method,
        body: big,
        headers: { 'Content-Type': 'application/json' },
      });
      if (
        key === 'POST /v1/files' ||
        key === 'POST /v1/admin/emails/bulk' ||
        key === 'POST /v1/extraction-batches'
      ) {
        // Uploads, bulk sends and extraction batches declare their own, larger limit: 1 MB is no reason to refuse (401: no
        // credentials came).
        expect(response.status, key).toBe(401);
      } else {
        expect(response.status, key).toBe(413);
        expect(response.headers.get('Content-Type'), key).toContain('application/problem+json');
      }
      await response.arrayBuffer();
    }
  });

  it('refuses a chunked body over 1 MB (no Content-Length) while it is read', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await call('/v1/auth/login', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(413);
    await response.arrayBuffer();
  });
});
