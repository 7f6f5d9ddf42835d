// Invoices: accepting an engagement bills its first period and the company gets its invoice — parsed back
// from the PDF with its number, period and totals; VAT at the platform's rate, or the reverse-charge note
// across EU borders; one document per period however often the event arrives; other tenants see nothing.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { toEventMessage } from '../../src/events/message';
import { sha256Hex } from '../../src/lib/crypto';
import { invoiceOnPeriodBilled } from '../../src/modules/documents/handlers';
import { renderDocument } from '../../src/modules/documents/render';
import { call, createAdmin, expectProblem, json, signupCompany, signupExpert } from '../helpers';
import { acceptedWith, DE_COMPANY, documentsOf, FR_COMPANY, pdfOf, textOf } from './fixtures';

const db = createDb(env.DB);

describe('invoice documents', { timeout: 30_000 }, () => {
  it('lists the invoice of the first billed period; its PDF shows number, period and VAT at 19 %', async () => {
    const { company, engagement } = await acceptedWith(DE_COMPANY);
    const [invoice] = await documentsOf(company.token, `kind=invoice&engagement_id=${engagement.id}`);
    const year = new Date().getUTCFullYear();
    expect(invoice).toMatchObject({
      kind: 'invoice',
      status: 'ready',
      engagement_id: engagement.id,
      currency: 'eur',
      total: 450_000,
    });
    expect(invoice.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
    expect(invoice.id).toMatch(/^doc_/);

    const { response, bytes } = await pdfOf(company.token, invoice.id);
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.byteLength).toBe(invoice.size);
    expect(await sha256Hex(bytes)).toBe(invoice.sha256);

    const text = await textOf(bytes);
    const today = new Date().toISOString().slice(0, 10);
    expect(text).toContain(invoice.number);
    expect(text).toContain('Rechnung / Invoice');
    expect(text).toContain(`${today} –`);
    expect(text).toContain('Acme GmbH');
    expect(text).toContain('USt-IdNr. / VAT ID: DE811234567');
    expect(text).toContain('Engage Platform GmbH'); // the seller, from configuration
    expect(text).toContain('Anna Berger'); // the expert who rendered the service
    // 4,500.00 gross at 19 %: net 3,781.51 (rounded half up), VAT 718.49.
    expect(text).toContain('3.781,51 €');
    expect(text).toContain('Umsatzsteuer / VAT 19 %');
    expect(text).toContain('718,49 €');
    expect(text).toContain('Gesamtbetrag / Total');
    expect(text).toContain('4.500,00 €');
    expect(text).not.toContain('Reverse charge');
  });

  it('charges no VAT and prints the reverse-charge note for a company with a French VAT ID', async () => {
    const { company, engagement } = await acceptedWith(FR_COMPANY, 120_000);
    const [invoice] = await documentsOf(company.token, `engagement_id=${engagement.id}`);
    const text = await textOf((await pdfOf(company.token, invoice.id)).bytes);
    expect(text).toContain('FR40303265045');
    expect(text).toContain(
      'Steuerschuldnerschaft des Leistungsempfängers / Reverse charge, Art. 196 VAT Directive',
    );
    expect(text).toContain('Nettobetrag / Net amount 1.200,00 €');
    expect(text).toContain('Umsatzsteuer / VAT 0,00 €');
  });

  it('makes one invoice per period however often the event is delivered, and renders it byte for byte again', async () => {
    const { company, engagement } = await acceptedWith(DE_COMPANY);
    const [invoice] = await documentsOf(company.token, `engagement_id=${engagement.id}`);
    const billed = await db.query.events.findFirst({
      where: (e, { and, eq }) => and(eq(e.type, 'billing.period_billed'), eq(e.engagementId, engagement.id)),
    });
    if (!billed) throw new Error('no billing event');
    const message = toEventMessage(billed);
    await Promise.all([invoiceOnPeriodBilled.run(env, message), invoiceOnPeriodBilled.run(env, message)]);
    await invoiceOnPeriodBilled.run(env, message);

    const rows = await env.DB.prepare('SELECT id, number FROM documents WHERE engagement_id = ? AND kind = ?')
      .bind(engagement.id, 'invoice')
      .all<{ id: string; number: string }>();
    expect(rows.results).toEqual([{ id: invoice.id, number: invoice.number }]);
    const generated = await env.DB.prepare(
      "SELECT count(*) AS n FROM events WHERE type = 'document.generated' AND json_extract(data, '$.document_id') = ?",
    )
      .bind(invoice.id)
      .first<{ n: number }>();
    expect(generated?.n).toBe(1);

    // The stored content renders to the very bytes stored (same number, issue time and content).
    const row = await db.query.documents.findFirst({ where: (d, { eq }) => eq(d.id, invoice.id) });
    if (!row) throw new Error('no row');
    const again = await renderDocument(row.kind, row.number, row.issuedAt, row.content);
    expect(await sha256Hex(again)).toBe(invoice.sha256);
  });

  it('answers 404 to another company and hides the invoice from the expert; admins see it', async () => {
    const { company, expert, engagement } = await acceptedWith(DE_COMPANY);
    const [invoice] = await documentsOf(company.token, `engagement_id=${engagement.id}`);
    const outsider = await signupCompany('Outsider AG');
    await expectProblem(await call(`/v1/documents/${invoice.id}`, { token: outsider.token }), 404);
    await expectProblem(await call(`/v1/documents/${invoice.id}/url`, { token: outsider.token }), 404);
    const theirs = await json(await call('/v1/documents', { token: outsider.token }));
    expect(theirs.data.map((d: { id: string }) => d.id)).not.toContain(invoice.id);
    // Filtering by something the caller cannot see is a 404, as for every list, not an empty page.
    for (const filter of [
      `engagement_id=${engagement.id}`,
      'payment_id=pay_not_theirs',
      'payout_id=po_not_theirs',
    ])
      await expectProblem(await call(`/v1/documents?${filter}`, { token: outsider.token }), 404);
    // The invoice is between the platform and the company: not the expert's.
    await expectProblem(await call(`/v1/documents/${invoice.id}`, { token: expert.token }), 404);
    const otherExpert = await signupExpert();
    await expectProblem(await call(`/v1/documents/${invoice.id}/url`, { token: otherExpert.token }), 404);
    const admin = await createAdmin();
    expect((await call(`/v1/documents/${invoice.id}`, { token: admin.token })).status).toBe(200);
    await expectProblem(await call(`/v1/documents/${invoice.id}`), 401);
  });

  it('refuses a forged or expired download link with 403', async () => {
    const { company, engagement } = await acceptedWith(DE_COMPANY);
    const [invoice] = await documentsOf(company.token, `engagement_id=${engagement.id}`);
    const { url } = await json(await call(`/v1/documents/${invoice.id}/url`, { token: company.token }));
    const forged = url.replace(/signature=[^&]+/, 'signature=AAAA');
    await expectProblem(await call(forged.slice('http://engage.test'.length)), 403);
    const expired = url.replace(/expires=\d+/, 'expires=1000');
    await expectProblem(await call(expired.slice('http://engage.test'.length)), 403);
  });

  it('keeps billing details on the organisation: read, patched, validated', async () => {
    const company = await signupCompany('Details GmbH');
    const patched = await json(
      await call('/v1/orgs/me', {
        method: 'PATCH',
        token: company.token,
        json: { billing_details: { ...DE_COMPANY, vat_id: 'de 811 234 567', country_code: 'de' } },
      }),
    );
    expect(patched.billing_details).toMatchObject({
      vat_id: 'DE811234567',
      country_code: 'DE',
      city: 'Düsseldorf',
    });
    const read = await json(await call('/v1/orgs/me', { token: company.token }));
    expect(read.billing_details.vat_id).toBe('DE811234567');
    await expectProblem(
      await call('/v1/orgs/me', {
        method: 'PATCH',
        token: company.token,
        json: { billing_details: { vat_id: 'XX1' } },
      }),
      422,
    );
    const expert = await signupExpert();
    await expectProblem(await call('/v1/orgs/me', { token: expert.token }), 403);
  });
});
