// Test helpers: requests through the real Worker, and accounts created through the real sign-up route.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { createDb } from '../src/db/client';
import { users } from '../src/db/schema';
import worker from '../src/index';
import { hashPassword } from '../src/lib/crypto';
import { newId } from '../src/lib/ids';
import { issueToken } from '../src/modules/auth/tokens';

export const ORIGIN = 'http://engage.test';

export interface CallOptions {
  method?: string;
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

function requestOf(path: string, options: CallOptions): Request {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

export async function call(path: string, options: CallOptions = {}) {
  return exports.default.fetch(requestOf(path, options));
}

/** The same request to the Worker run with some of its vars changed (as another deployment would be). */
export async function callWithVars(path: string, vars: Partial<Env>, options: CallOptions = {}) {
  const ctx = createExecutionContext();
  const request = requestOf(path, options) as Parameters<typeof worker.fetch>[0];
  const response = await worker.fetch(request, { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Response body as JSON, typed loosely: tests assert on the shape. */
// biome-ignore lint/suspicious/noExplicitAny: test convenience
export async function json(response: Response): Promise<any> {
  return response.json();
}

let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}@example.test`;

export interface Account {
  token: string;
  userId: string;
  orgId: string | null;
  expertId: string | null;
  email: string;
}

async function signup(body: Record<string, unknown>): Promise<Account> {
  // Each account signs up from its own address, as real users do, so the per-address limit stays out of the way.
  const address = `203.0.113.${counter % 250}`;
  const response = await call('/v1/auth/signup', {
    json: { password: 'correct-horse-battery', ...body },
    headers: { 'CF-Connecting-IP': address },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const { token, user } = await json(response);
  return { token, userId: user.id, orgId: user.org_id, expertId: user.expert_id, email: user.email };
}

export function signupCompany(name = 'Acme GmbH') {
  return signup({ type: 'company', company_name: name, name: 'Olivia Ops', email: unique('company') });
}

export function signupExpert(fields: Record<string, unknown> = {}) {
  return signup({ type: 'expert', name: 'Anna Berger', email: unique('expert'), ...fields });
}

/** Admins cannot sign up; tests create one the way the seed does. */
export async function createAdmin(): Promise<Account> {
  const db = createDb(env.DB);
  const id = newId('user');
  const email = unique('admin');
  await db.insert(users).values({
    id,
    email,
    name: 'Admin',
    role: 'admin',
    passwordHash: await hashPassword('admin-password-123'),
  });
  const token = await issueToken(env.JWT_SECRET, { id, role: 'admin', orgId: null, expertId: null });
  return { token, userId: id, orgId: null, expertId: null, email };
}

export async function requestEngagement(
  company: Account,
  expertId: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await call('/v1/engagements', {
    token: company.token,
    json: {
      expert_id: expertId,
      title: 'Tender desk',
      modules: ['TENDER', 'CTAX'],
      rate: { amount: 450000, currency: 'eur', interval: 'month' },
      ...overrides,
    },
  });
  if (response.status !== 201)
    throw new Error(`engagement failed: ${response.status} ${await response.text()}`);
  return json(response);
}

export async function expectProblem(response: Response, status: number) {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
  }
  if (!response.headers.get('Content-Type')?.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers.get('Content-Type')}`);
  }
  const body = await json(response);
  if (body.status !== status || typeof body.title !== 'string' || typeof body.detail !== 'string') {
    throw new Error(`not a problem document: ${JSON.stringify(body)}`);
  }
  return body;
}

/** Polls `check` every 50 ms until it returns a value (which is returned); fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
