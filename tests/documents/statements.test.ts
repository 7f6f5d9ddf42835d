// Self-billing statements: a completed payout gets its Gutschrift — parsed back from the PDF with its number,
// the payments it covers, the fee and the total; numbers run 1, 2, … per expert without gaps or repeats,
// also when many are claimed at once; an expert never sees another's statement.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { experts } from '../../src/db/schema';
import { claimDocument } from '../../src/modules/documents/service';
import type { DocumentDraft } from '../../src/modules/documents/sources';
import { preparePayouts } from '../../src/modules/payouts/prepare';
import { processPayouts } from '../../src/modules/payouts/process';
import { isoWeekOf } from '../../src/modules/payouts/week';
import { call, createAdmin, expectProblem, json, signupCompany } from '../helpers';
import { paidParties, payment } from '../payments/fixtures';
import { documentsOf, pdfOf, textOf } from './fixtures';

const db = createDb(env.DB);
const week = (offset = 0) => isoWeekOf(new Date(Date.now() + offset * 7 * 86_400_000));

async function connectedParties(details: Record<string, unknown>) {
  const parties = await paidParties();
  const patched = await call('/v1/experts/me', {
    method: 'PATCH',
    token: parties.expert.token,
    json: { billing_details: details },
  });
  if (patched.status !== 200) throw new Error(`expert details: ${patched.status} ${await patched.text()}`);
  await db
    .update(experts)
    .set({ stripeAccountId: `acct_${crypto.randomUUID().slice(0, 8)}`, payoutsEnabled: true })
    .where(eq(experts.id, parties.expert.expertId ?? ''));
  return parties;
}

const ANNA = {
  address_line1: 'Lindenstraße 5',
  postcode: '80331',
  city: 'München',
  country_code: 'DE',
  vat_id: 'DE298765432',
  tax_number: '143/123/45678',
};

