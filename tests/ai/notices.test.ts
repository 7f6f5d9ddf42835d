// EU eForms notices for TENDER/parse_rfp: read exactly from their business terms, as XML uploads for the
// rfp purpose, through the public API and the queue's processing step.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { tenderModule } from '../../src/modules/ai/modules/tender';
import { documentFromBytes } from '../../src/modules/ai/text';
import { processTask } from '../../src/modules/tasks/process';
import { ciiXml } from '../fixtures/einvoices/build';
import { GERMAN } from '../fixtures/einvoices/specs';
import { noticeXml, OPEN_GERMAN, RESTRICTED_LOTS } from '../fixtures/notices/build';
import { call, expectProblem, json } from '../helpers';
import { activeEngagement, insertTask } from '../tasks/fixtures';

const parseRfp = tenderModule.taskTypes.parse_rfp;
const encode = (xml: string) => new TextEncoder().encode(xml);
const read = async (xml: string) =>
  parseRfp.embedded(await documentFromBytes(encode(xml), 'application/xml'));

describe('eForms notices', () => {
  it('reads an open procedure exactly and trusts it', async () => {
    const result = await read(noticeXml(OPEN_GERMAN));
    expect(result.model).toBe('xml:eforms/cn-standard');
    expect(result.confidence).toBe(100);
    expect(result.output).toMatchObject({
      issuer: 'Stadt Musterhausen – Zentrale Vergabestelle',
      title: 'Rahmenvertrag IT-Service & Wartung der Schulnetze',
      reference_number: 'VG-2026-0142',
      submission_deadline: '2026-04-14T12:00',
      lots: [],
      budget: { amount: 48_000_000, currency: 'eur' },
      contact: { name: 'Frau Dr. Weber', email: 'vergabe@musterhausen.example', phone: '+49 30 1234567' },
      language: 'de',
      requirements: [
        {
          text: 'Mindestens drei Referenzen über vergleichbare Leistungen der letzten drei Jahre',
          level: 'must',
        },
      ],
    });
    expect(result.output.other_dates.map(({ label, date }) => ({ label, date }))).toEqual([
      { label: 'Notice issue date', date: '2026-03-02T09:30' },
      { label: 'Deadline for questions', date: '2026-04-03' },
      { label: 'Contract start', date: '2026-07-01' },
    ]);
    expect(result.output.source.submission_deadline?.text).toContain('BT-131');
    expect(parseRfp.output.safeParse(result.output).success).toBe(true);
  });

  it('takes the texts in the notice language, the lots in order, the earliest deadline and the lots’ values', async () => {
    const result = await read(noticeXml(RESTRICTED_LOTS));
    expect(result.confidence).toBe(100);
    expect(result.output).toMatchObject({
      issuer: 'European Example Agency',
      title: 'Translation and interpretation services',
      // No internal reference: the procedure identifier (BT-04) is what a bidder quotes.
      reference_number: '5e0a9d3c-7b21-4f6e-8c44-1d2e3f4a5b6c',
      // A restricted procedure is due first with the requests to participate.
      submission_deadline: '2026-06-15T16:00',
      lots: [
        { number: 1, title: 'Translation EN-DE' },
        { number: 2, title: 'Translation EN-FR' },
        { number: 3, title: 'Conference interpreting' },
      ],
      budget: { amount: 52_500_050, currency: 'eur' },
      language: 'en',
    });
    expect(result.output.other_dates).toContainEqual(
      expect.objectContaining({
        label: 'Deadline for requests to participate (LOT-0003)',
        date: '2026-06-22T16:00',
      }),
    );
  });

  it('holds an award notice for review: it calls for no tenders', async () => {
    const result = await read(
      noticeXml({ ...OPEN_GERMAN, root: 'ContractAwardNotice', noticeType: 'can-standard' }),
    );
    expect(result.confidence).toBeLessThan(80);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ name: 'notice_calls_for_tenders', passed: false }),
    );
  });

  it('holds a notice whose deadline falls after the contract starts, naming the date', async () => {
    const lots = OPEN_GERMAN.lots.map((lot) => ({ ...lot, contractStart: '2026-04-01' }));
    const result = await read(noticeXml({ ...OPEN_GERMAN, lots }));
    expect(result.confidence).toBe(70);
    expect(result.checks.find((c) => c.name === 'deadline_plausible')?.detail).toContain('Contract start');
  });
});

describe('an unreadable notice', () => {
  it('is read from its text and held for review with the reason, never failed or trusted', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>\n${noticeXml(OPEN_GERMAN).replace(/^<\?xml[^>]*>/, '')}`;
    const result = await read(bomb);
    expect(result.confidence).toBeLessThan(80);
    expect(result.checks[0]).toMatchObject({ name: 'notice_readable', passed: false });
    expect(result.checks[0]?.detail).toContain('DOCTYPE');
  });
});

describe('eForms notices through the API', () => {
  it('accepts a notice as an rfp upload and completes the task at once', async () => {
    const parties = await activeEngagement();
    const uploaded = await call('/v1/files?purpose=rfp&name=notice.xml', {
      token: parties.company.token,
      body: encode(noticeXml(OPEN_GERMAN)),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(uploaded.status).toBe(201);
    const file = await json(uploaded);
    expect(file.mime_type).toBe('application/xml');
    const task = await insertTask(parties, {
      module: 'TENDER',
      type: 'parse_rfp',
      input: { file_id: file.id },
    });
    expect(await processTask(env, task.id)).toBe('completed');
    const view = await json(await call(`/v1/tasks/${task.id}`, { token: parties.company.token }));
    expect(view).toMatchObject({
      status: 'completed',
      model_used: 'xml:eforms/cn-standard',
      output: { reference_number: 'VG-2026-0142', submission_deadline: '2026-04-14T12:00' },
    });
  });

  it('refuses an e-invoice as an rfp and a notice as an invoice, keeping nothing', async () => {
    const parties = await activeEngagement();
    const upload = (purpose: string, xml: string) =>
      call(`/v1/files?purpose=${purpose}&name=x.xml`, {
        token: parties.company.token,
        body: encode(xml),
        headers: { 'Content-Type': 'application/xml' },
      });
    const asRfp = await expectProblem(await upload('rfp', ciiXml(GERMAN)), 415);
    expect(asRfp.detail).toContain('eForms');
    const asInvoice = await expectProblem(await upload('invoice', noticeXml(OPEN_GERMAN)), 415);
    expect(asInvoice.detail).toContain('not an e-invoice');
    const files = await json(await call('/v1/files', { token: parties.company.token }));
    expect(files.data).toEqual([]);
  });
});
