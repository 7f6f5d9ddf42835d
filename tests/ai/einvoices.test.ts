// E-invoices are read exactly: CII (Factur-X profiles, XRechnung), ZUGFeRD 1.0 and UBL Invoice/CreditNote, as
// XML uploads and embedded in PDFs, through the public API and the queue's processing step.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { embeddedInvoiceXml } from '../../src/modules/ai/einvoice';
import { ctaxModule } from '../../src/modules/ai/modules/ctax';
import type { InvoiceOutput } from '../../src/modules/ai/modules/invoice/schema';
import { documentFromBytes } from '../../src/modules/ai/text';
import { processTask } from '../../src/modules/tasks/process';
import {
  type CiiProfile,
  ciiXml,
  type EInvoiceSpec,
  totals,
  ublXml,
  zugferd1Xml,
} from '../fixtures/einvoices/build';
import { facturXPdf } from '../fixtures/einvoices/pdf';
import { BRITISH, CREDIT, FRENCH, GERMAN } from '../fixtures/einvoices/specs';
import { call, expectProblem, json } from '../helpers';
import { activeEngagement, insertTask, type Parties, taskRow } from '../tasks/fixtures';

const read = ctaxModule.taskTypes.process_invoice.embedded;
const encode = (xml: string) => new TextEncoder().encode(xml);
const cents = (major: number) => Math.round(major * 100);

/** What the booking must say for a spec, whatever the syntax. */
function expectBooked(output: InvoiceOutput, spec: EInvoiceSpec, withLines = true) {
  const t = totals(spec);
  const sign = spec.creditNote ? -1 : 1;
  expect(output).toMatchObject({
    document_type: spec.creditNote ? 'credit_note' : 'invoice',
    invoice_number: spec.number,
    issue_date: spec.issueDate,
    currency: spec.currency.toLowerCase(),
    supplier: { name: spec.seller.name, vat_id: spec.seller.vatId ?? null },
    recipient: { name: spec.buyer.name, vat_id: spec.buyer.vatId ?? null },
    net: sign * cents(t.taxBasis),
    vat_amount: sign * cents(t.tax),
    gross: sign * cents(t.grand),
    iban: spec.iban ?? null,
  });
  expect(output.vat_rate).toBe(t.categories.length === 1 ? (t.categories[0]?.rate ?? null) : null);
  // MINIMUM and BASIC WL carry neither lines nor (MINIMUM) addresses.
  if (!withLines) return expect(output.line_items).toEqual([]);
  expect(output.supplier.address).toBe(
    `${spec.seller.street}, ${spec.seller.postcode} ${spec.seller.city}, ${spec.seller.country}`,
  );
  expect(output.due_date).toBe(spec.dueDate ?? null);
  expect(output.line_items.map((l) => [l.description, l.quantity, l.amount])).toEqual(
    spec.lines.map((l) => [l.name, l.quantity, sign * cents(Math.round(l.quantity * l.price * 100) / 100)]),
  );
  expect(output.vat_breakdown).toEqual(
    t.categories.map((c) => ({
      category: c.category,
      rate: c.rate,
      net: sign * cents(c.basis),
      vat: sign * cents(c.tax),
    })),
  );
}

