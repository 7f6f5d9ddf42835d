import { describe, expect, it } from 'vitest';
import { call, expectProblem, json, requestEngagement, signupCompany, signupExpert } from '../helpers';

describe('/v1/experts', () => {
  it('lists profiles to any signed-in user, without private fields, paged', async () => {
    const company = await signupCompany();
    const a = await signupExpert({ headline: 'First' });
    const b = await signupExpert({ headline: 'Second' });
    const page = await json(await call('/v1/experts?limit=1', { token: company.token }));
    expect(page.data).toHaveLength(1);
    expect(page.data[0].id).toBe(b.expertId);
    expect(page.data[0]).not.toHaveProperty('stripe_account_id');
    const next = await json(
      await call(`/v1/experts?limit=1&cursor=${page.next_cursor}`, { token: company.token }),
    );
    expect(next.data[0].id).toBe(a.expertId);
    expect(Object.keys(next.data[0]).sort()).toEqual(
      [
        'current_clients',
        'headline',
        'id',
        'max_clients',
        'modules',
        'name',
        'payouts_enabled',
        'rate',
        'skills',
      ].sort(),
    );
    await expectProblem(await call('/v1/experts'), 401);
  });

  it('finds experts by name, headline or skill, and by the module they offer', async () => {
    const company = await signupCompany();
    const tag = `Zq${Date.now()}`;
    const tenders = await signupExpert({
      name: `Tina ${tag}`,
      headline: 'Public tenders',
      skills: ['Vergaberecht'],
      modules: ['TENDER'],
    });
    const books = await signupExpert({
      name: 'Boris Books',
      headline: `Bookkeeping ${tag}`,
      skills: ['DATEV', '100%_sure'],
      modules: ['CTAX'],
    });
    const search = async (query: string) =>
      (await json(await call(`/v1/experts?${query}`, { token: company.token }))).data.map(
        (e: { id: string }) => e.id,
      );
    expect(await search(`q=${tag.toLowerCase()}`)).toEqual([books.expertId, tenders.expertId]);
    expect(await search(`q=${tag}&module=TENDER`)).toEqual([tenders.expertId]);
    expect(await search('q=vergaberecht')).toContain(tenders.expertId);
    // % and _ are matched as themselves, not as wildcards.
    expect(await search(`q=${encodeURIComponent('100%_s')}`)).toEqual([books.expertId]);
    expect(await search(`q=${encodeURIComponent('0%s')}`)).toEqual([]);
    // Skills are matched one by one, not through the JSON they are stored in.
    expect(await search(`q=${encodeURIComponent('","')}`)).toEqual([]);
    await expectProblem(await call(`/v1/experts?q=${'x'.repeat(101)}`, { token: company.token }), 422);
  });

  it('answers an unknown expert with 404', async () => {
    const company = await signupCompany();
    await expectProblem(
      await call('/v1/experts/exp_01JABCDEFGHJKMNPQRSTVWXYZ0', { token: company.token }),
      404,
    );
  });

  it('lets an expert update their own profile, and only an expert', async () => {
    const expert = await signupExpert();
    const response = await call('/v1/experts/me', {
      method: 'PATCH',
      token: expert.token,
      json: {
        headline: 'VAT specialist',
        rate: { amount: 120000, currency: 'chf', interval: 'week' },
        max_clients: 6,
      },
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      headline: 'VAT specialist',
      rate: { amount: 120000, currency: 'chf', interval: 'week' },
      max_clients: 6,
      stripe_account_id: null,
    });
    const company = await signupCompany();
    await expectProblem(
      await call('/v1/experts/me', { method: 'PATCH', token: company.token, json: { headline: 'x' } }),
      403,
    );
  });

  it('refuses unknown fields and bad values with 422', async () => {
    const expert = await signupExpert();
    const problem = await expectProblem(
      await call('/v1/experts/me', {
        method: 'PATCH',
        token: expert.token,
        json: { current_clients: 0, max_clients: 0 },
      }),
      422,
    );
    expect(problem.errors.map((e: { path: string }) => e.path).join(' ')).toContain('max_clients');
  });

  it('refuses lowering max_clients below the current clients with 409', async () => {
    const company = await signupCompany();
    const expert = await signupExpert({ max_clients: 3 });
    for (let i = 0; i < 2; i++) {
      const engagement = await requestEngagement(company, expert.expertId ?? '');
      await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
    }
    await expectProblem(
      await call('/v1/experts/me', { method: 'PATCH', token: expert.token, json: { max_clients: 1 } }),
      409,
    );
  });
});
