// Property: nothing a client sends to a creating route produces a 5xx, and every refusal is problem+json.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../src/index';
import { type Account, call, json, ORIGIN, signupCompany, signupExpert } from '../helpers';
import { stripeSignature } from '../payments/fixtures';

const RUNS = 75;
/** Fuzzed sign-ups and logins come from their own address, so they never use up the helpers' quota. */
const FUZZ_ADDRESS = '198.51.100.77';
const ACTIONS = ['accept', 'decline', 'complete', 'cancel'] as const;

let company: Account;
let expert: Account;

beforeAll(async () => {
  // Accepted extractions are crawled by the real queue consumer: the outside world answers 503 at once.
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('busy', { status: 503 }));
  company = await signupCompany('Fuzz Co');
  expert = await signupExpert({ max_clients: 100, modules: ['TENDER', 'CTAX', 'LEADS'] });
});

// ---------------------------------------------------------------------------------------------------------
// Requests

interface SendOptions {
  method?: string;
  token?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/**
 * Straight into the Worker's fetch handler. `exports.default.fetch` (what `call` uses) gets slower with every
 * request the isolate has made under pool-workers 0.15, and these properties make a few thousand.
 */
async function send(path: string, options: SendOptions = {}) {
  const headers = new Headers({ 'CF-Connecting-IP': FUZZ_ADDRESS, ...options.headers });
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  const request = new Request(`${ORIGIN}${path}`, {
    method: options.method ?? 'POST',
    headers,
    body: options.body,
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const sendJson = (path: string, value: unknown, options: SendOptions = {}) =>
  send(path, {
    ...options,
    body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json', ...options.headers },
  });

/** The property itself: below 500, and every error is a problem document that repeats its status. */
async function expectWellFormedAnswer(response: Response) {
  const { status } = response;
  const text = await response.text();
  expect(status, text).toBeLessThan(500);
  if (status < 400) return;
  expect(response.headers.get('Content-Type') ?? '', text).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text);
  expect(problem.status, text).toBe(status);
  expect(typeof problem.title, text).toBe('string');
  expect(typeof problem.detail, text).toBe('string');
  if (status === 429) expect(response.headers.get('Retry-After')).toBeTruthy();
}

async function newPendingEngagement(): Promise<string> {
  const response = await sendJson(
    '/v1/engagements',
    {
      expert_id: expert.expertId,
      title: 'Fuzzed desk',
      modules: ['TENDER'],
      rate: { amount: 100000, currency: 'eur', interval: 'month' },
    },
    { token: company.token },
  );
  if (response.status !== 201)
    throw new Error(`engagement failed: ${response.status} ${await response.text()}`);
  return (await json(response)).id;
}

// ---------------------------------------------------------------------------------------------------------
// Values

const anyValue: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

/**
 * Mostly a value the schema accepts, sometimes a near miss, sometimes anything: a record of these gets past
 * validation often enough for the services behind it to be exercised too.
 */
const mostly = (valid: fc.Arbitrary<unknown>, nearMiss: fc.Arbitrary<unknown> = anyValue) =>
  fc.oneof(
    { arbitrary: valid, weight: 6 },
    { arbitrary: nearMiss, weight: 1 },
    { arbitrary: anyValue, weight: 1 },
  );

/** Read when a value is drawn, not when the arbitrary is built: the accounts exist only after beforeAll. */
const late = <T>(read: () => T) => fc.constant(null).map(read);

const text = (maxLength: number) =>
  mostly(
    fc.string({ minLength: 1, maxLength: Math.min(maxLength, 40) }).filter((t) => t.trim().length > 0),
    fc.constantFrom('', '  ', 'x'.repeat(maxLength + 1), 'a\u0000b'),
  );
const email = mostly(
  fc.oneof(
    fc.emailAddress(),
    fc.uuid().map((id) => `fuzz-${id}@example.test`),
  ),
  fc.constantFrom('no-at-sign', '@example.test', 'a@', `${'x'.repeat(250)}@example.test`),
);
const password = mostly(
  fc.oneof(fc.constant('correct-horse-battery'), fc.string({ minLength: 10, maxLength: 60 })),
  fc.constantFrom('short', 'x'.repeat(201)),
);
const rate = mostly(
  fc.record({
    amount: fc.integer({ min: 0, max: 100_000_000 }),
    currency: fc.constantFrom('eur', 'usd', 'chf'),
    interval: fc.constantFrom('month', 'week'),
  }),
  fc.record(
    {
      amount: fc.oneof(fc.integer(), fc.double(), fc.constant(-1)),
      currency: fc.constantFrom('EUR', 'euro', ''),
      interval: fc.constantFrom('day', 'Month'),
    },
    { requiredKeys: [] },
  ),
);
const modules = mostly(
  fc.subarray(['TENDER', 'CTAX', 'LEADS'], { minLength: 1 }),
  fc.array(fc.constantFrom('TENDER', 'NOPE', 'tender', 'X', 'A'.repeat(40)), { maxLength: 25 }),
);
const skills = mostly(
  fc.array(
    fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim().length > 0),
    { maxLength: 5 },
  ),
  fc.array(fc.constantFrom('', ' ', 'x'.repeat(61)), { minLength: 1, maxLength: 3 }),
);
const maxClients = mostly(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, -1, 101, 1.5, 2 ** 53));

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=----fuzz',
    'application/octet-stream',
    'application/pdf',
    'image/png',
    '*/*',
    '',
  ),
  // Any header value a client can put on the wire: printable ASCII, no CR, LF or NUL.
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
);

