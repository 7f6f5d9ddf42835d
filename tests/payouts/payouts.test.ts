// Weekly payouts in workerd: prepare and process through the real code paths (embedded provider and Stripe's
// API intercepted at fetch), concurrency, crashes, retries, skips, refunds after payout, the crons and routes.
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import { embeddedTransfers, experts, payouts } from '../../src/db/schema';
import worker from '../../src/index';
import { preparePayouts } from '../../src/modules/payouts/prepare';
import { processPayouts } from '../../src/modules/payouts/process';
import { isoWeekOf } from '../../src/modules/payouts/week';
import { call, callWithVars, createAdmin, expectProblem, json } from '../helpers';
import { deliverStripe, paidParties, payment, stripeEvent } from '../payments/fixtures';

const db = createDb(env.DB);
afterEach(() => vi.restoreAllMocks());

const thisWeek = () => isoWeekOf(new Date());
const weekAfter = (weeks: number) => isoWeekOf(new Date(Date.now() + weeks * 7 * 86_400_000));
const stripeEnv = () => ({ ...env, STRIPE_SECRET_KEY: 'sk_test_51EngageTests' }) as Env;

async function connected(
  parties: Awaited<ReturnType<typeof paidParties>>,
  accountId = `acct_${crypto.randomUUID().slice(0, 8)}`,
) {
  await db
    .update(experts)
    .set({ stripeAccountId: accountId, payoutsEnabled: true })
    .where(eq(experts.id, parties.expert.expertId ?? ''));
  return accountId;
}

const payoutsOf = (expertId: string | null) =>
  db
    .select()
    .from(payouts)
    .where(eq(payouts.expertId, expertId ?? ''));
const balanceOf = async (token: string) =>
  (await json(await call('/v1/experts/me/balance', { token }))).balances;

/** Stripe's transfers API as a stand-in at fetch: idempotent by key, like Stripe; `fail` scripts errors. */
function stripeTransfers(fail: (attempt: number) => Response | null = () => null) {
  const byKey = new Map<string, Record<string, unknown>>();
  const calls: { key: string | null; body: URLSearchParams }[] = [];
  let n = 0;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname !== 'api.stripe.com') throw new Error(`unexpected fetch ${url}`);
    if (request.method === 'GET' && url.pathname === '/v1/transfers') {
      const group = url.searchParams.get('transfer_group');
      const data = [...byKey.values()].filter((t) => t.transfer_group === group);
      return Response.json({ object: 'list', data, has_more: false, url: '/v1/transfers' });
    }
    const body = new URLSearchParams(await request.text());
    const key = request.headers.get('idempotency-key');
    calls.push({ key, body });
    const scripted = fail(++n);
    if (scripted) return scripted;
    const existing = key ? byKey.get(key) : undefined;
    if (existing) return Response.json(existing); // Stripe answers a repeated key with the first result
    const transfer = {
      id: `tr_${crypto.randomUUID().replaceAll('-', '').slice(0, 14)}`,
      object: 'transfer',
      amount: Number(body.get('amount')),
      currency: body.get('currency'),
      destination: body.get('destination'),
      transfer_group: body.get('transfer_group'),
      reversed: false,
    };
    if (key) byKey.set(key, transfer);
    return Response.json(transfer);
  });
  return { spy, calls, transfers: () => [...byKey.values()] };
}

