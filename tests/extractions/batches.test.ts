// Extraction batches end to end in workerd: a CSV or JSON list in, one crawl per registrable domain through
// the real extractions queue, rows following their site's extraction through the events, SSE, the export
// read back with a CSV parser, cancel, tenancy, redelivery.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processExtractionBatch } from '../../queues/extractions';
import type { ExtractionMessage } from '../../queues/messages';
import { createDb } from '../../src/db/client';
import { events, extractionBatches, extractionBatchRows, extractions } from '../../src/db/schema';
import type { EventMessage } from '../../src/events/message';
import { relayPending } from '../../src/events/relay';
import { syncBatchRows } from '../../src/modules/extraction-batches/sync';
import type { FixtureSite } from '../fixtures/sites/types';
import { type Account, call, callWithVars, expectProblem, json, signupCompany, waitFor } from '../helpers';
import { installNetwork } from './network';

const db = createDb(env.DB);
afterEach(() => vi.restoreAllMocks());

const site = (origin: string): FixtureSite => {
  const host = new URL(origin).hostname.replace(/^www\./, '');
  return {
    name: origin,
    origin,
    expected: [],
    pages: {
      '/': '<html lang="de"><body><h1>Willkommen</h1><a href="/impressum">Impressum</a></body></html>',
      '/impressum': `<html lang="de"><body><h1>Impressum</h1><p>Beispiel Handel GmbH<br>Hauptstraße 5<br>10115 Berlin</p>
      <p>Geschäftsführer: Max Beispiel</p><p>Telefon: 030 1234567<br>E-Mail: info@${host}</p>
      <p>Registergericht: Amtsgericht Berlin-Charlottenburg, HRB 123456 B</p><p>USt-IdNr.: DE123456789</p></body></html>`,
    },
  };
};

const postCsv = (token: string, csv: string, query = '') =>
  call(`/v1/extraction-batches${query}`, {
    token,
    body: csv,
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });

async function waitForBatch(token: string, id: string, timeoutMs = 15_000) {
  return waitFor(async () => {
    const batch = await json(await call(`/v1/extraction-batches/${id}`, { token }));
    return batch.status !== 'running' && batch;
  }, timeoutMs);
}

async function rowsOf(token: string, id: string) {
  return (await json(await call(`/v1/extraction-batches/${id}/rows?limit=500`, { token }))).data;
}

function parseSse(text: string) {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const fields = Object.fromEntries(
        block
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      return { id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? 'null') };
    });
}

/** A queue that only records: the test delivers the messages itself. */
function heldQueue() {
  const sent: string[] = [];
  const queue = {
    send: async (body: { extraction_id: string }) => void sent.push(body.extraction_id),
    sendBatch: async (messages: { body: { extraction_id: string } }[]) => {
      for (const m of messages) sent.push(m.body.extraction_id);
    },
  };
  return { sent, queue: queue as unknown as Queue };
}

async function deliver(id: string, attempt = 1) {
  const batch = createMessageBatch<ExtractionMessage>('engage-extractions', [
    { id: `m-${id}-${attempt}`, timestamp: new Date(), attempts: attempt, body: { extraction_id: id } },
  ]);
  const ctx = createExecutionContext();
  await processExtractionBatch(env, batch, { sleep: async () => {} });
  await getQueueResult(batch, ctx);
  await relayPending(env);
}

