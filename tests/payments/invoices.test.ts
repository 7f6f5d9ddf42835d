// Billed periods as Stripe Invoices: the real stripe-node SDK against a Stripe API intercepted at fetch (one
// customer per company, one invoice per period, charged automatically, no transfer_data), and the invoice
// webhooks signed with Stripe's own signer — paid, failed and voided in any order and duplicated credit once;
// a failure Stripe still retries is not overdue, the last one is (one email); paying afterwards clears it.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PayoutMessage } from '../../queues/messages';
import { createDb } from '../../src/db/client';
import { ledgerEntries, orgs, payments } from '../../src/db/schema';
import { billDuePeriods } from '../../src/modules/billing/service';
import { processPayoutBatch } from '../../src/modules/payouts/queue';
import {
  type Account,
  call,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';
import { fakeStripeApi, type StripeCall } from './fake-stripe';
import { deliverStripe, stripeEvent } from './fixtures';

const db = createDb(env.DB);
const stripeEnv = { ...env, STRIPE_SECRET_KEY: 'sk_test_51EngageTests' } as Env;
const DAY = 86_400_000;
afterEach(() => vi.restoreAllMocks());

/** An engagement the expert accepted: its first period is billed at once (embedded provider, as in dev). */
async function accepted(company: Account, rate = { amount: 120_000, currency: 'eur', interval: 'week' }) {
  const expert = await signupExpert();
  const engagement = await requestEngagement(company, expert.expertId ?? '', { modules: ['TENDER'], rate });
  await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
  const billing = await waitFor(async () => {
    const view = await json(await call(`/v1/engagements/${engagement.id}/billing`, { token: company.token }));
    return view.periods[0]?.invoice_id ? view : undefined;
  });
  return { expert, engagement, billing, period: billing.periods[0] as { id: string; payment_id: string } };
}

/** Forgets every idempotency key the fake Stripe answered (Stripe keeps them 24 h). */
let expireStripeKeys = () => {};

/** Stripe's API at fetch (fake-stripe.ts): the calls the SDK made. */
function fakeStripe(): StripeCall[] {
  const stripe = fakeStripeApi();
  expireStripeKeys = stripe.expireKeys;
  return stripe.calls;
}

/** Billing from here on through Stripe: the company is no Stripe customer yet. */
const forgetCustomer = (orgId: string | null) =>
  db
    .update(orgs)
    .set({ stripeCustomerId: null })
    .where(eq(orgs.id, orgId ?? ''));

const paymentOf = async (id: string) => db.query.payments.findFirst({ where: eq(payments.id, id) });
const creditsOf = async (paymentId: string) =>
  (await db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId))).map((e) => e.amount);
const overdueEmails = async (to: string) =>
  (
    await env.DB.prepare(
      `SELECT count(*) AS n FROM email_logs WHERE template = 'paymentOverdue' AND "to" = ?`,
    )
      .bind(to)
      .first<{ n: number }>()
  )?.n ?? 0;
const billingOf = async (company: Account, engagementId: string) =>
  json(await call(`/v1/engagements/${engagementId}/billing`, { token: company.token }));

