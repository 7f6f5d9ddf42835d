import { describe, expect, it } from 'vitest';
import { call, createAdmin, expectProblem, json, signupCompany, signupExpert } from '../helpers';

describe('GET /v1/me', () => {
  it('tells a company member their user and organisation', async () => {
    const company = await signupCompany('Initech');
    const me = await json(await call('/v1/me', { token: company.token }));
    expect(me).toMatchObject({
      user: { id: company.userId, role: 'company', org_id: company.orgId },
      org: { id: company.orgId, name: 'Initech' },
      expert: null,
      via_api_key: false,
    });
  });

  it('tells an expert their own profile, including the Stripe account', async () => {
    const expert = await signupExpert({ headline: 'Bids' });
    const me = await json(await call('/v1/me', { token: expert.token }));
    expect(me.expert).toMatchObject({ id: expert.expertId, headline: 'Bids', stripe_account_id: null });
    expect(me.org).toBeNull();
  });

  it('tells an admin they are one, and refuses the anonymous', async () => {
    const admin = await createAdmin();
    expect((await json(await call('/v1/me', { token: admin.token }))).user.role).toBe('admin');
    await expectProblem(await call('/v1/me'), 401);
  });
});