describe('POST /v1/extraction-batches (CSV)', () => {
  it('finds the URL column, shares one crawl per domain, fails bad rows alone, and exports the enriched table', async () => {
    const network = installNetwork([site('https://www.firma-eins.de'), site('https://zwei-handel.de')], {
      'intern.example-gmbh.de': ['10.1.2.3'],
    });
    const company = await signupCompany();
    // Semicolons, a BOM, CRLF, a quoted field with the delimiter in it, a formula in an original cell.
    const csv = [
      '\uFEFFFirma;Webseite;Notiz',
      'Firma Eins GmbH;www.firma-eins.de;"erster; wichtig"',
      'Firma Eins Shop;https://shop.firma-eins.de/?utm_source=x;=HYPERLINK("http://evil")',
      'Zwei Handel;zwei-handel.de;',
      'Kaputt;http://exa mple;',
      'Intern;http://10.0.0.1/;',
      'Privat;intern.example-gmbh.de;',
      'Ohne;;keine URL',
    ].join('\r\n');
    const created = await postCsv(company.token, csv);
    expect(created.status).toBe(202);
    const batch = await json(created);
    expect(batch).toMatchObject({
      status: 'running',
      source: 'csv',
      columns: ['Firma', 'Webseite', 'Notiz'],
      url_column: 'Webseite',
      sites: 3,
      reused: 0,
    });
    expect(batch.counts).toMatchObject({ total: 7, queued: 4, failed: 2, skipped: 1 });

    const done = await waitForBatch(company.token, batch.id);
    expect(done.status).toBe('completed');
    expect(done.counts).toEqual({
      total: 7,
      queued: 0,
      running: 0,
      completed: 3,
      failed: 3,
      skipped: 1,
      cancelled: 0,
    });
    const rows = await rowsOf(company.token, batch.id);
    expect(rows.map((r: { status: string }) => r.status)).toEqual([
      'completed',
      'completed',
      'completed',
      'failed',
      'failed',
      'failed',
      'skipped',
    ]);
    // One crawl for both rows of firma-eins.de, started from the first row's URL.
    expect(rows[0].extraction_id).toBe(rows[1].extraction_id);
    expect(rows[0].site).toBe('firma-eins.de');
    expect(network.fetched.filter((u) => u === 'https://www.firma-eins.de/').length).toBe(1);
    expect(network.fetched.some((u) => u.includes('shop.firma-eins.de'))).toBe(false);
    expect(rows[3].error).toBe('Not a valid URL');
    expect(rows[4].error).toMatch(/^Refused: .*ip_literal/);
    expect(rows[5].error).toMatch(/private_address/); // refused when its address was looked up
    expect(rows[6].error).toBe('No URL in this row');
    expect(network.fetched.some((u) => u.includes('10.0.0.1'))).toBe(false);

    // The export, read back with a CSV parser.
    const exported = await call(`/v1/extraction-batches/${batch.id}/export.csv`, { token: company.token });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('Content-Type')).toMatch(/^text\/csv/);
    // Read as bytes: Response.text() would drop the BOM it is asked about.
    const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: false }).decode(
      await exported.arrayBuffer(),
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    const table = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual([
      'Firma',
      'Webseite',
      'Notiz',
      'email',
      'email_status',
      'email_mx',
      'email_role',
      'email_free',
      'email_disposable',
      'phone',
      'person',
      'role',
      'company_name',
      'address',
      'vat_id',
      'register',
      'confidence',
      'source_url',
      'status',
      'error',
    ]);
    expect(table).toHaveLength(8);
    const record = (i: number) => Object.fromEntries((table[0] ?? []).map((h, j) => [h, table[i]?.[j]]));
    expect(record(1)).toMatchObject({
      Firma: 'Firma Eins GmbH',
      Webseite: 'www.firma-eins.de',
      Notiz: 'erster; wichtig',
      email: 'info@firma-eins.de',
      email_status: 'deliverable',
      email_mx: 'present',
      email_role: 'true',
      email_free: 'false',
      email_disposable: 'false',
      phone: '+49301234567',
      person: 'Max Beispiel',
      vat_id: 'DE123456789',
      status: 'completed',
      error: '',
    });
    expect(record(1).source_url).toMatch(/^https:\/\/www\.firma-eins\.de/);
    expect(Number(record(1).confidence)).toBeGreaterThan(50);
    // The shared result, and the formula defused.
    expect(record(2)).toMatchObject({ email: 'info@firma-eins.de', Notiz: `'=HYPERLINK("http://evil")` });
    expect(record(3).email).toBe('info@zwei-handel.de');
    expect(record(5)).toMatchObject({ Firma: 'Intern', status: 'failed', email: '' });
    expect(record(7)).toMatchObject({ Firma: 'Ohne', Notiz: 'keine URL', status: 'skipped' });
  });

  it('takes ?url_column= when the header does not say, and refuses an unknown or unclear column', async () => {
    installNetwork([site('https://www.dritte-ag.de')]);
    const company = await signupCompany();
    const csv = 'name,homepage,url\nDritte AG,www.dritte-ag.de,www.dritte-ag.de\n';
    // Two URL columns: not obvious.
    const unclear = await expectProblem(
      await postCsv(company.token, 'a,b\nwww.dritte-ag.de,www.dritte-ag.de\n'),
      422,
    );
    expect(unclear.errors[0].path).toBe('url_column');
    await expectProblem(await postCsv(company.token, csv, '?url_column=missing'), 422);
    const created = await json(
      await postCsv(
        company.token,
        'Name,Link zur Seite\nDritte,www.dritte-ag.de\n',
        '?url_column=link%20zur%20seite',
      ),
    );
    expect(created).toMatchObject({ url_column: 'Link zur Seite', counts: { total: 1, queued: 1 } });
    expect((await waitForBatch(company.token, created.id)).counts.completed).toBe(1);
  });

  it('reads a bare list of domains with no header, found by its values', async () => {
    installNetwork([site('https://www.liste-gmbh.de')]);
    const company = await signupCompany();
    const created = await json(await postCsv(company.token, 'www.liste-gmbh.de\nliste-gmbh.de/kontakt\n'));
    expect(created).toMatchObject({ columns: ['url'], url_column: 'url', sites: 1, counts: { total: 2 } });
    await waitForBatch(company.token, created.id);
  });

  it('refuses more than 10,000 rows, an empty file and other media types with problem+json', async () => {
    const company = await signupCompany();
    const big = ['url', ...Array.from({ length: 10_001 }, (_, i) => `site-${i}.de`)].join('\n');
    const problem = await expectProblem(await postCsv(company.token, big), 422);
    expect(problem.errors[0].message).toMatch(/10000/);
    await expectProblem(await postCsv(company.token, ''), 422);
    await expectProblem(await postCsv(company.token, 'url\n'), 422);
    await expectProblem(await postCsv(company.token, 'url\n"unclosed\n'), 422);
    await expectProblem(
      await call('/v1/extraction-batches', {
        token: company.token,
        body: 'x',
        headers: { 'Content-Type': 'text/plain' },
      }),
      415,
    );
    const urls = Array.from({ length: 10_001 }, (_, i) => `site-${i}.de`);
    await expectProblem(await call('/v1/extraction-batches', { token: company.token, json: { urls } }), 422);
    await expectProblem(await call('/v1/extraction-batches', { token: company.token, json: {} }), 422);
    await expectProblem(
      await call('/v1/extraction-batches', {
        token: company.token,
        body: '{"urls":',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
    );
    // Nothing was created by any of them.
    const list = await json(await call('/v1/extraction-batches', { token: company.token }));
    expect(list.data).toEqual([]);
  });

  it('accepts 10,000 rows in one request', async () => {
    const held = heldQueue();
    const company = await signupCompany();
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `Firma ${i},https://www.firma-${i % 2500}.de/,note ${i}`,
    );
    const started = Date.now();
    const response = await callWithVars(
      '/v1/extraction-batches',
      { EXTRACTIONS_QUEUE: held.queue },
      {
        token: company.token,
        body: ['name,website,note', ...rows].join('\n'),
        headers: { 'Content-Type': 'text/csv' },
      },
    );
    const ms = Date.now() - started;
    expect(response.status).toBe(202);
    const batch = await json(response);
    expect(batch).toMatchObject({ sites: 2500, counts: { total: 10_000, queued: 10_000 } });
    expect(held.sent).toHaveLength(2500);
    expect(new Set(held.sent).size).toBe(2500);
    console.log(`10,000 rows accepted in ${ms} ms`);
  });
});