describe('self-billing statements', { timeout: 40_000 }, () => {
  it('makes statement GS-0001 for the first payout and GS-0002 for the next, with payments, fee and VAT', async () => {
    const parties = await connectedParties(ANNA);
    await payment(parties, 10_000);
    await payment(parties, 5_001);
    await preparePayouts(env, week());
    await processPayouts(env);
    const [first] = await documentsOf(parties.expert.token, 'kind=payout_statement');
    expect(first).toMatchObject({
      kind: 'payout_statement',
      number: 'GS-0001',
      total: 12_001,
      currency: 'eur',
    });

    const text = await textOf((await pdfOf(parties.expert.token, first.id)).bytes);
    expect(text).toContain('Gutschrift');
    expect(text).toContain('GS-0001');
    expect(text).toContain('§ 14 Abs. 2 Satz 2 UStG');
    expect(text).toContain('USt-IdNr. / VAT ID: DE298765432');
    expect(text).toContain('Steuernummer / Tax no.: 143/123/45678');
    expect(text).toContain('Engage Platform GmbH');
    // Paid 100.00 and 50.01, fees 20 % (20.00 and 10.00, 1,000.2 → 1,000), credited 80.00 + 40.01.
    expect(text).toContain('100,00 €');
    expect(text).toContain('50,01 €');
    expect(text).toContain('Plattformgebühr (einbehalten) / Fee retained 30,00 €');
    // 120.01 gross at 19 %: net 100.85 (100.848… rounds up), VAT 19.16.
    expect(text).toContain('Nettobetrag / Net amount 100,85 €');
    expect(text).toContain('Umsatzsteuer / VAT 19 % 19,16 €');
    expect(text).toContain('Gutschriftsbetrag / Total credited 120,01 €');

    await payment(parties, 2_500);
    await preparePayouts(env, week(1));
    await processPayouts(env);
    const both = await documentsOf(parties.expert.token, 'kind=payout_statement', 2);
    expect(both.map((d: { number: string }) => d.number)).toEqual(['GS-0002', 'GS-0001']);
  });

  it('prints the small-business note and no VAT for a Kleinunternehmer', async () => {
    const parties = await connectedParties({ ...ANNA, vat_id: null, small_business: true });
    await payment(parties, 10_000);
    await preparePayouts(env, week());
    await processPayouts(env);
    const [statement] = await documentsOf(parties.expert.token, 'kind=payout_statement');
    const text = await textOf((await pdfOf(parties.expert.token, statement.id)).bytes);
    expect(text).toContain('§ 19 UStG');
    expect(text).toContain('Umsatzsteuer / VAT 0,00 €');
    expect(text).toContain('Gutschriftsbetrag / Total credited 80,00 €');
  });

  it('numbers concurrent claims of one expert 1…n without gaps or repeats, one per source', async () => {
    const series = `statement:exp_concurrency_${crypto.randomUUID()}`;
    const draft = (n: number): DocumentDraft => ({
      kind: 'payout_statement',
      sourceId: `po_concurrent_${series}_${n}`,
      series,
      format: 'GS-%04d',
      orgId: null,
      expertId: 'exp_concurrency',
      engagementId: null,
      paymentId: null,
      payoutId: null,
      currency: 'eur',
      total: n,
      content: {} as DocumentDraft['content'],
    });
    const at = new Date().toISOString();
    // 12 sources, each claimed twice at the same moment (a redelivery racing the first delivery).
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, i) => claimDocument(env.DB, draft(i % 12), at)),
    );
    expect(new Set(ids).size).toBe(12);
    const rows = await env.DB.prepare(
      'SELECT source_id, sequence, number FROM documents WHERE series = ? ORDER BY sequence',
    )
      .bind(series)
      .all<{ source_id: string; sequence: number; number: string }>();
    expect(rows.results.map((r) => r.sequence)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(rows.results.map((r) => r.source_id)).size).toBe(12);
    expect(rows.results[11]?.number).toBe('GS-0012');
    const counter = await env.DB.prepare('SELECT last FROM document_counters WHERE series = ?')
      .bind(series)
      .first<{ last: number }>();
    expect(counter?.last).toBe(12);
  });

  it('shows a statement to its expert and admins only', async () => {
    const parties = await connectedParties(ANNA);
    await payment(parties, 10_000);
    await preparePayouts(env, week());
    await processPayouts(env);
    const [statement] = await documentsOf(parties.expert.token, 'kind=payout_statement');
    const other = await connectedParties(ANNA);
    await expectProblem(await call(`/v1/documents/${statement.id}`, { token: other.expert.token }), 404);
    await expectProblem(await call(`/v1/documents/${statement.id}/url`, { token: other.expert.token }), 404);
    const theirs = await json(
      await call('/v1/documents?kind=payout_statement', { token: other.expert.token }),
    );
    expect(theirs.data.map((d: { id: string }) => d.id)).not.toContain(statement.id);
    // Not the company's either: the statement is between the expert and the platform.
    await expectProblem(await call(`/v1/documents/${statement.id}`, { token: parties.company.token }), 404);
    const outsider = await signupCompany('Outsider AG');
    await expectProblem(await call(`/v1/documents/${statement.id}`, { token: outsider.token }), 404);
    const admin = await createAdmin();
    expect((await call(`/v1/documents/${statement.id}`, { token: admin.token })).status).toBe(200);
  });

  it('keeps an expert’s billing details on the profile', async () => {
    const parties = await paidParties();
    const patched = await json(
      await call('/v1/experts/me', {
        method: 'PATCH',
        token: parties.expert.token,
        json: { billing_details: { ...ANNA, small_business: true } },
      }),
    );
    expect(patched.billing_details).toMatchObject({
      city: 'München',
      vat_id: 'DE298765432',
      tax_number: '143/123/45678',
      small_business: true,
    });
  });
});

describe('engagement reports', { timeout: 30_000 }, () => {
  it('reports a completed engagement to both parties: tasks and payments', async () => {
    const parties = await paidParties();
    await payment(parties, 10_000);
    await call(`/v1/engagements/${parties.engagementId}/complete`, {
      method: 'POST',
      token: parties.company.token,
    });
    const [report] = await documentsOf(
      parties.company.token,
      `kind=engagement_report&engagement_id=${parties.engagementId}`,
    );
    expect(report.number).toMatch(/^RPT-\d{6}$/);
    const seen = await documentsOf(parties.expert.token, 'kind=engagement_report');
    expect(seen.map((d: { id: string }) => d.id)).toContain(report.id);
    const text = await textOf((await pdfOf(parties.expert.token, report.id)).bytes);
    expect(text).toContain('Engagement report');
    expect(text).toContain('Tender desk');
    expect(text).toContain(report.number);
    expect(text).toContain('Paid 100,00 €');
  });
});