describe('prepare', () => {
  it('makes one payout per expert, currency and week, however often it runs; a later payment waits a week', async () => {
    const parties = await paidParties();
    await payment(parties, 10_000);
    await payment(parties, 5_001);
    const first = await preparePayouts(env, thisWeek());
    expect(first.prepared).toBeGreaterThanOrEqual(1);
    const again = await preparePayouts(env, thisWeek());
    expect(again.prepared).toBe(0);
    const [only, ...none] = await payoutsOf(parties.expert.expertId);
    expect(none).toEqual([]);
    // 8,000 + 4,001 (20 % of 5,001 is 1,000.2 → 1,000).
    expect(only).toMatchObject({
      week: thisWeek(),
      currency: 'eur',
      amount: 12_001,
      status: 'pending',
      attempts: 0,
    });

    await payment(parties, 2_500); // paid after the run: next week's
    await preparePayouts(env, thisWeek());
    expect(await payoutsOf(parties.expert.expertId)).toHaveLength(1);
    await preparePayouts(env, weekAfter(1));
    const amounts = (await payoutsOf(parties.expert.expertId)).map((p) => [p.week, p.amount]);
    expect(amounts).toContainEqual([weekAfter(1), 2_000]);
  });
});

describe('process', () => {
  it('transfers to connected experts (completed, debited, emailed) and skips one without an account into next week', async () => {
    const paidOut = await paidParties();
    const account = await connected(paidOut);
    await payment(paidOut, 10_000);
    const unconnected = await paidParties();
    await payment(unconnected, 20_000);
    await preparePayouts(env, thisWeek());

    const summary = await processPayouts(env);
    expect(summary.processed).toBeGreaterThanOrEqual(1);
    expect(summary.skipped).toBeGreaterThanOrEqual(1);
    const [done] = await payoutsOf(paidOut.expert.expertId);
    expect(done).toMatchObject({ status: 'completed', attempts: 1, error: null });
    const transfer = await db.query.embeddedTransfers.findFirst({
      where: eq(embeddedTransfers.id, done?.transferId ?? ''),
    });
    expect(transfer).toMatchObject({
      amount: 8_000,
      destination: account,
      transferGroup: done?.id,
      idempotencyKey: `${done?.id}:1`,
    });
    expect(await balanceOf(paidOut.expert.token)).toEqual([{ currency: 'eur', balance: 0, unpaid: 0 }]);

    const [skipped] = await payoutsOf(unconnected.expert.expertId);
    expect(skipped).toMatchObject({ status: 'skipped', transferId: null });
    expect(await balanceOf(unconnected.expert.token)).toEqual([
      { currency: 'eur', balance: 16_000, unpaid: 16_000 },
    ]);
    // Rolled into next week: the next prepare pays it once the expert is connected.
    await connected(unconnected);
    await preparePayouts(env, weekAfter(1));
    await processPayouts(env);
    const rolled = (await payoutsOf(unconnected.expert.expertId)).find((p) => p.week === weekAfter(1));
    expect(rolled).toMatchObject({ amount: 16_000, status: 'completed' });

    // Running again changes nothing.
    const rerun = await processPayouts(env);
    expect(rerun).toMatchObject({ processed: 0, failed: 0, skipped: 0 });

    // payout.completed reaches the expert by email (events relay → queue → handler).
    const admin = await createAdmin();
    for (let i = 0; i < 100; i++) {
      const emails = await json(
        await call(`/v1/admin/emails?to=${encodeURIComponent(paidOut.expert.email)}`, { token: admin.token }),
      );
      if (emails.data.some((e: { template: string }) => e.template === 'payoutSent')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no payout email');
  });

  it('transfers once per payout when two runs process at the same time (Stripe intercepted)', async () => {
    const parties = await paidParties();
    await connected(parties);
    await payment(parties, 10_000);
    await preparePayouts(env, thisWeek());
    const stripe = stripeTransfers();
    await Promise.all([processPayouts(stripeEnv()), processPayouts(stripeEnv())]);
    const [done] = await payoutsOf(parties.expert.expertId);
    expect(done?.status).toBe('completed');
    const mine = stripe.calls.filter((c) => c.body.get('transfer_group') === done?.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.key).toBe(`${done?.id}:1`);
    expect(mine[0]?.body.get('amount')).toBe('8000');
  });

  it('survives a Stripe 500: stripe-node retries with the same key, and exactly one transfer exists', async () => {
    const parties = await paidParties();
    await connected(parties);
    await payment(parties, 10_000);
    await preparePayouts(env, thisWeek());
    const stripe = stripeTransfers((attempt) =>
      attempt === 1
        ? Response.json({ error: { type: 'api_error', message: 'Something went wrong' } }, { status: 500 })
        : null,
    );
    await processPayouts(stripeEnv());
    const [done] = await payoutsOf(parties.expert.expertId);
    expect(done?.status).toBe('completed');
    const keys = stripe.calls.filter((c) => c.body.get('transfer_group') === done?.id).map((c) => c.key);
    expect(keys).toEqual([`${done?.id}:1`, `${done?.id}:1`]);
    expect(stripe.transfers().filter((t) => t.transfer_group === done?.id)).toHaveLength(1);
  });

  it('after a crash between Stripe’s answer and the D1 write, the next run reuses the key and records that transfer', async () => {
    const parties = await paidParties();
    const account = await connected(parties);
    await payment(parties, 10_000);
    await preparePayouts(env, thisWeek());
    const stripe = stripeTransfers();
    const [payout] = await payoutsOf(parties.expert.expertId);
    if (!payout) throw new Error('no payout');
    // The crashed run: it claimed the payout (attempt 1) and Stripe made the transfer; nothing else was written.
    const longAgo = new Date(Date.now() - 30 * 60_000).toISOString();
    await db
      .update(payouts)
      .set({ status: 'processing', attempts: 1, updatedAt: longAgo })
      .where(eq(payouts.id, payout.id));
    const made = await (
      await fetch('https://api.stripe.com/v1/transfers', {
        method: 'POST',
        headers: { 'idempotency-key': `${payout.id}:1` },
        body: new URLSearchParams({
          amount: '8000',
          currency: 'eur',
          destination: account,
          transfer_group: payout.id,
        }),
      })
    ).json<{ id: string }>();

    await processPayouts(stripeEnv());
    const [done] = await payoutsOf(parties.expert.expertId);
    expect(done).toMatchObject({ status: 'completed', transferId: made.id, attempts: 1 });
    expect(stripe.transfers().filter((t) => t.transfer_group === payout.id)).toHaveLength(1);
  });

  it('marks a payout failed on a Stripe error and tries again next run with a new attempt', async () => {
    const parties = await paidParties();
    await connected(parties);
    await payment(parties, 10_000);
    await preparePayouts(env, thisWeek());
    let down = true;
    const stripe = stripeTransfers(() =>
      down
        ? Response.json(
            { error: { type: 'invalid_request_error', message: 'Insufficient funds in platform balance' } },
            { status: 400 },
          )
        : null,
    );
    const first = await processPayouts(stripeEnv());
    const [failed] = await payoutsOf(parties.expert.expertId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.error).toContain('Insufficient funds');
    expect(first.errors.some((e) => e.payout_id === failed?.id)).toBe(true);
    down = false;
    await processPayouts(stripeEnv());
    const [done] = await payoutsOf(parties.expert.expertId);
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    expect(stripe.calls.filter((c) => c.body.get('transfer_group') === done?.id).map((c) => c.key)).toEqual([
      `${done?.id}:1`,
      `${done?.id}:2`,
    ]);
  });

  it('carries a refund after the payout as a negative balance into the next payout', async () => {
    const parties = await paidParties();
    await connected(parties);
    const paid = await payment(parties, 10_000);
    await preparePayouts(env, thisWeek());
    await processPayouts(env);
    await deliverStripe(
      stripeEvent('charge.refunded', {
        id: 'ch_refund_after_payout',
        object: 'charge',
        amount: 10_000,
        amount_refunded: 10_000,
        refunded: true,
        payment_intent: paid.provider_payment_id,
      }),
    );
    expect(await balanceOf(parties.expert.token)).toEqual([
      { currency: 'eur', balance: -8_000, unpaid: -8_000 },
    ]);
    await preparePayouts(env, weekAfter(1)); // nothing to pay: the debt is carried
    expect((await payoutsOf(parties.expert.expertId)).filter((p) => p.week === weekAfter(1))).toEqual([]);
    await payment(parties, 20_000);
    await preparePayouts(env, weekAfter(2));
    const next = (await payoutsOf(parties.expert.expertId)).find((p) => p.week === weekAfter(2));
    expect(next?.amount).toBe(16_000 - 8_000);
  });
});

describe('crons and routes', () => {
  it('runs prepare on Monday’s cron and process on Friday’s', async () => {
    const parties = await paidParties();
    await connected(parties);
    await payment(parties, 10_000);
    const nextMonday = Date.parse(
      `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T09:00:00Z`,
    );
    await worker.scheduled(createScheduledController({ cron: '0 9 * * 1', scheduledTime: nextMonday }), env);
    const prepared = await payoutsOf(parties.expert.expertId);
    expect(prepared.map((p) => p.status)).toEqual(['pending']);
    await worker.scheduled(createScheduledController({ cron: '0 9 * * 5', scheduledTime: Date.now() }), env);
    expect((await payoutsOf(parties.expert.expertId)).map((p) => p.status)).toEqual(['completed']);
  });

  it('lets admins run prepare and process by hand; experts read their own payouts with payments', async () => {
    const parties = await paidParties();
    await connected(parties);
    const paid = await payment(parties, 10_000);
    const admin = await createAdmin();
    const prepared = await call('/v1/admin/payouts/prepare', {
      token: admin.token,
      json: { week: thisWeek() },
    });
    expect(prepared.status).toBe(200);
    expect(await json(prepared)).toMatchObject({ week: thisWeek() });
    await expectProblem(
      await call('/v1/admin/payouts/prepare', { token: admin.token, json: { week: '2025-W53' } }), // 2025 has 52 weeks
      422,
    );
    await expectProblem(
      await call('/v1/admin/payouts/prepare', { token: admin.token, json: { week: 'last week' } }),
      422,
    );
    await expectProblem(
      await call('/v1/admin/payouts/prepare', { token: admin.token, json: { week: '2030-W01' } }),
      422,
    );
    await expectProblem(
      await call('/v1/admin/payouts/prepare', { token: parties.company.token, json: {} }),
      403,
    );
    const processed = await json(
      await call('/v1/admin/payouts/process', { method: 'POST', token: admin.token }),
    );
    expect(processed).toMatchObject({ errors: [] });
    expect(processed.processed).toBeGreaterThanOrEqual(1);

    const runs = await json(await call('/v1/admin/payouts/runs?limit=5', { token: admin.token }));
    expect(
      runs.data.slice(0, 2).map((r: { kind: string; trigger: string }) => `${r.kind}:${r.trigger}`),
    ).toEqual(['process:admin', 'prepare:admin']);
    // The run records what the caller was told, and when.
    expect(runs.data[0].result).toMatchObject({
      processed: processed.processed,
      failed: processed.failed,
      skipped: processed.skipped,
    });
    expect(Date.parse(runs.data[0].finished_at)).toBeGreaterThanOrEqual(Date.parse(runs.data[0].started_at));
    const mine = await json(await call('/v1/payouts', { token: parties.expert.token }));
    expect(mine.data).toHaveLength(1);
    const [payout] = mine.data;
    expect(payout).toMatchObject({
      week: thisWeek(),
      currency: 'eur',
      amount: 8_000,
      status: 'completed',
      attempts: 1,
    });
    expect(payout.transfer_id).toMatch(/^tr_/);
    const detail = await json(await call(`/v1/payouts/${payout.id}`, { token: parties.expert.token }));
    expect(detail.payments.map((p: { id: string }) => p.id)).toEqual([paid.id]);
    const stranger = await paidParties();
    await expectProblem(await call(`/v1/payouts/${payout.id}`, { token: stranger.expert.token }), 404);
    await expectProblem(await call('/v1/payouts', { token: parties.company.token }), 403);
    const all = await json(
      await call(`/v1/payouts?week=${thisWeek()}&status=completed`, { token: admin.token }),
    );
    expect(all.data.some((p: { id: string }) => p.id === payout.id)).toBe(true);

    const reconciliation = await json(
      await call(`/v1/admin/payouts/reconciliation?week=${thisWeek()}`, { token: admin.token }),
    );
    // Other tests' payouts went through the intercepted Stripe, not the embedded books: look at this one.
    expect(reconciliation.mismatches.filter((m: { payout_id: string }) => m.payout_id === payout.id)).toEqual(
      [],
    );
    await db
      .update(payouts)
      .set({ transferId: 'tr_not_the_one' })
      .where(and(eq(payouts.id, payout.id)));
    const broken = await json(
      await call(`/v1/admin/payouts/reconciliation?week=${thisWeek()}`, { token: admin.token }),
    );
    // Each finding names whom the payout is for, not only its id.
    expect(broken.mismatches).toContainEqual(
      expect.objectContaining({
        payout_id: payout.id,
        expert_name: 'Anna Berger',
        problem: 'transfer_id_differs',
      }),
    );
  });
});

describe('running payouts by hand', () => {
  it('replays a repeated Idempotency-Key instead of running again, and refuses the key for another week', async () => {
    const admin = await createAdmin();
    const key = `prepare-${crypto.randomUUID()}`;
    const prepare = (week: string) =>
      call('/v1/admin/payouts/prepare', {
        token: admin.token,
        json: { week },
        headers: { 'Idempotency-Key': key },
      });
    const first = await prepare(thisWeek());
    expect(first.status).toBe(200);
    const again = await prepare(thisWeek());
    expect(await json(again)).toEqual(await json(first));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await expectProblem(await prepare(weekAfter(-1)), 409);
  });
});

describe('a payout with many payments', () => {
  it('lists every payment it covers, beyond what one statement can bind', async () => {
    const parties = await paidParties();
    const count = 105;
    for (let i = 0; i < count; i += 15) {
      await Promise.all(
        Array.from({ length: Math.min(15, count - i) }, (_, j) => payment(parties, 1_000 + i + j)),
      );
    }
    await preparePayouts(env, thisWeek());
    const [payout] = await payoutsOf(parties.expert.expertId);
    const detail = await json(await call(`/v1/payouts/${payout?.id}`, { token: parties.expert.token }));
    expect(detail.payments).toHaveLength(count);
    const shares = detail.entries.reduce((sum: number, e: { amount: number }) => sum + e.amount, 0);
    expect(shares).toBe(detail.amount);
  }, 30_000); // 105 payments made and paid through the API
});

describe('a process run with failures', () => {
  it('names the expert of each payout it could not pay, in its answer and in the runs list', async () => {
    const parties = await paidParties();
    await connected(parties);
    await db
      .update(experts)
      .set({ name: 'Lena Lotse' })
      .where(eq(experts.id, parties.expert.expertId ?? ''));
    await payment(parties, 10_000);
    await preparePayouts(env, thisWeek());
    stripeTransfers(() =>
      Response.json({ error: { type: 'api_error', message: 'Stripe is down' } }, { status: 400 }),
    );
    const admin = await createAdmin();
    const response = await callWithVars(
      '/v1/admin/payouts/process',
      { STRIPE_SECRET_KEY: 'sk_test_51EngageTests' },
      { method: 'POST', token: admin.token },
    );
    expect(response.status).toBe(200);
    const [payout] = await payoutsOf(parties.expert.expertId);
    const expected = {
      payout_id: payout?.id,
      expert_name: 'Lena Lotse',
      error: expect.stringContaining('down'),
    };
    expect((await json(response)).errors).toContainEqual(expected);
    const runs = await json(await call('/v1/admin/payouts/runs?limit=1', { token: admin.token }));
    expect(runs.data[0].errors).toContainEqual(expected);
  });
});