const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)), // truncated JSON
  fc.uint8Array({ maxLength: 200 }),
  fc.constantFrom(
    '',
    '{',
    '[',
    '{"a":',
    'null',
    '"',
    '\u0000',
    '------fuzz\r\nContent-Disposition: form-data',
  ),
);

// ---------------------------------------------------------------------------------------------------------
// Routes

interface Target {
  label: string;
  method: 'POST' | 'PATCH';
  path: () => string;
  token: () => string | undefined;
  /** Keys a well-meaning client would send; the record property gives them random values. */
  keys: Record<string, fc.Arbitrary<unknown>>;
}

const targets: Target[] = [
  {
    label: 'POST /v1/auth/signup',
    method: 'POST',
    path: () => '/v1/auth/signup',
    token: () => undefined,
    keys: {
      type: mostly(fc.constantFrom('company', 'expert'), fc.constantFrom('admin', 'Company', '')),
      email,
      password,
      name: text(120),
      company_name: text(120),
      headline: text(200),
      skills,
      modules,
      rate,
      max_clients: maxClients,
    },
  },
  {
    label: 'POST /v1/auth/login',
    method: 'POST',
    path: () => '/v1/auth/login',
    token: () => undefined,
    keys: {
      email: mostly(
        fc.oneof(
          late(() => company.email),
          late(() => expert.email),
        ),
        email,
      ),
      password,
    },
  },
  {
    label: 'POST /v1/engagements',
    method: 'POST',
    path: () => '/v1/engagements',
    token: () => company.token,
    keys: {
      expert_id: mostly(
        late(() => expert.expertId),
        fc.constantFrom('exp_01JABCDEFGHJKMNPQRSTVWXYZ0', '', 'x'.repeat(65)),
      ),
      title: text(200),
      modules,
      rate,
    },
  },
  {
    label: 'POST /v1/api-keys',
    method: 'POST',
    path: () => '/v1/api-keys',
    token: () => company.token,
    keys: { name: text(100) },
  },
  {
    label: 'PATCH /v1/experts/me',
    method: 'PATCH',
    path: () => '/v1/experts/me',
    token: () => expert.token,
    keys: {
      name: text(120),
      headline: text(200),
      skills,
      modules,
      rate,
      // Kept high so the transition properties below are not starved of capacity.
      max_clients: mostly(fc.integer({ min: 90, max: 100 }), fc.constantFrom(0, -1, 101, 1.5)),
    },
  },
  {
    label: 'POST /v1/files',
    method: 'POST',
    path: () => '/v1/files?purpose=attachment&name=fuzz.bin',
    token: () => company.token,
    keys: { file: anyValue, purpose: mostly(fc.constantFrom('rfp', 'avatar')), engagement_id: anyValue },
  },
  {
    label: 'POST /v1/extractions',
    method: 'POST',
    path: () => '/v1/extractions',
    token: () => company.token,
    keys: {
      url: mostly(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom(
          'http://[::1]/',
          'http://0x7f000001/',
          'gopher://x',
          'http://a.b.c.d.e:0/',
          'http://[fe80::1%25eth0]/',
          'https://xn--/',
          'https://%/',
          'x'.repeat(2049),
        ),
      ),
    },
  },
];

