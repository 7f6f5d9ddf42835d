// Property over the whole API, generated from its own OpenAPI document: whatever a caller sends to any
// operation — as company, expert, admin or nobody, with real or made-up ids, any query and any body — the
// answer is never a 5xx, and every refusal is problem+json repeating its status.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import {
  type Account,
  call,
  createAdmin,
  json,
  ORIGIN,
  requestEngagement,
  signupCompany,
  signupExpert,
} from '../helpers';

const RUNS_PER_OPERATION = 6;

let callers: (Account | null)[] = [];
let engagementId = '';

beforeAll(async () => {
  // Nothing reaches the outside world: every external call answers 503 at once.
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('busy', { status: 503 }));
  const company = await signupCompany('Every Operation GmbH');
  const expert = await signupExpert({ max_clients: 50, modules: ['TENDER', 'CTAX', 'LEADS'] });
  engagementId = (await requestEngagement(company, expert.expertId ?? '')).id;
  callers = [null, company, expert, await createAdmin()];
});

interface Operation {
  method: string;
  path: string;
  hasBody: boolean;
}

async function operations(): Promise<Operation[]> {
  const doc = await json(await call('/v1/openapi.json'));
  return Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown }>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        hasBody: op.requestBody !== undefined || method !== 'get',
      })),
  );
}

const segment = fc.oneof(
  fc.constantFrom(
    'x',
    'eng_01JABCDEFGHJKMNPQRSTVWXYZ0',
    'tsk_01JABCDEFGHJKMNPQRSTVWXYZ0',
    '..',
    '%00',
    'accept',
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const query = fc.dictionary(
  fc.constantFrom(
    'cursor',
    'limit',
    'status',
    'engagement_id',
    'since',
    'module',
    'type',
    'from',
    'to',
    'week',
  ),
  fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String)),
  { maxKeys: 3 },
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ text: JSON.stringify(value), type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'text/plain' })),
);

async function send(
  op: Operation,
  caller: Account | null,
  ids: string[],
  q: Record<string, string>,
  b: { text: string; type: string },
) {
  let i = 0;
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[i++] ?? 'x';
    return name === 'id' && value === 'real' ? engagementId : value;
  });
  const search = new URLSearchParams(q).toString();
  const headers = new Headers({ 'CF-Connecting-IP': '198.51.100.99' });
  if (caller) headers.set('Authorization', `Bearer ${caller.token}`);
  const withBody = op.hasBody && op.method !== 'GET';
  if (withBody) headers.set('Content-Type', b.type);
  const request = new Request(`${ORIGIN}${path}${search ? `?${search}` : ''}`, {
    method: op.method,
    headers,
    body: withBody ? b.text : undefined,
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('every operation of the OpenAPI document', () => {
  it('never answers 5xx, and refuses with problem+json', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(50);
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...callers),
          fc.array(fc.oneof(fc.constant('real'), segment), { minLength: 3, maxLength: 3 }),
          query,
          body,
          async (caller, ids, q, b) => {
            const response = await send(op, caller, ids, q, b);
            const label = `${op.method} ${op.path}`;
            if (response.headers.get('Content-Type')?.startsWith('text/event-stream')) {
              // A live stream (GET /v1/events/stream) does not end by itself: its answer is the status.
              await response.body?.cancel();
              expect(response.status, label).toBe(200);
              return;
            }
            const text = await response.text();
            expect(response.status, `${label}: ${text}`).toBeLessThan(500);
            if (response.status < 400) return;
            expect(response.headers.get('Content-Type') ?? '', label).toMatch(/^application\/problem\+json/);
            expect(JSON.parse(text).status, label).toBe(response.status);
          },
        ),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
  }, 300_000);
});
