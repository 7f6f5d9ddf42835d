import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { TenantScope } from '../../src/lib/tenancy';
import { applyTransition } from '../../src/modules/engagements/service';
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

const act = (account: Account, id: string, action: string) =>
  call(`/v1/engagements/${id}/${action}`, { method: 'POST', token: account.token });

async function eventsOf(engagementId: string) {
  const { results } = await env.DB.prepare(
    'SELECT type, data FROM events WHERE engagement_id = ? ORDER BY id',
  )
    .bind(engagementId)
    .all<{ type: string; data: string }>();
  return results.map((r) => ({ type: r.type, data: JSON.parse(r.data) }));
}

async function setup(expertFields: Record<string, unknown> = {}) {
  const company = await signupCompany();
  const expert = await signupExpert(expertFields);
  const engagement = await requestEngagement(company, expert.expertId ?? '');
  return { company, expert, engagement };
}

/** Puts an engagement into `status` through the API, as its parties would. */
async function engagementIn(status: string) {
  const parties = await setup();
  const { company, expert, engagement } = parties;
  const path: Record<string, [Account, string][]> = {
    pending: [],
    active: [[expert, 'accept']],
    completed: [
      [expert, 'accept'],
      [company, 'complete'],
    ],
    declined: [[expert, 'decline']],
    cancelled: [[company, 'cancel']],
  };
  for (const [actor, action] of path[status] ?? [])
    expect((await act(actor, engagement.id, action)).status).toBe(200);
  return parties;
}

describe('POST /v1/engagements', () => {
  it('creates a pending engagement and records engagement.requested with it', async () => {
    const { company, expert, engagement } = await setup();
    expect(engagement).toMatchObject({
      status: 'pending',
      org_id: company.orgId,
      expert_id: expert.expertId,
      modules: ['TENDER', 'CTAX'],
      rate: { amount: 450000, currency: 'eur', interval: 'month' },
      review_threshold: 80,
    });
    expect(engagement.id).toMatch(/^eng_[0-9A-Z]{26}$/);
    expect((await eventsOf(engagement.id)).map((e) => e.type)).toEqual(['engagement.requested']);
  });

  it('refuses experts, and admins, with 403', async () => {
    const { expert } = await setup();
    const body = {
      expert_id: expert.expertId,
      title: 'x',
      modules: ['TENDER'],
      rate: { amount: 1, currency: 'eur', interval: 'week' },
    };
    await expectProblem(await call('/v1/engagements', { token: expert.token, json: body }), 403);
    await expectProblem(
      await call('/v1/engagements', { token: (await createAdmin()).token, json: body }),
      403,
    );
  });

  it('answers an unknown expert with 422 on expert_id, and bad money with 422', async () => {
    const company = await signupCompany();
    const unknown = await expectProblem(
      await call('/v1/engagements', {
        token: company.token,
        json: {
          expert_id: 'exp_nope',
          title: 'x',
          modules: ['TENDER'],
          rate: { amount: 1, currency: 'eur', interval: 'week' },
        },
      }),
      422,
    );
    expect(unknown.errors[0].path).toBe('expert_id');
    const { expert } = await setup();
    const badMoney = await expectProblem(
      await call('/v1/engagements', {
        token: company.token,
        json: {
          expert_id: expert.expertId,
          title: 'x',
          modules: ['TENDER'],
          rate: { amount: 10.5, currency: 'EUR', interval: 'day' },
        },
      }),
      422,
    );
    expect(badMoney.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'rate.amount',
      'rate.currency',
      'rate.interval',
    ]);
  });

  it('replays the first response for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const body = {
      expert_id: expert.expertId,
      title: 'Once',
      modules: ['CTAX'],
      rate: { amount: 100, currency: 'eur', interval: 'week' },
    };
    const headers = { 'Idempotency-Key': 'create-once-1' };
    const first = await call('/v1/engagements', { token: company.token, json: body, headers });
    const second = await call('/v1/engagements', { token: company.token, json: body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(second)).id).toBe((await json(first)).id);
    const list = await json(await call('/v1/engagements', { token: company.token }));
    expect(list.data).toHaveLength(1);
    await expectProblem(
      await call('/v1/engagements', { token: company.token, json: { ...body, title: 'Other' }, headers }),
      409,
    );
  });
});

