// Proration through the Stripe provider: the real stripe-node SDK against a Stripe API intercepted at fetch
// (fake-stripe.ts). An engagement ending inside a period billed as a Stripe Invoice pays for the days it used
// (rate × used ÷ period days, rounded half up): an open invoice is lowered by one credit note, a paid one
// partly refunded — one Stripe object under one key, however often and concurrently the end is handled —
// and the expert's ledger ends at the share of the prorated amount once, whatever Stripe redelivers.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import { billingPeriods, engagements, ledgerEntries, orgs, payments } from '../../src/db/schema';
import type { EventMessage } from '../../src/events/message';
import { applyProrations, prorateOnEnd } from '../../src/modules/billing/proration';
import { billDuePeriods } from '../../src/modules/billing/service';
import { call, json, requestEngagement, signupCompany, signupExpert, waitFor } from '../helpers';
import { fakeStripeApi } from './fake-stripe';
import { deliverStripe, stripeEvent } from './fixtures';

const db = createDb(env.DB);
const stripeEnv = { ...env, STRIPE_SECRET_KEY: 'sk_test_51EngageTests' } as Env;
const DAY = 86_400_000;
afterEach(() => vi.restoreAllMocks());

// A week of 120,000 ended on its third day: 120,000 × 3 ÷ 7 = 51,428.57 → 51,429 (half up); 68,571 given back.
const RATE = 120_000;
const PRORATED = 51_429;
const CREDIT = RATE - PRORATED;
// The expert's share at the 20 % fee (rounded half up on the fee): 51,429 − 10,286.
const EXPERT_SHARE = 41_143;

/**
 * An accepted weekly engagement whose second week was billed through Stripe (the first, at acceptance, went
 * through the embedded provider as in dev): that week's period, payment and Stripe invoice.
 */
async function weekBilledByStripe() {
  const company = await signupCompany('Proration GmbH');
  const expert = await signupExpert();
  const engagement = await requestEngagement(company, expert.expertId ?? '', {
    modules: ['TENDER'],
    rate: { amount: RATE, currency: 'eur', interval: 'week' },
  });
  await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
  await waitFor(async () => {
    const view = await json(await call(`/v1/engagements/${engagement.id}/billing`, { token: company.token }));
    return view.periods[0]?.invoice_id;
  });
  await db
    .update(orgs)
    .set({ stripeCustomerId: null })
    .where(eq(orgs.id, company.orgId ?? ''));
  const stripe = fakeStripeApi();
  await billDuePeriods(stripeEnv, db, new Date(Date.now() + 8 * DAY));
  const period = await db.query.billingPeriods.findFirst({
    where: and(eq(billingPeriods.engagementId, engagement.id), eq(billingPeriods.n, 1)),
  });
  const payment = await db.query.payments.findFirst({ where: eq(payments.id, period?.paymentId ?? '') });
  if (!period || !payment?.providerInvoiceId?.startsWith('in_T'))
    throw new Error('week 2 not invoiced by Stripe');
  return { company, expert, engagement, period, payment, invoiceId: payment.providerInvoiceId, stripe };
}

/**
 * The engagement ends on the third day of its second week (an evening, UTC). Its status is set here and its
 * event handed to the handler with Stripe configured: the Worker's own consumer runs without Stripe's key.
 */
async function endOnThirdDay(engagementId: string, periodStart: string, type: 'cancelled' | 'completed') {
  await db.update(engagements).set({ status: type }).where(eq(engagements.id, engagementId));
  const endedAt = new Date(Date.parse(`${periodStart}T00:00:00Z`) + 2 * DAY + 20 * 3_600_000).toISOString();
  const event: EventMessage = {
    id: `evt_end_${engagementId}`,
    type: `engagement.${type}`,
    seq: null,
    engagement_id: engagementId,
    org_id: null,
    data: {},
    created_at: endedAt,
  };
  // Delivered twice at once, once more later, and the sweep after: one proration.
  await Promise.all([prorateOnEnd.run(stripeEnv, event), prorateOnEnd.run(stripeEnv, event)]);
  await prorateOnEnd.run(stripeEnv, event);
  await applyProrations(stripeEnv, db);
  return endedAt.slice(0, 10);
}

const ledgerOf = async (paymentId: string) =>
  (await db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId))).map((e) => e.amount);

/** Delivers a Stripe event twice under its id and once more under a new one (Stripe may resend a fact so). */
async function redeliver(type: string, object: Record<string, unknown>) {
  const event = stripeEvent(type, object);
  expect((await deliverStripe(event)).status).toBe(200);
  expect(await json(await deliverStripe(event))).toMatchObject({ outcome: 'duplicate' });
  expect((await deliverStripe(stripeEvent(type, object))).status).toBe(200);
}

