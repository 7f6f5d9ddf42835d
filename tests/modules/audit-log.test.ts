// GET /v1/admin/audit-log: admins only (like every /v1/admin route), newest first with the admin's name and
// email, filtered by admin, action and target, searched, and paged by cursor.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  call,
  createAdmin,
  expectProblem,
  json,
  signupCompany,
  signupExpert,
} from '../helpers';

let first: Account;
let second: Account;
let acme: Account;
let globex: Account;

const grant = (admin: Account, company: Account, credits: number) =>
  call('/v1/admin/credits/grants', {
    token: admin.token,
    json: { org_id: company.orgId, credits, note: `grant of ${credits}` },
  });

const log = async (query = '', admin = first) => {
  const response = await call(`/v1/admin/audit-log${query}`, { token: admin.token });
  expect(response.status).toBe(200);
  return json(response);
};

beforeAll(async () => {
  first = await createAdmin();
  second = await createAdmin();
  acme = await signupCompany('Acme GmbH');
  globex = await signupCompany('Globex AG');
  // In this order: first → Acme 10, first → Globex 20, second → Acme 30.
  for (const [admin, company, credits] of [
    [first, acme, 10],
    [first, globex, 20],
    [second, acme, 30],
  ] as const) {
    expect((await grant(admin, company, credits)).status).toBe(201);
  }
});

describe('GET /v1/admin/audit-log', () => {
  it('refuses companies and experts with 403, and anonymous callers with 401', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    await expectProblem(await call('/v1/admin/audit-log', { token: company.token }), 403);
    await expectProblem(await call('/v1/admin/audit-log', { token: expert.token }), 403);
    await expectProblem(await call('/v1/admin/audit-log'), 401);
  });

  it('lists actions newest first, each with the admin’s name and email', async () => {
    const { data, next_cursor } = await log();
    expect(next_cursor).toBeNull();
    expect(data.map((row: { details: { credits: number } }) => row.details.credits)).toEqual([30, 20, 10]);
    expect(data[0]).toMatchObject({
      id: expect.stringMatching(/^aud_/),
      action: 'credits.grant',
      actor: { id: second.userId, name: 'Admin', email: second.email },
      target_type: 'org',
      target_id: acme.orgId,
      details: { org_name: 'Acme GmbH', credits: 30, note: 'grant of 30' },
      created_at: expect.any(String),
    });
  });

  it('filters by admin, by action and by target', async () => {
    const credits = async (query: string) =>
      (await log(query)).data.map((row: { details: { credits: number } }) => row.details.credits);
    expect(await credits(`?actor_id=${first.userId}`)).toEqual([20, 10]);
    expect(await credits(`?target_id=${acme.orgId}`)).toEqual([30, 10]);
    expect(await credits(`?actor_id=${second.userId}&target_id=${globex.orgId}`)).toEqual([]);
    expect(await credits('?action=credits.grant,dead_letter.redrive')).toEqual([30, 20, 10]);
    expect(await credits('?action=dead_letter.redrive')).toEqual([]);
    expect(await credits('?q=globex')).toEqual([20]);
    expect(await credits(`?q=${encodeURIComponent(second.email)}`)).toEqual([30]);
    expect(await credits('?sort=created_at')).toEqual([10, 20, 30]);
  });

  it('refuses an action that is not on the list, and a cursor it did not hand out (422)', async () => {
    const unknown = await call('/v1/admin/audit-log?action=user.delete', { token: first.token });
    expect((await expectProblem(unknown, 422)).errors[0].path).toBe('action');
    await expectProblem(await call('/v1/admin/audit-log?cursor=nonsense', { token: first.token }), 422);
  });

  it('pages by cursor without repeating or skipping a row', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await log(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((row: { details: { credits: number } }) => row.details.credits));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([30, 20, 10]);
  });
});
