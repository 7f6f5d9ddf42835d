// AI credits: tasks cost credits when created (402 and nothing queued when the balance is short, never an
// overdraft under concurrency), packs are bought through a payment and credited once, platform failures are
// refunded once, and each company sees only its own credits.
import { env } from 'cloudflare:workers';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { refundFailedTask } from '../../src/modules/credits/service';
import { handleProviderEvent } from '../../src/modules/payments/events';
import { type Account, call, createAdmin, expectProblem, json, signupCompany, waitFor } from '../helpers';
import { deliver } from '../tasks/delivery';
import {
  activeEngagement,
  anotherCleanInvoice,
  eventTypes,
  invoicePdf,
  type Parties,
  taskRow,
} from '../tasks/fixtures';

afterEach(() => vi.restoreAllMocks());

const credits = async (account: Account, query = '') =>
  json(await call(`/v1/credits${query}`, { token: account.token }));

/** Sets a company's balance through an admin grant (the tests' companies start with plenty). */
async function setBalance(account: Account, target: number) {
  const admin = await createAdmin();
  const { balance } = await credits(account);
  if (balance === target) return;
  const response = await call('/v1/admin/credits/grants', {
    token: admin.token,
    json: { org_id: account.orgId, credits: target - balance, note: 'test' },
  });
  expect(response.status).toBe(201);
  expect((await json(response)).balance).toBe(target);
}

const createInvoiceTask = (
  parties: Parties,
  input: Record<string, unknown> = { text: anotherCleanInvoice() },
) =>
  call(`/v1/engagements/${parties.engagementId}/tasks`, {
    token: parties.company.token,
    json: { title: 'Invoice', module: 'CTAX', type: 'process_invoice', input },
  });