describe('proration through the Stripe provider (stripe-node, API intercepted at fetch)', {
  timeout: 30_000,
}, () => {
  it('lowers an open invoice by one credit note of the unused days when the company cancels, and credits the expert the share of what is paid once', async () => {
    const { engagement, period, payment, invoiceId, stripe } = await weekBilledByStripe();
    const before = stripe.calls.length;
    const endedOn = await endOnThirdDay(engagement.id, period.periodStart, 'cancelled');

    const calls = stripe.calls.slice(before);
    // What the invoice asks is read first, so a repeated call credits nothing twice.
    expect(calls[0]).toMatchObject({ method: 'GET', path: `/v1/invoices/${invoiceId}` });
    const notes = calls.filter((c) => c.path === '/v1/credit_notes');
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.method).toBe('POST');
      expect(note.key).toBe(`proration:${period.id}`);
      expect(Object.fromEntries(note.body)).toEqual({
        invoice: invoiceId,
        amount: String(CREDIT),
        reason: 'order_change',
      });
    }
    expect([...stripe.creditNotes.values()]).toEqual([expect.objectContaining({ amount: CREDIT })]);
    expect(stripe.invoices.get(invoiceId)).toMatchObject({ amount_due: PRORATED });
    expect(calls.some((c) => c.path.startsWith('/v1/refunds'))).toBe(false);

    const row = await db.query.billingPeriods.findFirst({ where: eq(billingPeriods.id, period.id) });
    expect(row).toMatchObject({ endedOn, proratedAmount: PRORATED, prorationAppliedAt: expect.any(String) });
    expect((await db.query.payments.findFirst({ where: eq(payments.id, payment.id) }))?.amount).toBe(
      PRORATED,
    );

    // Stripe collects the lowered invoice and says so, more than once.
    await redeliver('invoice.paid', {
      id: invoiceId,
      object: 'invoice',
      status: 'paid',
      currency: 'eur',
      amount_paid: PRORATED,
      metadata: { payment_id: payment.id },
    });
    expect(await ledgerOf(payment.id)).toEqual([EXPERT_SHARE]);
    expect(await db.query.payments.findFirst({ where: eq(payments.id, payment.id) })).toMatchObject({
      status: 'paid',
      amount: PRORATED,
    });
  });

  it('refunds the unused days of a paid invoice once when the engagement completes, and debits the expert once', async () => {
    const { engagement, period, payment, invoiceId, stripe } = await weekBilledByStripe();
    await redeliver('invoice.paid', {
      id: invoiceId,
      object: 'invoice',
      status: 'paid',
      currency: 'eur',
      amount_paid: RATE,
      metadata: { payment_id: payment.id },
    });
    expect(await ledgerOf(payment.id)).toEqual([96_000]);
    const intent = `pi_of_${invoiceId}`;
    expect(payment.providerPaymentId).toBe(intent);

    const before = stripe.calls.length;
    await endOnThirdDay(engagement.id, period.periodStart, 'completed');
    const calls = stripe.calls.slice(before);
    const refunds = calls.filter((c) => c.path === '/v1/refunds');
    expect(refunds.length).toBeGreaterThan(0);
    for (const refund of refunds) {
      expect(refund.key).toBe(`proration:${period.id}`);
      expect(Object.fromEntries(refund.body)).toEqual({ payment_intent: intent, amount: String(CREDIT) });
    }
    expect([...stripe.refunds.values()]).toEqual([expect.objectContaining({ amount: CREDIT })]);
    expect(calls.some((c) => c.path === '/v1/credit_notes')).toBe(false);

    // Stripe reports the refund on the charge, more than once: the expert gives back the share of it once.
    await redeliver('charge.refunded', {
      id: `ch_of_${invoiceId}`,
      object: 'charge',
      amount: RATE,
      amount_refunded: CREDIT,
      refunded: false,
      payment_intent: intent,
    });
    // 68,571 refunded: fee 13,714 (half up) → debit 54,857; the expert keeps 96,000 − 54,857 = 41,143.
    expect(await ledgerOf(payment.id)).toEqual([96_000, -54_857]);
    expect((await ledgerOf(payment.id)).reduce((a, b) => a + b, 0)).toBe(EXPERT_SHARE);
    expect(await db.query.payments.findFirst({ where: eq(payments.id, payment.id) })).toMatchObject({
      status: 'paid',
      amount: RATE,
      amountRefunded: CREDIT,
    });
    // Handled again after the refund arrived: nothing more is asked of Stripe.
    const after = stripe.calls.length;
    await endOnThirdDay(engagement.id, period.periodStart, 'completed');
    expect(stripe.calls.slice(after).filter((c) => c.method === 'POST')).toEqual([]);
  });
});