describe.each(targets)('$label', (target) => {
  const options = () => ({ method: target.method, token: target.token() });

  it('never answers 5xx to any JSON value, and refuses it with problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await expectWellFormedAnswer(await sendJson(target.path(), value, options()));
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('never answers 5xx to its plausible keys with random values', async () => {
    // Every key (mostly valid, so some requests succeed) or any subset of them.
    const body = fc.oneof(fc.record(target.keys), fc.record(target.keys, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        await expectWellFormedAnswer(await sendJson(target.path(), value, options()));
      }),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('never answers 5xx to a random raw body under a random content type', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, async (body, type) => {
        await expectWellFormedAnswer(
          await send(target.path(), { ...options(), body, headers: { 'Content-Type': type } }),
        );
      }),
      { numRuns: RUNS },
    );
  }, 30_000);
});

describe('POST /v1/engagements/:id/:action', () => {
  const role = fc.constantFrom('company', 'expert');
  const tokenOf = (who: string) => (who === 'company' ? company : expert).token;

  it('never answers 5xx to any action, by either party, on a fresh engagement, whatever the body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...ACTIONS), role), { minLength: 1, maxLength: 3 }),
        fc.oneof(
          anyValue.map((v) => JSON.stringify(v)),
          rawBody,
        ),
        contentType,
        async (steps, body, type) => {
          const id = await newPendingEngagement();
          for (const [action, who] of steps) {
            const response = await send(`/v1/engagements/${id}/${action}`, {
              token: tokenOf(who),
              body,
              headers: { 'Content-Type': type },
            });
            await expectWellFormedAnswer(response);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 30_000);

  it('ends where a model of the lifecycle says, with the expert’s client count to match', async () => {
    // The model, written from the contract: who may take which action from where, and what it does to the
    // expert's active clients (accept +1; completing or cancelling an active engagement −1).
    const NEXT: Record<string, Partial<Record<(typeof ACTIONS)[number], string>>> = {
      pending: { accept: 'active', decline: 'declined', cancel: 'cancelled' },
      active: { complete: 'completed', cancel: 'cancelled' },
    };
    const MAY: Record<(typeof ACTIONS)[number], string[]> = {
      accept: ['expert'],
      decline: ['expert'],
      complete: ['company', 'expert'],
      cancel: ['company'],
    };
    const profile = async () => json(await call('/v1/experts/me', { token: expert.token }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...ACTIONS), role), { minLength: 1, maxLength: 5 }),
        async (steps) => {
          const id = await newPendingEngagement();
          const { current_clients: clientsBefore, max_clients: max } = await profile();
          let status = 'pending';
          let clients = clientsBefore;
          for (const [action, who] of steps) {
            const response = await call(`/v1/engagements/${id}/${action}`, {
              method: 'POST',
              token: tokenOf(who),
            });
            const next = NEXT[status]?.[action];
            const full = action === 'accept' && clients >= max;
            const expected = !MAY[action].includes(who) ? 403 : !next || full ? 409 : 200;
            expect(response.status, `${action} by ${who} on ${status}`).toBe(expected);
            await response.arrayBuffer();
            if (expected !== 200 || !next) continue;
            if (action === 'accept') clients++;
            else if (status === 'active') clients--;
            status = next;
          }
          const engagement = await json(await call(`/v1/engagements/${id}`, { token: company.token }));
          expect(engagement.status).toBe(status);
          expect((await profile()).current_clients).toBe(clients);
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it('never answers 5xx, whatever the path segments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('eng_01JABCDEFGHJKMNPQRSTVWXYZ0'), fc.string({ maxLength: 80 })),
        fc.oneof(fc.constantFrom(...ACTIONS), fc.string({ maxLength: 20 })),
        role,
        async (id, action, who) => {
          const path = `/v1/engagements/${encodeURIComponent(id)}/${encodeURIComponent(action)}`;
          await expectWellFormedAnswer(await sendJson(path, {}, { token: tokenOf(who) }));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('payments', () => {
  let engagementId: string;
  beforeAll(async () => {
    engagementId = await newPendingEngagement();
    const accepted = await send(`/v1/engagements/${engagementId}/accept`, { token: expert.token });
    if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status}`);
  });

  const money = {
    amount: mostly(
      fc.integer({ min: 50, max: 10_000_000 }),
      fc.constantFrom(0, 49, -5, 1.5, 1e12, '100', null),
    ),
    currency: mostly(fc.constantFrom('eur', 'usd', 'chf'), fc.constantFrom('EUR', 'euro', '', 'e1r')),
    description: text(500),
  };

  it('never answers 5xx to POST /v1/engagements/:id/payments, and confirming whatever it created', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record(money), fc.record(money, { requiredKeys: [] })),
        fc.oneof(
          fc.record({
            payment_method: fc.constantFrom('pm_card_visa', 'pm_card_chargeDeclined', 'pm_x', ''),
          }),
          anyValue,
        ),
        async (body, confirm) => {
          const created = await sendJson(`/v1/engagements/${engagementId}/payments`, body, {
            token: company.token,
          });
          const id =
            created.status === 201
              ? ((await created.clone().json()) as { id: string }).id
              : 'pay_01JABCDEFGHJKMNPQRSTVWXYZ0';
          await expectWellFormedAnswer(created);
          await expectWellFormedAnswer(
            await sendJson(`/v1/payments/${id}/confirm`, confirm, { token: company.token }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never answers 5xx to a correctly signed Stripe event, whatever its type and object', async () => {
    const types = fc.constantFrom(
      'payment_intent.succeeded',
      'payment_intent.payment_failed',
      'charge.refunded',
      'transfer.reversed',
      'account.updated',
      'customer.created',
      // Names of Object.prototype members: once a lookup by type that found toString and answered 500.
      'toString',
      'constructor',
      '__proto__',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: fc.oneof(
            fc.uuid().map((u) => `evt_${u}`),
            fc.string({ maxLength: 30 }),
          ),
          type: fc.oneof(types, fc.string({ maxLength: 30 })),
          data: fc.oneof(
            fc.record({
              object: fc.dictionary(
                fc.constantFrom(
                  'id',
                  'amount',
                  'amount_refunded',
                  'payment_intent',
                  'transfer_group',
                  'amount_reversed',
                  'payouts_enabled',
                  'last_payment_error',
                ),
                anyValue,
              ),
            }),
            anyValue,
          ),
        }),
        async (event) => {
          const payload = JSON.stringify(event);
          const signature = await stripeSignature(payload);
          await expectWellFormedAnswer(
            await send('/v1/webhooks/stripe', { body: payload, headers: { 'stripe-signature': signature } }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never answers 5xx to a Stripe webhook, whatever the body and signature', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, fc.string({ maxLength: 120 }), async (body, signature) => {
        await expectWellFormedAnswer(
          await send('/v1/webhooks/stripe', { body, headers: { 'stripe-signature': signature } }),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
