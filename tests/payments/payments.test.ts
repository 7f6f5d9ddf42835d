// Payments through the API with the embedded provider (Stripe's test mode, mimicked): billing, test cards,
// the ledger credit, tenancy.
import { describe, expect, it } from 'vitest';
import { call, expectProblem, json, requestEngagement, signupCompany, signupExpert } from '../helpers';
import { paidParties, payment } from './fixtures';

describe('POST /v1/engagements/:id/payments', () => {
  it('bills an active engagement; pm_card_visa pays it and credits the expert amount − 20 %', async () => {
    const parties = await paidParties();
    const pending = await payment(parties, 123_457, false);
    expect(pending).toMatchObject({
      status: 'pending',
      amount: 123_457,
      currency: 'eur',
      provider: 'embedded',
    });
    expect(pending.client_secret).toMatch(/^pi_emb_\w+_secret_/);
    // The secret confirms the payment: the expert, who can read the payment, does not get it.
    const asExpert = await json(await call(`/v1/payments/${pending.id}`, { token: parties.expert.token }));
    expect(asExpert).toMatchObject({ status: 'pending', client_secret: null });

    const confirmed = await call(`/v1/payments/${pending.id}/confirm`, {
      token: parties.company.token,
      json: { payment_method: 'pm_card_visa' },
    });
    expect(confirmed.status).toBe(200);
    // 20 % of 1,234.57 is 246.914 → 246.91 (half up); the expert gets the rest, to the cent.
    expect(await json(confirmed)).toMatchObject({ status: 'paid', fee_amount: 24_691, client_secret: null });
    const balance = await json(await call('/v1/experts/me/balance', { token: parties.expert.token }));
    expect(balance.balances).toEqual([{ currency: 'eur', balance: 98_766, unpaid: 98_766 }]);
  });

  it('records a declined card as a failed payment with the reason, and credits nothing', async () => {
    const parties = await paidParties();
    const pending = await payment(parties, 5_000, false);
    const declined = await json(
      await call(`/v1/payments/${pending.id}/confirm`, {
        token: parties.company.token,
        json: { payment_method: 'pm_card_chargeDeclined' },
      }),
    );
    expect(declined).toMatchObject({ status: 'failed', failure_reason: 'Your card was declined.' });
    const balance = await json(await call('/v1/experts/me/balance', { token: parties.expert.token }));
    expect(balance.balances).toEqual([]);
    // Paid or failed: no second confirmation.
    await expectProblem(
      await call(`/v1/payments/${pending.id}/confirm`, {
        token: parties.company.token,
        json: { payment_method: 'pm_card_visa' },
      }),
      409,
    );
  });

  it('refuses unknown test cards, bad amounts, other roles and inactive engagements', async () => {
    const parties = await paidParties();
    const pending = await payment(parties, 5_000, false);
    await expectProblem(
      await call(`/v1/payments/${pending.id}/confirm`, {
        token: parties.company.token,
        json: { payment_method: 'pm_card_unknown' },
      }),
      422,
    );
    const path = `/v1/engagements/${parties.engagementId}/payments`;
    for (const body of [
      { amount: 10.5, currency: 'eur' },
      { amount: 49, currency: 'eur' },
      { amount: 5000, currency: 'EUR' },
      { amount: '5000', currency: 'eur' },
      {},
    ]) {
      await expectProblem(await call(path, { token: parties.company.token, json: body }), 422);
    }
    await expectProblem(
      await call(path, { token: parties.expert.token, json: { amount: 5000, currency: 'eur' } }),
      403,
    );
    const company = await signupCompany();
    const expert = await signupExpert();
    const pendingEngagement = await requestEngagement(company, expert.expertId ?? '');
    await expectProblem(
      await call(`/v1/engagements/${pendingEngagement.id}/payments`, {
        token: company.token,
        json: { amount: 5000, currency: 'eur' },
      }),
      409,
    );
  });

  it('keeps payments to their tenants: the paying company and the engaged expert, nobody else', async () => {
    const parties = await paidParties();
    const paid = await payment(parties);
    const other = await signupCompany('Globex GmbH');
    const otherExpert = await signupExpert();
    await expectProblem(await call(`/v1/payments/${paid.id}`, { token: other.token }), 404);
    await expectProblem(await call(`/v1/payments/${paid.id}`, { token: otherExpert.token }), 404);
    await expectProblem(
      await call(`/v1/payments/${paid.id}/confirm`, {
        token: other.token,
        json: { payment_method: 'pm_card_visa' },
      }),
      404,
    );
    await expectProblem(
      await call(`/v1/engagements/${parties.engagementId}/payments`, {
        token: other.token,
        json: { amount: 5000, currency: 'eur' },
      }),
      404,
    );
    expect((await json(await call('/v1/payments', { token: other.token }))).data).toEqual([]);
    expect((await json(await call(`/v1/payments/${paid.id}`, { token: parties.expert.token }))).status).toBe(
      'paid',
    );
    // The company sees this payment, and whatever else it sees is its own engagement's (accepting the
    // engagement opens its first billing period in the background, so that payment may or may not exist yet).
    const ours = await json(await call('/v1/payments', { token: parties.company.token }));
    const seen = ours.data as { id: string; engagement_id: string }[];
    expect(seen.map((p) => p.id)).toContain(paid.id);
    expect(new Set(seen.map((p) => p.engagement_id))).toEqual(new Set([parties.engagementId]));
  });
});

describe('POST /v1/experts/me/connect (embedded provider)', () => {
  it('connects the expert at once, and is idempotent', async () => {
    const expert = await signupExpert();
    const first = await json(await call('/v1/experts/me/connect', { method: 'POST', token: expert.token }));
    expect(first).toMatchObject({ onboarding_url: null, payouts_enabled: true });
    expect(first.account_id).toMatch(/^acct_/);
    const again = await json(await call('/v1/experts/me/connect', { method: 'POST', token: expert.token }));
    expect(again.account_id).toBe(first.account_id);
    const profile = await json(await call(`/v1/experts/${expert.expertId}`, { token: expert.token }));
    expect(profile.payouts_enabled).toBe(true);
  });
});
