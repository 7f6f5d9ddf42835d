// Stripe itself: webhooks verified with Stripe's own signer, and the real stripe-node SDK talking to a
// Stripe API intercepted at fetch.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import { experts, ledgerEntries } from '../../src/db/schema';
import worker from '../../src/index';
import { isoWeekOf } from '../../src/modules/payouts/week';
import { call, createAdmin, expectProblem, json, ORIGIN } from '../helpers';
import {
  callWithStripe,
  deliverStripe,
  paidParties,
  payment,
  stripeEvent,
  stripeSignature,
} from './fixtures';

const db = createDb(env.DB);
afterEach(() => vi.restoreAllMocks());

const creditsOf = async (paymentId: string) =>
  db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId));

async function pendingIntent() {
  const parties = await paidParties();
  const pending = await payment(parties, 10_000, false);
  const intent = {
    id: pending.provider_payment_id,
    object: 'payment_intent',
    amount: 10_000,
    amount_received: 10_000,
    currency: 'eur',
    status: 'succeeded',
    metadata: { payment_id: pending.id },
    latest_charge: 'ch_test_1',
  };
  return { parties, pending, intent };
}

describe('POST /v1/webhooks/stripe', () => {
  it('accepts a valid signature and marks the payment paid', async () => {
    const { parties, pending, intent } = await pendingIntent();
    const response = await deliverStripe(stripeEvent('payment_intent.succeeded', intent));
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ received: true, outcome: 'handled' });
    const paid = await json(await call(`/v1/payments/${pending.id}`, { token: parties.company.token }));
    expect(paid).toMatchObject({ status: 'paid', fee_amount: 2_000 });
    expect((await creditsOf(pending.id)).map((e) => e.amount)).toEqual([8_000]);
  });

  it('refuses forged, stale, missing and re-signed-with-another-secret signatures with 400, changing nothing', async () => {
    const { pending, intent } = await pendingIntent();
    const event = stripeEvent('payment_intent.succeeded', intent);
    const payload = JSON.stringify(event);
    const stale = await stripeSignature(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const otherSecret = await stripeSignature(payload, { secret: 'whsec_someone_else' });
    const tampered = JSON.stringify({ ...event, data: { object: { ...intent, amount: 1 } } });
    for (const [body, signature] of [
      [payload, stale],
      [payload, otherSecret],
      [payload, 't=123,v1=deadbeef'],
      [payload, ''],
      [tampered, await stripeSignature(payload)],
    ] as const) {
      const response = await call('/v1/webhooks/stripe', {
        body,
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      });
      await expectProblem(response, 400);
    }
    expect(await creditsOf(pending.id)).toEqual([]);
  });

  it('credits once: a replayed event is a no-op, and so is a second event for the same payment', async () => {
    const { pending, intent } = await pendingIntent();
    const event = stripeEvent('payment_intent.succeeded', intent);
    expect(await json(await deliverStripe(event))).toMatchObject({ outcome: 'handled' });
    expect(await json(await deliverStripe(event))).toMatchObject({ outcome: 'duplicate' });
    // Stripe may send a new event id for the same fact; and two deliveries may race.
    await Promise.all([
      deliverStripe(stripeEvent('payment_intent.succeeded', intent)),
      deliverStripe(stripeEvent('payment_intent.succeeded', intent)),
    ]);
    expect((await creditsOf(pending.id)).map((e) => e.amount)).toEqual([8_000]);
  });

  it('debits a refund at the fee rate the payment was paid at, even after the rate changed', async () => {
    const { pending, intent } = await pendingIntent();
    await deliverStripe(stripeEvent('payment_intent.succeeded', intent)); // credited at 20 %: 8,000
    const event = stripeEvent('charge.refunded', {
      id: 'ch_rate',
      object: 'charge',
      amount: 10_000,
      amount_refunded: 10_000,
      payment_intent: intent.id,
    });
    const payload = JSON.stringify(event);
    const ctx = createExecutionContext();
    const request = new Request(`${ORIGIN}/v1/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': await stripeSignature(payload) },
      body: payload,
    });
    const response = await worker.fetch(
      request as Parameters<typeof worker.fetch>[0],
      { ...env, PLATFORM_FEE_BPS: '1000' } as Env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    expect((await creditsOf(pending.id)).map((e) => e.amount)).toEqual([8_000, -8_000]);
  });

  it('ends paid, credited once, when a failure and a success for the same payment arrive at once', async () => {
    const { pending, intent } = await pendingIntent();
    const failure = stripeEvent('payment_intent.payment_failed', {
      ...intent,
      status: 'requires_payment_method',
      last_payment_error: { message: 'Your card was declined.' },
    });
    await Promise.all([
      deliverStripe(failure),
      deliverStripe(stripeEvent('payment_intent.succeeded', intent)),
    ]);
    const row = await db.query.payments.findFirst({ where: (p, { eq }) => eq(p.id, pending.id) });
    expect(row?.status).toBe('paid');
    expect((await creditsOf(pending.id)).map((e) => e.amount)).toEqual([8_000]);
  });

  it('debits refunds by the expert’s share, partial then full, each once', async () => {
    const { parties, pending, intent } = await pendingIntent();
    await deliverStripe(stripeEvent('payment_intent.succeeded', intent));
    const charge = (refunded: number) => ({
      id: 'ch_test_1',
      object: 'charge',
      amount: 10_000,
      amount_refunded: refunded,
      refunded: refunded === 10_000,
      payment_intent: intent.id,
    });
    await deliverStripe(stripeEvent('charge.refunded', charge(3_333)));
    const partial = stripeEvent('charge.refunded', charge(3_333), 'evt_partial_again');
    await deliverStripe(partial);
    await deliverStripe(stripeEvent('charge.refunded', charge(10_000)));
    // 3,333 refunded: fee share 667 (666.6 half up) → debit 2,666; the rest: 8,000 − 2,666 = 5,334.
    expect((await creditsOf(pending.id)).map((e) => e.amount)).toEqual([8_000, -2_666, -5_334]);
    const view = await json(await call(`/v1/payments/${pending.id}`, { token: parties.company.token }));
    expect(view).toMatchObject({ status: 'refunded', amount_refunded: 10_000 });
    const balance = await json(await call('/v1/experts/me/balance', { token: parties.expert.token }));
    expect(balance.balances).toEqual([{ currency: 'eur', balance: 0, unpaid: 0 }]);
  });

  it('credits a reversed transfer back to the expert, once, for the next payout', async () => {
    const parties = await paidParties();
    await payment(parties, 10_000);
    const admin = await createAdmin();
    await db
      .update(experts)
      .set({ stripeAccountId: 'acct_rev', payoutsEnabled: true })
      .where(eq(experts.id, parties.expert.expertId ?? ''));
    const week = isoWeekOf(new Date());
    await call('/v1/admin/payouts/prepare', { token: admin.token, json: { week } });
    await call('/v1/admin/payouts/process', { method: 'POST', token: admin.token });
    const [payout] = (await json(await call('/v1/payouts', { token: parties.expert.token }))).data;
    expect(payout).toMatchObject({ status: 'completed', amount: 8_000 });
    const reversal = stripeEvent('transfer.reversed', {
      id: payout.transfer_id,
      object: 'transfer',
      amount: 8_000,
      amount_reversed: 8_000,
      reversed: true,
      transfer_group: payout.id,
    });
    // Partial first (3,000 of 8,000), then the rest; amount_reversed is cumulative.
    await deliverStripe(
      stripeEvent('transfer.reversed', { ...reversal.data.object, amount_reversed: 3_000 }),
    );
    await deliverStripe(reversal);
    await deliverStripe(stripeEvent('transfer.reversed', reversal.data.object)); // the same fact, another event id
    // A reversal of some other transfer in the group (a duplicate clawed back) credits nothing.
    await deliverStripe(stripeEvent('transfer.reversed', { ...reversal.data.object, id: 'tr_duplicate' }));
    const balance = await json(await call('/v1/experts/me/balance', { token: parties.expert.token }));
    expect(balance.balances).toEqual([{ currency: 'eur', balance: 8_000, unpaid: 8_000 }]);
  });

  it('keeps payouts_enabled current from account.updated, and acknowledges unknown types', async () => {
    const parties = await paidParties();
    const expertId = parties.expert.expertId ?? '';
    await db
      .update(experts)
      .set({ stripeAccountId: 'acct_test_1', payoutsEnabled: false })
      .where(eq(experts.id, expertId));
    await deliverStripe(
      stripeEvent('account.updated', { id: 'acct_test_1', object: 'account', payouts_enabled: true }),
    );
    expect((await db.query.experts.findFirst({ where: eq(experts.id, expertId) }))?.payoutsEnabled).toBe(
      true,
    );
    const unknown = await deliverStripe(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    expect(await json(unknown)).toEqual({ received: true, outcome: 'ignored' });
  });
});

describe('signed Stripe events of the wrong shape', () => {
  it('answer 400 problem+json naming the field, for every handled type, and change nothing', async () => {
    const parties = await paidParties();
    const pending = await payment(parties, 10_000, false);
    const types = [
      'payment_intent.succeeded',
      'payment_intent.payment_failed',
      'charge.refunded',
      'transfer.reversed',
      'account.updated',
    ];
    for (const type of types) {
      const nullObject = await expectProblem(await deliverStripe(stripeEvent(type, null as never)), 400);
      expect(nullObject.errors?.[0]?.path).toBe('data.object');
    }
    const noId = await expectProblem(
      await deliverStripe(stripeEvent('charge.refunded', { amount_refunded: 5 })),
      400,
    );
    expect(noId.errors.map((e: { path: string }) => e.path)).toEqual(['id', 'payment_intent']);
    await expectProblem(await deliverStripe({ id: 'evt_x', type: 'payment_intent.succeeded' }), 400);
    expect(await creditsOf(pending.id)).toEqual([]);
  });
});

describe('the Stripe provider (stripe-node, API intercepted at fetch)', () => {
  it('onboards an expert with a Connect Express account and an onboarding link, reusing the account later', async () => {
    const parties = await paidParties();
    const requests: { path: string; body: URLSearchParams; key: string | null }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      requests.push({
        path,
        body: new URLSearchParams(await request.text()),
        key: request.headers.get('idempotency-key'),
      });
      if (path === '/v1/accounts') {
        return Response.json({
          id: 'acct_1TestExpress',
          object: 'account',
          type: 'express',
          payouts_enabled: false,
        });
      }
      return Response.json({
        object: 'account_link',
        url: 'https://connect.stripe.com/setup/e/acct_1TestExpress/abc',
        expires_at: Math.floor(Date.now() / 1000) + 300,
      });
    });
    const first = await json(
      await callWithStripe('/v1/experts/me/connect', { method: 'POST', token: parties.expert.token }),
    );
    expect(first).toEqual({
      account_id: 'acct_1TestExpress',
      onboarding_url: 'https://connect.stripe.com/setup/e/acct_1TestExpress/abc',
      payouts_enabled: false,
    });
    expect(requests.map((r) => r.path)).toEqual(['/v1/accounts', '/v1/account_links']);
    expect(requests[0]?.body.get('type')).toBe('express');
    expect(requests[0]?.body.get('capabilities[transfers][requested]')).toBe('true');
    expect(requests[0]?.key).toBe(`connect:${parties.expert.expertId}`);
    expect(requests[1]?.body.get('type')).toBe('account_onboarding');
    // Again (the link expired): the same account, a new link.
    await callWithStripe('/v1/experts/me/connect', { method: 'POST', token: parties.expert.token });
    expect(requests.map((r) => r.path).slice(2)).toEqual(['/v1/account_links']);
  });

  it('creates a PaymentIntent with the engagement in its metadata and an idempotency key', async () => {
    const parties = await paidParties();
    const requests: { url: string; body: URLSearchParams; headers: Headers }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      requests.push({
        url: request.url,
        body: new URLSearchParams(await request.text()),
        headers: request.headers,
      });
      return Response.json(
        {
          id: 'pi_3TestIntent',
          object: 'payment_intent',
          amount: 25_000,
          currency: 'eur',
          status: 'requires_payment_method',
          client_secret: 'pi_3TestIntent_secret_abc',
          metadata: {},
        },
        { headers: { 'request-id': 'req_test_1' } },
      );
    });
    const response = await callWithStripe(`/v1/engagements/${parties.engagementId}/payments`, {
      token: parties.company.token,
      json: { amount: 25_000, currency: 'eur', description: 'Retainer' },
    });
    expect(response.status).toBe(201);
    const created = await json(response);
    expect(created).toMatchObject({ provider: 'stripe', provider_payment_id: 'pi_3TestIntent' });
    expect(requests).toHaveLength(1);
    const [sent] = requests;
    expect(sent?.url).toBe('https://api.stripe.com/v1/payment_intents');
    expect(sent?.headers.get('authorization')).toBe('Bearer sk_test_51EngageTests');
    expect(sent?.headers.get('idempotency-key')).toBe(`payment:${created.id}`);
    expect(sent?.body.get('amount')).toBe('25000');
    expect(sent?.body.get('metadata[engagement_id]')).toBe(parties.engagementId);
    expect(sent?.body.get('metadata[expert_id]')).toBe(parties.expert.expertId);
  });

  it('answers onboarding with 503 and Retry-After when Stripe is down, and keeps the expert unconnected', async () => {
    const parties = await paidParties();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      Response.json({ error: { type: 'api_error', message: 'Internal secret detail' } }, { status: 500 }),
    );
    const response = await callWithStripe('/v1/experts/me/connect', {
      method: 'POST',
      token: parties.expert.token,
    });
    const problem = await expectProblem(response, 503);
    expect(response.headers.get('retry-after')).toBeTruthy();
    expect(problem.detail).not.toContain('Internal secret detail'); // the provider's own words stay in the log
    const me = await json(await call('/v1/experts/me', { token: parties.expert.token }));
    expect(me.stripe_account_id ?? null).toBeNull();
  });

  it('answers 503 with Retry-After when Stripe does not answer, and marks the payment failed', async () => {
    const parties = await paidParties();
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () =>
        Response.json({ error: { type: 'api_error', message: 'Internal' } }, { status: 500 }),
      );
    const response = await callWithStripe(`/v1/engagements/${parties.engagementId}/payments`, {
      token: parties.company.token,
      json: { amount: 25_000, currency: 'eur' },
    });
    await expectProblem(response, 503);
    expect(response.headers.get('retry-after')).toBeTruthy();
    // stripe-node retried the 500 itself, with the same idempotency key each time.
    const keys = fetchSpy.mock.calls.map(([input, init]) =>
      new Request(input, init).headers.get('idempotency-key'),
    );
    expect(keys.length).toBeGreaterThan(1);
    expect(new Set(keys).size).toBe(1);
    const list = await json(await call('/v1/payments?status=failed', { token: parties.company.token }));
    expect(list.data).toHaveLength(1);
    // Failed through the payment machine like any failure: a new version and a payment.failed event.
    const paymentId = list.data[0].id;
    const row = await env.DB.prepare('SELECT version, last_event_id FROM payments WHERE id = ?')
      .bind(paymentId)
      .first<{ version: number; last_event_id: string | null }>();
    expect(row?.version).toBe(1);
    const event = await env.DB.prepare('SELECT type, data FROM events WHERE id = ?')
      .bind(row?.last_event_id ?? '')
      .first<{ type: string; data: string }>();
    expect(event?.type).toBe('payment.failed');
    expect(JSON.parse(event?.data ?? '{}')).toMatchObject({
      payment_id: paymentId,
      reason: 'The payment provider did not create the payment',
    });
  });
});
