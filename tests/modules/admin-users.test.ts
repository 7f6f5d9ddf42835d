// /v1/admin/users: admins find any account and disable or enable it. A disabled account cannot sign in and the
// tokens it holds stop working at once; each change is audited once, however often or concurrently asked.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { emailEngagementRequested } from '../../src/modules/email/handlers';
import {
  type Account,
  call,
  createAdmin,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
} from '../helpers';

const login = (email: string) =>
  call('/v1/auth/login', { json: { email, password: 'correct-horse-battery' } });

async function auditOf(admin: Account, targetId: string) {
  const page = await json(await call(`/v1/admin/audit-log?target_id=${targetId}`, { token: admin.token }));
  return page.data as { action: string; actor: { id: string }; details: Record<string, unknown> }[];
}

const disable = (admin: Account, id: string, body?: unknown) =>
  call(`/v1/admin/users/${id}/disable`, {
    method: 'POST',
    token: admin.token,
    ...(body === undefined ? {} : { json: body }),
  });
const enable = (admin: Account, id: string) =>
  call(`/v1/admin/users/${id}/enable`, { method: 'POST', token: admin.token });

describe('/v1/admin/users', () => {
  it('lists accounts for admins, searchable and filtered, and to nobody else', async () => {
    const admin = await createAdmin();
    const company = await signupCompany('Zephyr Listing GmbH');
    const expert = await signupExpert();
    const found = await json(await call('/v1/admin/users?q=zephyr', { token: admin.token }));
    expect(found.data).toHaveLength(1);
    expect(found.data[0]).toMatchObject({
      id: company.userId,
      email: company.email,
      role: 'company',
      org_name: 'Zephyr Listing GmbH',
      disabled_at: null,
    });
    const experts = await json(await call('/v1/admin/users?role=expert&limit=100', { token: admin.token }));
    expect(experts.data.every((u: { role: string }) => u.role === 'expert')).toBe(true);
    expect(experts.data.map((u: { id: string }) => u.id)).toContain(expert.userId);
    await expectProblem(await call('/v1/admin/users', { token: company.token }), 403);
    await expectProblem(await call('/v1/admin/users', { token: expert.token }), 403);
    await expectProblem(await call('/v1/admin/users?role=owner', { token: admin.token }), 422);
  });

  it('disables an account at once (sign-in and tokens refused) and enables it again, each audited once', async () => {
    const admin = await createAdmin();
    const company = await signupCompany();
    expect((await call('/v1/me', { token: company.token })).status).toBe(200);

    const disabled = await json(await disable(admin, company.userId, { reason: 'Chargeback fraud' }));
    expect(disabled.disabled_at).toEqual(expect.any(String));
    await expectProblem(await call('/v1/engagements', { token: company.token }), 401);
    const refused = await expectProblem(await login(company.email), 401);
    expect(refused.type).toMatch(/account-disabled$/);
    expect(
      (await json(await call('/v1/admin/users?disabled=true&limit=100', { token: admin.token }))).data.map(
        (u: { id: string }) => u.id,
      ),
    ).toContain(company.userId);

    // Asking again changes nothing and records nothing.
    expect((await disable(admin, company.userId)).status).toBe(200);
    expect(await auditOf(admin, company.userId)).toEqual([
      expect.objectContaining({
        action: 'user.disable',
        actor: expect.objectContaining({ id: admin.userId }),
        details: { email: company.email, role: 'company', reason: 'Chargeback fraud' },
      }),
    ]);

    const enabled = await json(await enable(admin, company.userId));
    expect(enabled.disabled_at).toBeNull();
    expect((await login(company.email)).status).toBe(200);
    expect((await enable(admin, company.userId)).status).toBe(200);
    expect((await auditOf(admin, company.userId)).map((row) => row.action)).toEqual([
      'user.enable',
      'user.disable',
    ]);
  });

  it('emails a disabled account no more (notifications and alerts ask the same people query)', async () => {
    const admin = await createAdmin();
    const company = await signupCompany();
    const expert = await signupExpert();
    await disable(admin, expert.userId);
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    // The handler itself, run on an event of our own, so that the assertion does not race the queue.
    const requested = (id: string) =>
      emailEngagementRequested.run(env, {
        id,
        type: 'engagement.requested',
        seq: null,
        engagement_id: engagement.id,
        org_id: company.orgId ?? null,
        data: {},
        created_at: new Date().toISOString(),
      });
    const emailsTo = async () =>
      (await env.DB.prepare('SELECT template FROM email_logs WHERE "to" = ?').bind(expert.email).all())
        .results.length;

    await requested(`evt_disabled_${engagement.id}`);
    expect(await emailsTo()).toBe(0);

    await enable(admin, expert.userId);
    await requested(`evt_enabled_${engagement.id}`);
    expect(await emailsTo()).toBeGreaterThanOrEqual(1);
  });

  it('records one change when two admins disable the same account at once', async () => {
    const [first, second] = [await createAdmin(), await createAdmin()];
    const expert = await signupExpert();
    const answers = await Promise.all([disable(first, expert.userId), disable(second, expert.userId)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(await auditOf(first, expert.userId)).toHaveLength(1);
  });

  it('refuses to disable the admin themselves, an unknown account, or a bad body, recording nothing', async () => {
    const admin = await createAdmin();
    await expectProblem(await disable(admin, admin.userId), 409);
    expect((await call('/v1/me', { token: admin.token })).status).toBe(200);
    await expectProblem(await disable(admin, 'usr_nobody'), 404);
    const company = await signupCompany();
    await expectProblem(await disable(admin, company.userId, { reason: 'x'.repeat(501) }), 422);
    await expectProblem(await disable(admin, company.userId, { why: 'extra field' }), 422);
    expect(await auditOf(admin, company.userId)).toEqual([]);
    expect(await auditOf(admin, admin.userId)).toEqual([]);
  });
});