describe('POST /v1/extraction-batches (JSON), reuse, SSE', () => {
  it('mines a JSON list, streams progress to the end, and reuses the results within 24 h', async () => {
    const network = installNetwork([site('https://www.json-eins.de'), site('https://www.json-zwei.de')]);
    const company = await signupCompany();
    const created = await call('/v1/extraction-batches', {
      token: company.token,
      json: { urls: ['https://www.json-eins.de', 'www.json-zwei.de', 'JSON-EINS.de/impressum'] },
    });
    expect(created.status).toBe(202);
    const batch = await json(created);
    expect(batch).toMatchObject({ source: 'json', columns: ['url'], sites: 2, counts: { total: 3 } });

    const stream = await call(`/v1/extraction-batches/${batch.id}/events`, { token: company.token });
    expect(stream.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const items = parseSse(await stream.text()); // ends by itself once the batch is done
    expect(items[0]?.event).toBe('progress');
    expect(items[0]?.data.counts.total).toBe(3);
    const last = items.at(-1);
    expect(last?.event).toBe('completed');
    expect(last?.data.counts).toMatchObject({ completed: 3, queued: 0, running: 0 });

    // The events: accepted, progress, completed once.
    const recorded = await db
      .select()
      .from(events)
      .where(eq(events.orgId, company.orgId ?? ''));
    const types = recorded.map((e) => e.type).filter((t) => t.includes('batch'));
    expect(types[0]).toBe('batch.progress');
    expect(types.filter((t) => t === 'extraction_batch.completed')).toHaveLength(1);

    const fetched = network.fetched.length;
    const again = await json(
      await call('/v1/extraction-batches', {
        token: company.token,
        json: { urls: ['https://www.json-eins.de/', 'HTTPS://WWW.JSON-ZWEI.DE'] },
      }),
    );
    // Both sites were crawled from these very URLs in the last 24 hours: answered at once, nothing fetched.
    expect(again).toMatchObject({ status: 'completed', reused: 2, counts: { completed: 2 } });
    expect(network.fetched.length).toBe(fetched);
  }, 30_000);
});

describe('cancelling, redelivery and tenancy', () => {
  async function heldBatch(company: Account, urls: string[]) {
    const held = heldQueue();
    const response = await callWithVars(
      '/v1/extraction-batches',
      { EXTRACTIONS_QUEUE: held.queue },
      {
        token: company.token,
        json: { urls },
      },
    );
    expect(response.status).toBe(202);
    return { batch: await json(response), sent: held.sent };
  }

  it('cancels rows not yet started, lets running ones finish, then ends cancelled', async () => {
    const network = installNetwork([
      site('https://www.lauf-eins.de'),
      site('https://www.lauf-zwei.de'),
      site('https://www.lauf-drei.de'),
    ]);
    const company = await signupCompany();
    const { batch, sent } = await heldBatch(company, [
      'https://www.lauf-eins.de',
      'https://www.lauf-zwei.de',
      'https://www.lauf-drei.de',
    ]);
    expect(sent).toHaveLength(3);
    const [first, second, third] = sent as [string, string, string];
    await deliver(first);
    await waitFor(async () => (await rowsOf(company.token, batch.id))[0]?.status === 'completed');
    // The second crawl has begun (its worker is between pages) when the cancel comes.
    await db.update(extractions).set({ status: 'running' }).where(eq(extractions.id, second));

    const cancelled = await call(`/v1/extraction-batches/${batch.id}/cancel`, {
      token: company.token,
      method: 'POST',
    });
    expect(cancelled.status).toBe(200);
    const after = await json(cancelled);
    expect(after).toMatchObject({ status: 'running', counts: { completed: 1, cancelled: 1, queued: 1 } });
    expect(after.cancel_requested_at).toEqual(expect.any(String));

    // The cancelled site's message is skipped without a fetch; the running one finishes.
    await deliver(third);
    expect(network.fetched.some((u) => u.includes('lauf-drei'))).toBe(false);
    const skipped = await db.query.extractions.findFirst({ where: eq(extractions.id, third) });
    expect(skipped).toMatchObject({ status: 'failed', error: expect.stringMatching(/Cancelled/) });
    await db.update(extractions).set({ status: 'queued' }).where(eq(extractions.id, second));
    await deliver(second);
    const done = await waitForBatch(company.token, batch.id);
    expect(done).toMatchObject({
      status: 'cancelled',
      counts: { completed: 2, cancelled: 1, queued: 0, running: 0 },
    });
    await expectProblem(
      await call(`/v1/extraction-batches/${batch.id}/cancel`, { token: company.token, method: 'POST' }),
      409,
    );
  });

  it('changes nothing when a queue message or an event is delivered again', async () => {
    installNetwork([site('https://www.doppelt-gmbh.de')]);
    const company = await signupCompany();
    const { batch, sent } = await heldBatch(company, [
      'https://www.doppelt-gmbh.de',
      'doppelt-gmbh.de/kontakt',
    ]);
    const id = sent[0] ?? '';
    await deliver(id);
    const done = await waitForBatch(company.token, batch.id);
    expect(done.counts.completed).toBe(2);
    const stamp = await db.query.extractionBatches.findFirst({ where: eq(extractionBatches.id, batch.id) });
    const eventsBefore = (
      await db
        .select()
        .from(events)
        .where(eq(events.orgId, company.orgId ?? ''))
    ).length;

    await deliver(id, 2);
    const [completedEvent] = await db
      .select()
      .from(events)
      .where(and(eq(events.type, 'extraction.completed'), eq(events.orgId, company.orgId ?? '')));
    const message: EventMessage = {
      id: completedEvent?.id ?? '',
      type: 'extraction.completed',
      seq: null,
      engagement_id: null,
      org_id: company.orgId,
      data: completedEvent?.data as Record<string, unknown>,
      created_at: new Date().toISOString(),
    };
    await syncBatchRows.run(env, message);
    await syncBatchRows.run(env, { ...message, data: { ...message.data, status: 'running' } });

    const restamp = await db.query.extractionBatches.findFirst({ where: eq(extractionBatches.id, batch.id) });
    expect(restamp?.version).toBe(stamp?.version);
    expect(
      (
        await db
          .select()
          .from(events)
          .where(eq(events.orgId, company.orgId ?? ''))
      ).length,
    ).toBe(eventsBefore);
    const rows = await db.select().from(extractionBatchRows).where(eq(extractionBatchRows.batchId, batch.id));
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed']);
  });

  it("answers 404 on every batch route for another company's batch", async () => {
    const acme = await signupCompany();
    const globex = await signupCompany('Globex GmbH');
    const { batch } = await heldBatch(acme, ['https://www.tenant-batch.de']);
    const id = batch.id;
    await expectProblem(await call(`/v1/extraction-batches/${id}`, { token: globex.token }), 404);
    await expectProblem(await call(`/v1/extraction-batches/${id}/rows`, { token: globex.token }), 404);
    await expectProblem(await call(`/v1/extraction-batches/${id}/export.csv`, { token: globex.token }), 404);
    await expectProblem(await call(`/v1/extraction-batches/${id}/events?token=${globex.token}`), 404);
    await expectProblem(
      await call(`/v1/extraction-batches/${id}/cancel`, { token: globex.token, method: 'POST' }),
      404,
    );
    expect((await json(await call('/v1/extraction-batches', { token: globex.token }))).data).toEqual([]);
    expect((await json(await call('/v1/extraction-batches', { token: acme.token }))).data).toHaveLength(1);
    await expectProblem(await call(`/v1/extraction-batches/${id}`), 401);
  });
});