describe('billed periods as Stripe Invoices (stripe-node, API intercepted at fetch)', () => {
  it('creates one finalized invoice per period for the company’s customer, with the period’s metadata and no transfer_data, however often and concurrently billing runs', async () => {
    const company = await signupCompany();
    const { engagement } = await accepted(company);
    await forgetCustomer(company.orgId);
    const calls = fakeStripe();
    const later = new Date(Date.now() + 15 * DAY); // weeks 2 and 3 began
    await Promise.all([billDuePeriods(stripeEnv, db, later), billDuePeriods(stripeEnv, db, later)]);
    await billDuePeriods(stripeEnv, db, later);

    const rows = await env.DB.prepare(
      `SELECT bp.id AS period_id, bp.n, p.id AS payment_id, p.provider_invoice_id, p.provider_payment_id
       FROM billing_periods bp JOIN payments p ON p.id = bp.payment_id WHERE bp.engagement_id = ? ORDER BY bp.n`,
    )
      .bind(engagement.id)
      .all<{
        period_id: string;
        n: number;
        payment_id: string;
        provider_invoice_id: string;
        provider_payment_id: string;
      }>();
    const billed = rows.results.filter((r) => r.n > 0);
    expect(billed.map((r) => r.n)).toEqual([1, 2]);
    const org = await db.query.orgs.findFirst({ where: eq(orgs.id, company.orgId ?? '') });
    const mine = (c: StripeCall) => c.body.get('metadata[org_id]') === company.orgId;
    // One customer for the company, asked for under its own key.
    const customerCalls = calls.filter(
      (c) => c.path === '/v1/customers' && c.body.get('metadata[org_id]') === company.orgId,
    );
    expect(new Set(customerCalls.map((c) => c.key))).toEqual(new Set([`customer:${company.orgId}`]));
    expect(org?.stripeCustomerId).toMatch(/^cus_T/);
    // One invoice per period (both runs asked with the same keys: Stripe answered with the same invoice).
    const created = calls.filter((c) => c.path === '/v1/invoices' && mine(c));
    expect(new Set(created.map((c) => c.key))).toEqual(
      new Set(billed.map((r) => `payment:${r.payment_id}:invoice`)),
    );
    for (const row of billed) {
      const invoice = created.find((c) => c.body.get('metadata[period_id]') === row.period_id);
      expect(Object.fromEntries(invoice?.body ?? [])).toMatchObject({
        customer: org?.stripeCustomerId,
        collection_method: 'charge_automatically',
        currency: 'eur',
        pending_invoice_items_behavior: 'exclude',
        'metadata[engagement_id]': engagement.id,
        'metadata[period_id]': row.period_id,
        'metadata[payment_id]': row.payment_id,
        'metadata[org_id]': company.orgId,
      });
      expect(row.provider_invoice_id).toMatch(/^in_T/);
      expect(row.provider_payment_id).toBe(`pi_of_${row.provider_invoice_id}`);
      // The company can pay it on Stripe's page whatever its payment methods.
      const view = await json(await call(`/v1/payments/${row.payment_id}`, { token: company.token }));
      expect(view.hosted_invoice_url).toBe(`https://invoice.stripe.com/i/${row.provider_invoice_id}`);
      const item = calls.find(
        (c) => c.path === '/v1/invoiceitems' && c.body.get('invoice') === row.provider_invoice_id,
      );
      expect(item?.body.get('amount')).toBe('120000');
      expect(item?.key).toBe(`payment:${row.payment_id}:item`);
    }
    // The platform collects; experts are paid by our payouts, never by the invoice.
    expect(calls.some((c) => [...c.body.keys()].some((k) => k.startsWith('transfer_data')))).toBe(false);
    expect(calls.some((c) => c.path.endsWith('/finalize'))).toBe(true);
  });

  it('creates one Stripe customer per company when two of its engagements are billed at once', async () => {
    const company = await signupCompany('Twin Engagements AG');
    const first = await accepted(company);
    const second = await accepted(company);
    await forgetCustomer(company.orgId);
    const calls = fakeStripe();
    const later = new Date(Date.now() + 8 * DAY);
    await Promise.all([
      billDuePeriods(stripeEnv, db, later),
      billDuePeriods(stripeEnv, db, later),
      billDuePeriods(stripeEnv, db, later),
    ]);
    const org = await db.query.orgs.findFirst({ where: eq(orgs.id, company.orgId ?? '') });
    const customers = calls.filter(
      (c) => c.path === '/v1/customers' && c.body.get('metadata[org_id]') === company.orgId,
    );
    expect(customers.length).toBeGreaterThan(0);
    expect(new Set(customers.map((c) => c.key)).size).toBe(1);
    const invoiced = calls.filter(
      (c) =>
        c.path === '/v1/invoices' &&
        [first.engagement.id, second.engagement.id].includes(c.body.get('metadata[engagement_id]') ?? ''),
    );
    expect(new Set(invoiced.map((c) => c.body.get('customer')))).toEqual(new Set([org?.stripeCustomerId]));
    expect(new Set(invoiced.map((c) => c.key)).size).toBe(2); // week 2 of each engagement
  });

  it('invoices a backlog larger than one step through the payouts queue, step after step, each period once', async () => {
    const company = await signupCompany('Backlog KG');
    const { engagement } = await accepted(company, { amount: 1_000, currency: 'eur', interval: 'week' });
    await forgetCustomer(company.orgId);
    fakeStripe();
    // The continuation is caught at the producer: the worker's own consumer would bill without Stripe's key.
    const sent: unknown[] = [];
    vi.spyOn(env.PAYOUTS_QUEUE, 'send').mockImplementation(async (body) => {
      sent.push(body);
      return undefined as unknown as QueueSendResponse;
    });
    // Earlier tests' engagements would be billed for the same 230 weeks: their billing is paused here.
    await env.DB.prepare(
      "UPDATE engagements SET billing_paused_at = ? WHERE status = 'active' AND id <> ? AND billing_paused_at IS NULL",
    )
      .bind(new Date().toISOString(), engagement.id)
      .run();
    const later = new Date(Date.now() + 230 * 7 * DAY); // 230 more weeks began
    const first = await billDuePeriods(stripeEnv, db, later);
    expect(first.invoices_created).toBe(200);
    expect(sent).toEqual([{ job: 'invoice_periods' }]);

    const batch = createMessageBatch<PayoutMessage>('engage-payouts', [
      { id: 'invoice-step', timestamp: new Date(), attempts: 1, body: sent[0] },
    ]);
    const ctx = createExecutionContext();
    await processPayoutBatch(stripeEnv, batch);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['invoice-step']);
    const { results } = await env.DB.prepare(
      `SELECT count(*) AS periods, count(p.provider_invoice_id) AS invoiced, count(DISTINCT p.provider_invoice_id) AS distinct_invoices
       FROM billing_periods bp JOIN payments p ON p.id = bp.payment_id WHERE bp.engagement_id = ?`,
    )
      .bind(engagement.id)
      .all<{ periods: number; invoiced: number; distinct_invoices: number }>();
    expect(results[0]).toEqual({ periods: 231, invoiced: 231, distinct_invoices: 231 });
    // The last step was not full: nothing more is queued.
    expect(sent).toHaveLength(1);
  });

  it('finds the customer and the invoice a run made before its D1 write was lost, after Stripe forgot the keys, instead of making them twice', async () => {
    const company = await signupCompany('Lost Write GmbH');
    const { engagement } = await accepted(company);
    await forgetCustomer(company.orgId);
    const calls = fakeStripe();
    const later = new Date(Date.now() + 8 * DAY); // week 2 began
    await billDuePeriods(stripeEnv, db, later);
    const [made] = (
      await env.DB.prepare(
        `SELECT p.id, p.provider_invoice_id FROM billing_periods bp JOIN payments p ON p.id = bp.payment_id
         WHERE bp.engagement_id = ? AND bp.n = 1`,
      )
        .bind(engagement.id)
        .all<{ id: string; provider_invoice_id: string }>()
    ).results;
    const customer = (await db.query.orgs.findFirst({ where: eq(orgs.id, company.orgId ?? '') }))
      ?.stripeCustomerId;
    expect(made?.provider_invoice_id).toMatch(/^in_T/);

    // The run's writes are lost, and a day and a half later Stripe no longer knows its keys.
    await forgetCustomer(company.orgId);
    await env.DB.prepare(
      `UPDATE payments SET provider_invoice_id = NULL, provider_payment_id = NULL, created_at = ? WHERE id = ?`,
    )
      .bind(new Date(Date.now() - 1.5 * DAY).toISOString(), made?.id ?? '')
      .run();
    expireStripeKeys();
    const before = calls.length;
    await billDuePeriods(stripeEnv, db, later);

    const again = calls.slice(before);
    expect(
      again.filter(
        (c) => c.method === 'POST' && ['/v1/customers', '/v1/invoices', '/v1/invoiceitems'].includes(c.path),
      ),
    ).toEqual([]);
    expect(again.map((c) => c.path)).toEqual(
      expect.arrayContaining(['/v1/customers/search', '/v1/invoices/search']),
    );
    expect(
      (await db.query.orgs.findFirst({ where: eq(orgs.id, company.orgId ?? '') }))?.stripeCustomerId,
    ).toBe(customer);
    const recovered = await paymentOf(made?.id ?? '');
    expect(recovered?.providerInvoiceId).toBe(made?.provider_invoice_id);
    expect(recovered?.providerPaymentId).toBe(`pi_of_${made?.provider_invoice_id}`);
  });
});

