import { describe, expect, it } from 'vitest';
import { call, callWithVars, expectProblem, json } from '../helpers';
import { activeEngagement } from '../tasks/fixtures';

describe('GET /health', () => {
  it('reports every binding as answering, with a request id', async () => {
    const response = await call('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toBeTruthy();
    const body = await json(response);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(
      [
        'circuit_breaker',
        'config',
        'd1',
        'email',
        'payments',
        'engagement_room',
        'queue_events',
        'queue_extractions',
        'queue_tasks',
        'r2',
      ].sort(),
    );
    for (const check of Object.values(body.checks) as { ok: boolean }[]) expect(check.ok).toBe(true);
  });
});

describe('a deployment outside development without provider keys', () => {
  const production = { ENVIRONMENT: 'production', STRIPE_SECRET_KEY: '', RESEND_API_KEY: '' };

  it('refuses payments with 503 naming the missing secret instead of "paying" with the test provider', async () => {
    const parties = await activeEngagement();
    const refused = await expectProblem(
      await callWithVars(`/v1/engagements/${parties.engagementId}/payments`, production, {
        token: parties.company.token,
        json: { amount: 10_000, currency: 'eur', description: 'November' },
      }),
      503,
    );
    expect(refused.detail).toContain('STRIPE_SECRET_KEY');
    const listed = await json(
      await call(`/v1/payments?engagement_id=${parties.engagementId}`, { token: parties.company.token }),
    );
    expect(listed.data).toEqual([]);
  });

  it('reports payments and email as down on /health, by name', async () => {
    const response = await callWithVars('/health', production);
    expect(response.status).toBe(503);
    const body = await json(response);
    expect(body.checks.payments).toMatchObject({
      ok: false,
      error: expect.stringContaining('STRIPE_SECRET_KEY'),
    });
    expect(body.checks.email).toMatchObject({ ok: false, error: expect.stringContaining('RESEND_API_KEY') });
    expect(body.checks.d1.ok).toBe(true);
  });
});