describe('reading engagements across tenants', () => {
  it('names both parties beside their ids when created, read, listed and changed', async () => {
    const company = await signupCompany('Initech AG');
    const expert = await signupExpert({ name: 'Dora Expert' });
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    const names = { org_name: 'Initech AG', expert_name: 'Dora Expert' };
    expect(engagement).toMatchObject(names);
    expect(await json(await call(`/v1/engagements/${engagement.id}`, { token: expert.token }))).toMatchObject(
      names,
    );
    const listed = await json(await call('/v1/engagements', { token: expert.token }));
    expect(listed.data.find((e: { id: string }) => e.id === engagement.id)).toMatchObject(names);
    expect(await json(await act(expert, engagement.id, 'accept'))).toMatchObject({
      ...names,
      status: 'active',
    });
  });

  it('shows each party only its own engagements, and another tenant gets 404', async () => {
    const { company, expert, engagement } = await setup();
    const otherCompany = await signupCompany('Globex');
    const otherExpert = await signupExpert();
    const admin = await createAdmin();

    expect((await call(`/v1/engagements/${engagement.id}`, { token: company.token })).status).toBe(200);
    expect((await call(`/v1/engagements/${engagement.id}`, { token: expert.token })).status).toBe(200);
    expect((await call(`/v1/engagements/${engagement.id}`, { token: admin.token })).status).toBe(200);
    for (const outsider of [otherCompany, otherExpert]) {
      await expectProblem(await call(`/v1/engagements/${engagement.id}`, { token: outsider.token }), 404);
      await expectProblem(
        await call(`/v1/engagements/${engagement.id}/modules`, { token: outsider.token }),
        404,
      );
      const list = await json(await call('/v1/engagements', { token: outsider.token }));
      expect(list.data.map((e: { id: string }) => e.id)).not.toContain(engagement.id);
    }
  });

  it("refuses transitions on another tenant's engagement with 404, not 403", async () => {
    const { engagement } = await setup();
    const otherExpert = await signupExpert();
    const otherCompany = await signupCompany();
    await expectProblem(await act(otherExpert, engagement.id, 'accept'), 404);
    await expectProblem(await act(otherCompany, engagement.id, 'cancel'), 404);
    expect(
      (await call(`/v1/engagements/${engagement.id}`, { token: (await createAdmin()).token }).then(json))
        .status,
    ).toBe('pending');
  });

  it('pages newest first with next_cursor and filters by status', async () => {
    const company = await signupCompany();
    const expert = await signupExpert({ max_clients: 10 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await requestEngagement(company, expert.expertId ?? '')).id);
    await act(expert, ids[0] ?? '', 'accept');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await json(await call(`/v1/engagements${query}`, { token: company.token }));
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((e: { id: string }) => e.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const active = await json(await call('/v1/engagements?status=active', { token: company.token }));
    expect(active.data.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    await expectProblem(await call('/v1/engagements?limit=0', { token: company.token }), 422);
    await expectProblem(await call('/v1/engagements?limit=101', { token: company.token }), 422);
    await expectProblem(await call('/v1/engagements?cursor=garbage!', { token: company.token }), 422);
    await expectProblem(await call('/v1/engagements?status=paused', { token: company.token }), 422);
  });
});

describe('the engagement state machine', () => {
  it('accept activates, installs known modules, fails unknown ones, and counts the client', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '', {
      modules: ['TENDER', 'NOPE'],
    });
    const accepted = await act(expert, engagement.id, 'accept');
    expect(accepted.status).toBe(200);
    expect((await json(accepted)).status).toBe('active');

    const modules = await json(
      await call(`/v1/engagements/${engagement.id}/modules`, { token: company.token }),
    );
    expect(modules.data).toEqual([
      expect.objectContaining({ module: 'NOPE', status: 'failed', error: 'Unknown module NOPE' }),
      expect.objectContaining({ module: 'TENDER', status: 'active', error: null }),
    ]);
    const profile = await json(await call(`/v1/experts/${expert.expertId}`, { token: company.token }));
    expect(profile.current_clients).toBe(1);
    expect((await eventsOf(engagement.id)).map((e) => e.type)).toEqual([
      'engagement.requested',
      'engagement.accepted',
      'module.installed',
      'module.failed',
    ]);
  });

  it("complete uninstalls the modules and frees the expert's slot", async () => {
    const { company, expert, engagement } = await engagementIn('active');
    const completed = await json(await act(company, engagement.id, 'complete'));
    expect(completed.status).toBe('completed');
    const modules = await json(
      await call(`/v1/engagements/${engagement.id}/modules`, { token: expert.token }),
    );
    expect(modules.data.map((m: { status: string }) => m.status)).toEqual(['uninstalled', 'uninstalled']);
    expect((await json(await call('/v1/experts/me', { token: expert.token }))).current_clients).toBe(0);
    const types = (await eventsOf(engagement.id)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['engagement.completed', 'module.uninstalled', 'module.uninstalled']);
  });

  it('lets the expert complete too, and the company cancel an active engagement, freeing the slot', async () => {
    const byExpert = await engagementIn('active');
    expect((await json(await act(byExpert.expert, byExpert.engagement.id, 'complete'))).status).toBe(
      'completed',
    );
    const byCompany = await engagementIn('active');
    expect((await json(await act(byCompany.company, byCompany.engagement.id, 'cancel'))).status).toBe(
      'cancelled',
    );
    expect(
      (await json(await call('/v1/experts/me', { token: byCompany.expert.token }))).current_clients,
    ).toBe(0);
  });

  it('refuses accept when the expert is at max_clients with 409 and changes nothing', async () => {
    const company = await signupCompany();
    const expert = await signupExpert({ max_clients: 1 });
    const first = await requestEngagement(company, expert.expertId ?? '');
    const second = await requestEngagement(company, expert.expertId ?? '');
    expect((await act(expert, first.id, 'accept')).status).toBe(200);
    const refused = await expectProblem(await act(expert, second.id, 'accept'), 409);
    expect(refused.detail).toContain('max_clients');
    expect((await json(await call(`/v1/engagements/${second.id}`, { token: company.token }))).status).toBe(
      'pending',
    );
    expect((await eventsOf(second.id)).map((e) => e.type)).toEqual(['engagement.requested']);
    // Once the first ends, the slot is free again.
    await act(company, first.id, 'complete');
    expect((await act(expert, second.id, 'accept')).status).toBe(200);
  });

  it('counts a client once when the same accept arrives several times at once', async () => {
    const { expert, engagement } = await setup({ max_clients: 5 });
    const results = await Promise.all(Array.from({ length: 5 }, () => act(expert, engagement.id, 'accept')));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect((await json(await call('/v1/experts/me', { token: expert.token }))).current_clients).toBe(1);
    const accepted = (await eventsOf(engagement.id)).filter((e) => e.type === 'engagement.accepted');
    expect(accepted).toHaveLength(1);
  });

  it('lets a transition planned from a stale read change nothing, however the race interleaves', async () => {
    const { expert, engagement } = await setup({ max_clients: 5 });
    const scope = new TenantScope(createDb(env.DB), {
      userId: expert.userId,
      role: 'expert',
      orgId: null,
      expertId: expert.expertId,
      apiKeyId: null,
    });
    const stale = await scope.engagement(engagement.id);
    expect((await act(expert, engagement.id, 'accept')).status).toBe(200);
    await expect(applyTransition(scope, stale, 'accept')).rejects.toMatchObject({ status: 409 });
    expect((await json(await call('/v1/experts/me', { token: expert.token }))).current_clients).toBe(1);
    const types = (await eventsOf(engagement.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'engagement.accepted')).toHaveLength(1);
    expect(types.filter((t) => t === 'module.installed')).toHaveLength(2);
  });

  // The lifecycle as the contract states it, written out by hand (not read from the machine under test):
  // for each state, what each action leads to, or 409.
  const LIFECYCLE = {
    pending: { accept: 'active', decline: 'declined', complete: 409, cancel: 'cancelled' },
    active: { accept: 409, decline: 409, complete: 'completed', cancel: 'cancelled' },
    completed: { accept: 409, decline: 409, complete: 409, cancel: 409 },
    declined: { accept: 409, decline: 409, complete: 409, cancel: 409 },
    cancelled: { accept: 409, decline: 409, complete: 409, cancel: 409 },
  } as const;
  // Who takes each action: the expert answers a request; the company cancels; either completes.
  const ACTOR = { accept: 'expert', decline: 'expert', complete: 'company', cancel: 'company' } as const;

  for (const [state, outcomes] of Object.entries(LIFECYCLE)) {
    for (const [action, outcome] of Object.entries(outcomes)) {
      const name = action as keyof typeof ACTOR;
      if (outcome === 409) {
        it(`refuses ${action} on a ${state} engagement with 409 and records no event`, async () => {
          const parties = await engagementIn(state as keyof typeof LIFECYCLE);
          const before = await eventsOf(parties.engagement.id);
          await expectProblem(await act(parties[ACTOR[name]], parties.engagement.id, name), 409);
          expect(await eventsOf(parties.engagement.id)).toEqual(before);
        });
      } else {
        it(`moves a ${state} engagement to ${outcome} on ${action}`, async () => {
          const parties = await engagementIn(state as keyof typeof LIFECYCLE);
          const response = await act(parties[ACTOR[name]], parties.engagement.id, name);
          expect(response.status).toBe(200);
          expect((await json(response)).status).toBe(outcome);
          expect((await eventsOf(parties.engagement.id)).map((e) => e.type)).toContain(
            `engagement.${outcome === 'active' ? 'accepted' : outcome}`,
          );
        });
      }
    }
  }

  it('refuses an action by a party whose role may not take it with 403', async () => {
    const { company, expert, engagement } = await setup();
    await expectProblem(await act(company, engagement.id, 'accept'), 403);
    await expectProblem(await act(company, engagement.id, 'decline'), 403);
    await expectProblem(await act(expert, engagement.id, 'cancel'), 403);
    await expectProblem(await act(await createAdmin(), engagement.id, 'accept'), 403);
  });

  it('answers an unknown action with 422 and no token with 401', async () => {
    const { company, engagement } = await setup();
    await expectProblem(await act(company, engagement.id, 'pause'), 422);
    await expectProblem(await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST' }), 401);
  });
});