const invoiceObject = (invoiceId: string, paymentId: string, extra: Record<string, unknown> = {}) => ({
  id: invoiceId,
  object: 'invoice',
  collection_method: 'charge_automatically',
  currency: 'eur',
  amount_due: 120_000,
  metadata: { payment_id: paymentId },
  ...extra,
});

const events = (invoiceId: string, paymentId: string) => ({
  paid: stripeEvent(
    'invoice.paid',
    invoiceObject(invoiceId, paymentId, { status: 'paid', amount_paid: 120_000 }),
  ),
  failed: stripeEvent(
    'invoice.payment_failed',
    invoiceObject(invoiceId, paymentId, { status: 'open', attempt_count: 4, next_payment_attempt: null }),
  ),
  voided: stripeEvent('invoice.voided', invoiceObject(invoiceId, paymentId, { status: 'void' })),
});

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((item, i) =>
        permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
      );

describe('invoice webhooks', { timeout: 60_000 }, () => {
  it('credit the expert once whatever the order of paid, failed and voided, each delivered twice', async () => {
    const company = await signupCompany();
    for (const order of permutations(['paid', 'failed', 'voided'] as const)) {
      const { period } = await accepted(company);
      const payment = await paymentOf(period.payment_id);
      const invoice = events(payment?.providerInvoiceId ?? '', period.payment_id);
      for (const name of order) {
        const event = invoice[name];
        expect((await deliverStripe(event)).status).toBe(200);
        expect(await json(await deliverStripe(event))).toMatchObject({ outcome: 'duplicate' });
        // The same fact again under a new event id (Stripe may resend it so).
        await deliverStripe(stripeEvent(event.type, event.data.object));
      }
      // Money wins: collected is paid, whatever failure or void was heard before or after.
      expect((await paymentOf(period.payment_id))?.status, order.join(' → ')).toBe('paid');
      expect(await creditsOf(period.payment_id), order.join(' → ')).toEqual([96_000]);
    }
  });

  it('keep a failure Stripe retries off overdue and unmailed; the last failure is overdue with one email; paying clears it', async () => {
    const company = await signupCompany();
    const { engagement, period } = await accepted(company);
    const payment = await paymentOf(period.payment_id);
    const invoiceId = payment?.providerInvoiceId ?? '';
    const attempt = (next: number | null, count: number) =>
      stripeEvent(
        'invoice.payment_failed',
        invoiceObject(invoiceId, period.payment_id, {
          status: 'open',
          attempt_count: count,
          next_payment_attempt: next,
        }),
      );
    const inThreeDays = Math.floor(Date.now() / 1000) + 3 * 86_400;
    await deliverStripe(attempt(inThreeDays, 1));
    let view = await billingOf(company, engagement.id);
    expect(view.overdue).toBe(false);
    expect(view.periods[0]).toMatchObject({
      payment_status: 'failed',
      retry_at: new Date(inThreeDays * 1000).toISOString(),
    });
    // Its payment.failed went round (in-app notice) without the overdue email.
    await waitFor(async () =>
      env.DB.prepare(`SELECT 1 AS x FROM notifications WHERE type = 'payment_failed' AND data LIKE ?`)
        .bind(`%${period.payment_id}%`)
        .first()
        .then((row) => row ?? undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await overdueEmails(company.email)).toBe(0);

    // A later retry failing moves the next attempt on; an older event arriving late changes nothing.
    await deliverStripe(attempt(inThreeDays + 5 * 86_400, 2));
    await deliverStripe(attempt(inThreeDays, 1));
    expect((await paymentOf(period.payment_id))?.retryAt).toBe(
      new Date((inThreeDays + 5 * 86_400) * 1000).toISOString(),
    );

    // Stripe gives up: overdue, and the company is emailed once however often it is told.
    const last = attempt(null, 4);
    await deliverStripe(last);
    await deliverStripe(stripeEvent(last.type, last.data.object));
    await deliverStripe(attempt(inThreeDays + 9 * 86_400, 3)); // a retry's event arriving after the end
    view = await billingOf(company, engagement.id);
    expect(view).toMatchObject({ overdue: true });
    expect(view.periods[0]).toMatchObject({ payment_status: 'failed', retry_at: null });
    await waitFor(async () => (await overdueEmails(company.email)) > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await overdueEmails(company.email)).toBe(1);

    // The company pays after all (a new card on the invoice): paid, credited once, no longer overdue.
    await deliverStripe(
      stripeEvent('invoice.paid', invoiceObject(invoiceId, period.payment_id, { status: 'paid' })),
    );
    view = await billingOf(company, engagement.id);
    expect(view.overdue).toBe(false);
    expect(view.periods[0]).toMatchObject({ payment_status: 'paid', retry_at: null });
    expect(await creditsOf(period.payment_id)).toEqual([96_000]);
  });

  it('make a payment overdue when Stripe marks its invoice uncollectible, and leave nothing owed when voided', async () => {
    const company = await signupCompany();
    const first = await accepted(company);
    const firstPayment = await paymentOf(first.period.payment_id);
    await deliverStripe(
      stripeEvent(
        'invoice.payment_failed',
        invoiceObject(firstPayment?.providerInvoiceId ?? '', first.period.payment_id, {
          next_payment_attempt: Math.floor(Date.now() / 1000) + 86_400,
        }),
      ),
    );
    await deliverStripe(
      stripeEvent(
        'invoice.marked_uncollectible',
        invoiceObject(firstPayment?.providerInvoiceId ?? '', first.period.payment_id, {
          status: 'uncollectible',
        }),
      ),
    );
    expect(await billingOf(company, first.engagement.id)).toMatchObject({ overdue: true });
    await waitFor(async () => (await overdueEmails(company.email)) === 1);

    const second = await accepted(company);
    const secondPayment = await paymentOf(second.period.payment_id);
    await deliverStripe(
      stripeEvent(
        'invoice.voided',
        invoiceObject(secondPayment?.providerInvoiceId ?? '', second.period.payment_id, { status: 'void' }),
      ),
    );
    const view = await billingOf(company, second.engagement.id);
    expect(view).toMatchObject({ overdue: false });
    expect(view.periods[0].payment_status).toBe('void');
    expect(await creditsOf(second.period.payment_id)).toEqual([]);
  });

  it('pays a period’s invoice with the test card locally through the invoice events (embedded provider)', async () => {
    const company = await signupCompany();
    const { engagement, period } = await accepted(company);
    const declined = await call(`/v1/payments/${period.payment_id}/confirm`, {
      token: company.token,
      json: { payment_method: 'pm_card_chargeDeclined' },
    });
    expect(await json(declined)).toMatchObject({
      status: 'failed',
      failure_reason: 'Your card was declined.',
    });
    expect(await billingOf(company, engagement.id)).toMatchObject({ overdue: true });
    // The invoice stays open: another card settles it.
    const paid = await call(`/v1/payments/${period.payment_id}/confirm`, {
      token: company.token,
      json: { payment_method: 'pm_card_visa' },
    });
    expect(await json(paid)).toMatchObject({
      status: 'paid',
      provider_invoice_id: expect.stringMatching(/^in_emb_/),
    });
    expect(await billingOf(company, engagement.id)).toMatchObject({ overdue: false });
    expect(await creditsOf(period.payment_id)).toEqual([96_000]);
  });

  it('answer 400 problem+json to a signed invoice event of the wrong shape, changing nothing', async () => {
    const company = await signupCompany();
    const { period } = await accepted(company);
    const payment = await paymentOf(period.payment_id);
    const noNextAttempt = invoiceObject(payment?.providerInvoiceId ?? '', period.payment_id);
    const problem = await expectProblem(
      await deliverStripe(stripeEvent('invoice.payment_failed', noNextAttempt)),
      400,
    );
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['next_payment_attempt']);
    for (const type of ['invoice.paid', 'invoice.voided', 'invoice.marked_uncollectible']) {
      await expectProblem(await deliverStripe(stripeEvent(type, { object: 'invoice' })), 400);
      await expectProblem(await deliverStripe(stripeEvent(type, { id: 'in_x', metadata: 'oops' })), 400);
    }
    expect((await paymentOf(period.payment_id))?.status).toBe('pending');
  });
});