describe('task creation', () => {
  it('takes the module price from the balance and records the consumption', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 10);
    const task = await json(await createInvoiceTask(parties));
    const after = await credits(parties.company);
    expect(after.balance).toBe(9); // CTAX costs 1 credit a task by default
    expect(after.entries[0]).toMatchObject({ kind: 'consumption', amount: -1, task_id: task.id });
  });

  it('answers 402 with the balance and the price, and creates and queues nothing, when credits are short', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 0);
    const send = vi.spyOn(env.TASKS_QUEUE, 'send');
    const problem = await expectProblem(await createInvoiceTask(parties), 402);
    expect(problem).toMatchObject({ balance: 0, price: 1, missing: 1 });
    expect(problem.detail).toContain('credit');
    expect(send).not.toHaveBeenCalled();
    const tasks = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks`, { token: parties.company.token }),
    );
    expect(tasks.data).toEqual([]);
    expect((await credits(parties.company)).balance).toBe(0);
  });

  it('creates a batch of tasks only if the balance covers all of them', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 2);
    const batch = (n: number) =>
      call(`/v1/engagements/${parties.engagementId}/tasks/batch`, {
        token: parties.company.token,
        json: {
          tasks: Array.from({ length: n }, () => ({
            title: 'Invoice',
            module: 'CTAX',
            type: 'process_invoice',
            input: { text: anotherCleanInvoice() },
          })),
        },
      });
    expect(await expectProblem(await batch(3), 402)).toMatchObject({ balance: 2, price: 3 });
    expect((await batch(2)).status).toBe(202);
    expect((await credits(parties.company)).balance).toBe(0);
  });

  it('never overdraws under concurrent creation: as many tasks as credits, the rest 402', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 4);
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => createInvoiceTask(parties)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 202)).toHaveLength(4);
    expect(statuses.filter((s) => s === 402)).toHaveLength(6);
    const after = await credits(parties.company);
    expect(after.balance).toBe(0);
    expect(after.entries.filter((e: { kind: string }) => e.kind === 'consumption')).toHaveLength(4);
  });
});

describe('refunds', () => {
  it('gives a task back its credits once when it fails through no fault of its document', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 5);
    const upload = await json(
      await call('/v1/files?purpose=invoice&name=invoice.pdf', {
        token: parties.company.token,
        body: await invoicePdf(anotherCleanInvoice()),
        headers: { 'Content-Type': 'application/pdf' },
      }),
    );
    // Storage trouble on every attempt: the platform cannot load the input.
    vi.spyOn(env.FILES, 'get').mockRejectedValue(new Error('R2 unavailable'));
    const task = await json(await createInvoiceTask(parties, { file_id: upload.id }));
    expect((await credits(parties.company)).balance).toBe(4);
    await deliver(task.id, 6); // the last attempt
    expect((await taskRow(task.id)).status).toBe('failed');
    const refunded = await waitFor(async () => {
      const now = await credits(parties.company);
      return now.balance === 5 && now;
    });
    expect(refunded.entries[0]).toMatchObject({ kind: 'refund', amount: 1, task_id: task.id });

    // The failure delivered again (as at-least-once delivery may) refunds nothing more.
    await refundFailedTask.run(env, {
      id: 'evt_01JREDELIVEREDFAILURE00000',
      type: 'task.failed',
      seq: null,
      engagement_id: parties.engagementId,
      org_id: parties.company.orgId,
      data: { task_id: task.id },
      created_at: new Date().toISOString(),
    });
    expect((await credits(parties.company)).balance).toBe(5);
  });

  it('keeps the credits of a task whose own document cannot be read', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 5);
    // A PDF by its first bytes, unreadable after them.
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage');
    const upload = await json(
      await call('/v1/files?purpose=invoice&name=broken.pdf', {
        token: parties.company.token,
        body: broken,
        headers: { 'Content-Type': 'application/pdf' },
      }),
    );
    const task = await json(await createInvoiceTask(parties, { file_id: upload.id }));
    await deliver(task.id, 1);
    const failed = await taskRow(task.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('could not be read');
    // Give the failure event time to reach its handlers: no refund follows.
    await waitFor(async () => {
      const types = await eventTypes(task.id);
      return types.includes('task.failed');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await credits(parties.company);
    expect(after.balance).toBe(4);
    expect(after.entries.some((e: { kind: string }) => e.kind === 'refund')).toBe(false);
  });
});

/** The invoice on its first page, followed by `extra` pages of terms. */
async function longInvoicePdf(extra: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await invoicePdf(anotherCleanInvoice()));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= extra; i++) {
    pdf.addPage([595, 842]).drawText(`General terms, part ${i}`, { x: 50, y: 800, size: 10, font });
  }
  return pdf.save();
}

async function uploadPdf(parties: Parties, bytes: Uint8Array) {
  const response = await call('/v1/files?purpose=invoice&name=invoice.pdf', {
    token: parties.company.token,
    body: bytes,
    headers: { 'Content-Type': 'application/pdf' },
  });
  return (await json(response)).id as string;
}

describe('pages beyond the included ones', () => {
  it('are charged once after reading (CTAX: 3 included, 1 credit per further page)', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 10);
    const fileId = await uploadPdf(parties, await longInvoicePdf(4)); // 5 pages
    const task = await json(await createInvoiceTask(parties, { file_id: fileId }));
    await deliver(task.id, 1);
    await deliver(task.id, 2); // redelivered: nothing more
    const after = await credits(parties.company);
    expect(after.balance).toBe(10 - 1 - 2);
    expect(after.entries.find((e: { note: string }) => e.note === '5 pages')).toMatchObject({
      kind: 'consumption',
      amount: -2,
      task_id: task.id,
    });
  });

  it('are charged only as far as the balance covers them; the document is read all the same', async () => {
    const parties = await activeEngagement();
    await setBalance(parties.company, 1);
    const fileId = await uploadPdf(parties, await longInvoicePdf(4));
    const task = await json(await createInvoiceTask(parties, { file_id: fileId }));
    await deliver(task.id, 1);
    expect(['completed', 'needs_review']).toContain((await taskRow(task.id)).status);
    expect((await credits(parties.company)).balance).toBe(0);
  });
});

describe('buying a pack', () => {
  it('creates a credits payment that adds the pack once paid, and pays no expert', async () => {
    const company = await signupCompany('Pack Buyer GmbH');
    await setBalance(company, 0);
    const created = await call('/v1/credits/purchase', { token: company.token, json: { pack: 'starter' } });
    expect(created.status).toBe(201);
    const payment = await json(created);
    expect(payment).toMatchObject({
      purpose: 'credits',
      credit_pack: 'starter',
      credits: 100,
      amount: 4900,
      currency: 'eur',
      status: 'pending',
      engagement_id: null,
      expert_id: null,
    });
    expect((await credits(company)).balance).toBe(0); // not before it is paid

    const confirmed = await call(`/v1/payments/${payment.id}/confirm`, {
      token: company.token,
      json: { payment_method: 'pm_card_visa' },
    });
    expect(await json(confirmed)).toMatchObject({ status: 'paid', fee_amount: 4900 });
    const after = await credits(company);
    expect(after.balance).toBe(100);
    expect(after.entries[0]).toMatchObject({ kind: 'purchase', amount: 100, payment_id: payment.id });

    // The same success delivered again (another event id, as a retried webhook might be) credits nothing more.
    const again = await handleProviderEvent(env, {
      id: 'evt_again_credits',
      type: 'payment_intent.succeeded',
      data: { object: { id: payment.provider_payment_id, status: 'succeeded' } },
    } as never);
    expect(again).not.toBe('handled');
    expect((await credits(company)).balance).toBe(100);
  });

  it('refuses an unknown pack (422) and an expert (403)', async () => {
    const parties = await activeEngagement();
    const unknown = await expectProblem(
      await call('/v1/credits/purchase', { token: parties.company.token, json: { pack: 'gigantic' } }),
      422,
    );
    expect(unknown.errors[0].path).toBe('pack');
    await expectProblem(
      await call('/v1/credits/purchase', { token: parties.expert.token, json: { pack: 'starter' } }),
      403,
    );
    await expectProblem(await call('/v1/credits', { token: parties.expert.token }), 403);
  });

  it('lists the packs and prices with the balance', async () => {
    const company = await signupCompany();
    const body = await credits(company);
    expect(body.packs.map((p: { name: string }) => p.name)).toEqual(['starter', 'team', 'scale']);
    expect(body.prices.CTAX).toMatchObject({ task: 1 });
    expect(body.currency).toBe('eur');
  });
});

describe('tenancy', () => {
  it('shows a company only its own credits; an admin names the company', async () => {
    const acme = await signupCompany('Acme');
    const globex = await signupCompany('Globex');
    await setBalance(acme, 7);
    await expectProblem(await call(`/v1/credits?org_id=${acme.orgId}`, { token: globex.token }), 404);
    const admin = await createAdmin();
    expect((await credits(admin, `?org_id=${acme.orgId}`)).balance).toBe(7);
    await expectProblem(await call('/v1/credits', { token: admin.token }), 422);
    await expectProblem(
      await call('/v1/admin/credits/grants', { token: acme.token, json: { org_id: acme.orgId, credits: 5 } }),
      403,
    );
  });

  it('never lets a grant take a balance below zero', async () => {
    const company = await signupCompany();
    await setBalance(company, 3);
    const admin = await createAdmin();
    const problem = await expectProblem(
      await call('/v1/admin/credits/grants', {
        token: admin.token,
        json: { org_id: company.orgId, credits: -5 },
      }),
      402,
    );
    expect(problem.balance).toBe(3);
    expect((await credits(company)).balance).toBe(3);
  });
});