describe('XML e-invoices', () => {
  const variants: [string, EInvoiceSpec, () => string, string][] = [
    ['Factur-X EN 16931, two rates and a discount', GERMAN, () => ciiXml(GERMAN), 'xml:factur-x/en16931'],
    ['Factur-X EXTENDED', GERMAN, () => ciiXml(GERMAN, 'extended'), 'xml:factur-x/extended'],
    ['XRechnung CII', GERMAN, () => ciiXml(GERMAN, 'xrechnung'), 'xml:xrechnung-cii/3.0'],
    ['ZUGFeRD 1.0 COMFORT', GERMAN, () => zugferd1Xml(GERMAN), 'xml:zugferd1/comfort'],
    ['XRechnung UBL, reverse charge', FRENCH, () => ublXml(FRENCH), 'xml:xrechnung-ubl/3.0'],
    [
      'Peppol BIS 3 UBL in pounds with a prepayment',
      BRITISH,
      () => ublXml(BRITISH, 'peppol'),
      'xml:peppol/bis3',
    ],
    ['UBL CreditNote', CREDIT, () => ublXml(CREDIT), 'xml:xrechnung-ubl/3.0'],
    ['CII credit note (type 381)', CREDIT, () => ciiXml(CREDIT), 'xml:factur-x/en16931'],
  ];

  for (const [name, spec, xml, model] of variants) {
    it(`reads ${name} exactly and trusts it`, async () => {
      const doc = await documentFromBytes(encode(xml()), 'application/xml');
      const result = read(doc);
      expectBooked(result.output, spec);
      expect(result.model).toBe(model);
      expect(result.checks.filter((c) => !c.passed)).toEqual([]);
      expect(result.confidence).toBe(100);
    });
  }

  for (const profile of ['minimum', 'basicwl'] as CiiProfile[]) {
    it(`books a ${profile.toUpperCase()} invoice from its totals and flags that it has no lines`, async () => {
      const result = read(await documentFromBytes(encode(ciiXml(GERMAN, profile)), 'application/xml'));
      expectBooked(result.output, GERMAN, false);
      expect(result.checks).toContainEqual(
        expect.objectContaining({ name: 'line_items_present', passed: false }),
      );
      expect(result.confidence).toBe(100);
    });
  }

  it('holds an e-invoice whose totals do not add up, naming the rule', async () => {
    const t = totals(GERMAN);
    const xml = ciiXml(GERMAN, 'en16931', { grand: t.grand + 1 });
    const result = read(await documentFromBytes(encode(xml), 'application/xml'));
    expect(result.confidence).toBeLessThan(80);
    const failed = result.checks.find((c) => c.name === 'en16931_gross');
    expect(failed).toMatchObject({ passed: false });
    expect(failed?.detail).toContain('BR-CO-15');
  });

  it('holds an e-invoice whose IBAN fails its checksum and keeps it out of the booking', async () => {
    const xml = ciiXml({ ...GERMAN, iban: 'DE89370400440532013001' });
    const result = read(await documentFromBytes(encode(xml), 'application/xml'));
    expect(result.output.iban).toBeNull();
    expect(result.checks).toContainEqual(expect.objectContaining({ name: 'iban_checksum', passed: false }));
    expect(result.confidence).toBeLessThan(80);
  });

  it('refuses a DTD (entity expansion) and sends the document to review with the reason', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n${ciiXml(GERMAN).replace(/^<\?xml[^>]*>/, '')}`;
    const result = read(await documentFromBytes(encode(bomb), 'application/xml'));
    expect(result.checks[0]).toMatchObject({ name: 'einvoice_readable', passed: false });
    expect(result.confidence).toBeLessThan(80);
  });
});

describe('e-invoices embedded in PDFs', () => {
  it('finds factur-x.xml in a PDF/A-3 and checks it against the visible page', async () => {
    const pdf = await facturXPdf(GERMAN, ciiXml(GERMAN));
    const doc = await documentFromBytes(pdf, 'application/pdf');
    expect(doc.einvoice?.name).toBe('factur-x.xml');
    const result = read(doc);
    expectBooked(result.output, GERMAN);
    expect(result.checks).toContainEqual(expect.objectContaining({ name: 'xml_matches_page', passed: true }));
    expect(result.confidence).toBe(100);
  });

  it('finds the XML when only the AF array links it, and under its ZUGFeRD 1.0 name', async () => {
    const pdf = await facturXPdf(GERMAN, zugferd1Xml(GERMAN), { afOnly: true, name: 'ZUGFeRD-invoice.xml' });
    const result = read(await documentFromBytes(pdf, 'application/pdf'));
    expect(result.model).toBe('xml:zugferd1/comfort');
    expectBooked(result.output, GERMAN);
  });

  it('reads attachments in both PDF.js shapes: a Map with lazy content, and a plain object', async () => {
    const xml = ciiXml(GERMAN);
    const bytes = encode(xml);
    const lazy = {
      getAttachments: async () => new Map([['factur-x.xml', { filename: 'factur-x.xml' }]]),
      getAttachmentContent: async (key: string) => (key === 'factur-x.xml' ? bytes : null),
    };
    const eager = {
      getAttachments: async () => ({ 'factur-x.xml': { filename: 'factur-x.xml', content: bytes } }),
    };
    const none = new Uint8Array(0);
    expect(await embeddedInvoiceXml(lazy, none)).toEqual({ name: 'factur-x.xml', xml });
    expect(await embeddedInvoiceXml(eager, none)).toEqual({ name: 'factur-x.xml', xml });
  });

  it('sends a PDF to review when its page shows another total than its XML, naming both', async () => {
    const t = totals(GERMAN);
    const pdf = await facturXPdf(GERMAN, ciiXml(GERMAN), { printed: { grand: t.grand + 100 } });
    const result = read(await documentFromBytes(pdf, 'application/pdf'));
    const check = result.checks.find((c) => c.name === 'xml_matches_page');
    expect(check?.passed).toBe(false);
    expect(check?.detail).toContain(`total ${t.grand.toFixed(2)} (XML) is not on the page`);
    expect(result.confidence).toBeLessThan(80);
  });

  it('names a different invoice number on the page', async () => {
    const pdf = await facturXPdf(GERMAN, ciiXml(GERMAN), { printed: { number: 'RE-2026/0816' } });
    const check = read(await documentFromBytes(pdf, 'application/pdf')).checks.find(
      (c) => c.name === 'xml_matches_page',
    );
    expect(check?.detail).toContain(
      `invoice number ${GERMAN.number} (XML) is not on the page, which reads RE-2026/0816`,
    );
  });
});

describe('e-invoices through the API', () => {
  async function upload(parties: Parties, bytes: Uint8Array, type: string, name: string) {
    return call(`/v1/files?purpose=invoice&name=${name}`, {
      token: parties.company.token,
      body: bytes,
      headers: { 'Content-Type': type },
    });
  }

  async function runInvoice(parties: Parties, fileId: string) {
    const task = await insertTask(parties, { input: { file_id: fileId } });
    const outcome = await processTask(env, task.id);
    const view = await json(await call(`/v1/tasks/${task.id}`, { token: parties.company.token }));
    return { outcome, view };
  }

  it('completes a ZUGFeRD PDF at once with every field, naming the format', async () => {
    const parties = await activeEngagement();
    const uploaded = await upload(
      parties,
      await facturXPdf(GERMAN, ciiXml(GERMAN)),
      'application/pdf',
      'zugferd.pdf',
    );
    expect(uploaded.status).toBe(201);
    const { outcome, view } = await runInvoice(parties, (await json(uploaded)).id);
    expect(outcome).toBe('completed');
    expect(view).toMatchObject({
      status: 'completed',
      ai_confidence: 100,
      model_used: 'xml:factur-x/en16931',
    });
    expectBooked(view.output, GERMAN);
  });

  it('accepts an XRechnung UBL upload as XML (sniffed, whatever it is called) and completes it', async () => {
    const parties = await activeEngagement();
    for (const type of ['application/xml', 'text/xml', 'application/octet-stream']) {
      const uploaded = await upload(parties, encode(ublXml(FRENCH)), type, 'rechnung.xml');
      expect(uploaded.status).toBe(201);
      expect((await json(uploaded)).mime_type).toBe('application/xml');
    }
    const uploaded = await upload(parties, encode(ublXml(CREDIT)), 'application/xml', 'gutschrift.xml');
    const { outcome, view } = await runInvoice(parties, (await json(uploaded)).id);
    expect(outcome).toBe('completed');
    expect(view.model_used).toBe('xml:xrechnung-ubl/3.0');
    expectBooked(view.output, CREDIT);
    expect((await taskRow(view.id)).aiConfidence).toBe(100);
  });

  it('refuses XML that is not an e-invoice, and XML for purposes other than invoices', async () => {
    const parties = await activeEngagement();
    const feed = encode('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>');
    const refused = await expectProblem(await upload(parties, feed, 'application/xml', 'feed.xml'), 415);
    expect(refused.detail).toContain('not an e-invoice');
    const asRfp = await call('/v1/files?purpose=rfp&name=x.xml', {
      token: parties.company.token,
      body: encode(ciiXml(GERMAN)),
      headers: { 'Content-Type': 'application/xml' },
    });
    await expectProblem(asRfp, 415);
    const files = await json(await call('/v1/files', { token: parties.company.token }));
    expect(files.data).toEqual([]);
  });
});
