// Extractions end to end in workerd: the API, the real extractions queue and consumer, D1 and R2, with the
// outside world (websites, DNS-over-HTTPS) answered at the fetch boundary.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processExtractionBatch } from '../../queues/extractions';
import type { ExtractionMessage } from '../../queues/messages';
import { createDb } from '../../src/db/client';
import { extractionPages, extractions } from '../../src/db/schema';
import worker from '../../src/index';
import { newId } from '../../src/lib/ids';
import { recoverExtractions } from '../../src/modules/extractions/recovery';
import { transitionExtraction } from '../../src/modules/extractions/transition';
import { muellerMaschinenbau } from '../fixtures/sites/mueller-maschinenbau';
import type { FixtureSite } from '../fixtures/sites/types';
import { call, createAdmin, expectProblem, json, signupCompany, signupExpert } from '../helpers';
import { html, installNetwork, PUBLIC_IP } from './network';

const db = createDb(env.DB);
afterEach(() => vi.restoreAllMocks());

async function waitForExtraction(token: string, id: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const extraction = await json(await call(`/v1/extractions/${id}`, { token }));
    if (extraction.status === 'completed' || extraction.status === 'failed') return extraction;
    if (Date.now() > deadline) throw new Error(`extraction ${id} stayed ${extraction.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const site = (
  origin: string,
  pages: Record<string, string>,
  extra: Partial<FixtureSite> = {},
): FixtureSite => ({
  name: origin,
  origin,
  pages,
  expected: [],
  ...extra,
});

const small = (origin: string) =>
  site(origin, {
    '/': '<html lang="de"><body><h1>Willkommen</h1><a href="/impressum">Impressum</a></body></html>',
    '/impressum': `<html lang="de"><body><h1>Impressum</h1><p>Beispiel Handel GmbH<br>Hauptstraße 5<br>10115 Berlin</p>
      <p>Geschäftsführer: Max Beispiel</p><p>Telefon: 030 1234567<br>E-Mail: info@${new URL(origin).hostname.replace(/^www\./, '')}</p>
      <p>Registergericht: Amtsgericht Berlin-Charlottenburg, HRB 123456 B</p><p>USt-IdNr.: DE123456789</p></body></html>`,
  });

/** A row written straight to D1 with no queue message, so only the test delivers it. */
async function insertExtraction(orgId: string, url: string) {
  const now = new Date().toISOString();
  const [row] = await db
    .insert(extractions)
    .values({
      id: newId('extraction'),
      orgId,
      url,
      normalizedUrl: url,
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert failed');
  return row;
}

async function deliver(id: string, attempts = 1) {
  const batch = createMessageBatch<ExtractionMessage>('engage-extractions', [
    { id: `m-${id}-${attempts}`, timestamp: new Date(), attempts, body: { extraction_id: id } },
  ]);
  const delays: (number | undefined)[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    vi.spyOn(message, 'retry').mockImplementation((options) => {
      delays.push(options?.delaySeconds);
      retry(options);
    });
  }
  const ctx = createExecutionContext();
  await processExtractionBatch(env, batch, { sleep: async () => {} });
  const result = await getQueueResult(batch, ctx);
  return {
    acked: result.explicitAcks.length === 1,
    retried: result.retryMessages.length === 1,
    delay: delays[0],
  };
}

/** Server-sent events as sent: blocks of `field: value` lines separated by blank lines. */
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

const rowOf = async (id: string) => {
  const row = await db.query.extractions.findFirst({ where: eq(extractions.id, id) });
  if (!row) throw new Error(`no extraction ${id}`);
  return row;
};

describe('POST /v1/extractions', () => {
  it('crawls the site through the real queue and returns its contacts, pages and snapshots', async () => {
    const network = installNetwork([muellerMaschinenbau]);
    const company = await signupCompany();
    const created = await call('/v1/extractions', {
      token: company.token,
      json: { url: 'WWW.Firma-Mueller.de/?utm_source=newsletter' },
    });
    expect(created.status).toBe(202);
    const queued = await json(created);
    expect(queued).toMatchObject({
      status: 'queued',
      progress: 0,
      normalized_url: 'https://www.firma-mueller.de',
    });

    const done = await waitForExtraction(company.token, queued.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, error: null });
    expect(done.confidence).toBeGreaterThanOrEqual(80);
    const values = done.entities.map((e: { type: string; value: string }) => `${e.type}:${e.value}`);
    expect(values).toContain('COMPANY_NAME:Müller Maschinenbau GmbH');
    expect(values).toContain('PHONE:+497111234560');
    expect(values.some((v: string) => v.startsWith('VAT_ID:DE'))).toBe(true);
    expect(done.pages[0]).toMatchObject({
      url: 'https://www.firma-mueller.de/',
      page_type: 'home',
      status_code: 200,
    });
    expect(done.pages.map((p: { page_type: string }) => p.page_type)).toContain('impressum');
    expect(done.pages.length).toBeLessThanOrEqual(10);
    // robots.txt was asked for first; every page fetched once.
    expect(network.fetched[0]).toBe('https://www.firma-mueller.de/robots.txt');
    const pages = network.fetched.filter((u) => !u.endsWith('/robots.txt'));
    expect(new Set(pages).size).toBe(pages.length);
    // Snapshots in R2.
    const stored = await db.select().from(extractionPages).where(eq(extractionPages.extractionId, queued.id));
    const snapshot = await env.FILES.get(stored[0]?.r2Key ?? 'missing');
    expect(await snapshot?.text()).toContain('<html');
  });

  it('answers a second request for the same normalised URL within 24 h with the first result', async () => {
    const network = installNetwork([small('https://www.reuse-gmbh.de')]);
    const company = await signupCompany();
    const first = await json(
      await call('/v1/extractions', { token: company.token, json: { url: 'https://www.reuse-gmbh.de/' } }),
    );
    await waitForExtraction(company.token, first.id);
    const fetchedBefore = network.fetched.length;

    const again = await call('/v1/extractions', {
      token: company.token,
      json: { url: 'HTTPS://WWW.REUSE-GMBH.DE:443/?utm_campaign=x&fbclid=abc#team' },
    });
    expect(again.status).toBe(202);
    expect(await json(again)).toMatchObject({ id: first.id, status: 'completed', reused: true });
    expect(network.fetched.length).toBe(fetchedBefore);

    // Another company crawls for itself: results are not shared across tenants.
    const other = await signupCompany('Globex GmbH');
    const theirs = await call('/v1/extractions', {
      token: other.token,
      json: { url: 'https://www.reuse-gmbh.de' },
    });
    expect(theirs.status).toBe(202);
    const theirId = (await json(theirs)).id;
    expect(theirId).not.toBe(first.id);
    await waitForExtraction(other.token, theirId); // not left crawling into the next test
  });

  it('refuses at once, with 422 and nothing fetched, URLs that can be judged without fetching', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://0177.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost/',
      'http://metadata.google.internal/',
      'http://10.0.0.1.nip.io/',
      'ftp://files.example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://example.org:8443/',
      'http://user:pass@example.org/',
      'not a url at all',
    ]) {
      const response = await call('/v1/extractions', { token: company.token, json: { url } });
      const problem = await expectProblem(response, 422);
      expect(problem.errors?.[0]?.path, url).toBe('url');
    }
    expect(network.fetched).toEqual([]);
    expect(network.resolved).toEqual([]);
  });

  it('reads a host with a port but no scheme as https', async () => {
    installNetwork([small('https://www.port-gmbh.de')]);
    const company = await signupCompany();
    const created = await call('/v1/extractions', {
      token: company.token,
      json: { url: 'www.port-gmbh.de:443' },
    });
    expect(created.status).toBe(202);
    const { id, normalized_url } = await json(created);
    expect(normalized_url).toBe('https://www.port-gmbh.de');
    expect((await waitForExtraction(company.token, id)).status).toBe('completed');
  });

  it('validates the body and the role', async () => {
    const company = await signupCompany();
    await expectProblem(await call('/v1/extractions', { token: company.token, json: {} }), 422);
    await expectProblem(await call('/v1/extractions', { token: company.token, json: { url: 42 } }), 422);
    const expert = await signupExpert();
    await expectProblem(
      await call('/v1/extractions', { token: expert.token, json: { url: 'https://a.de' } }),
      403,
    );
    await expectProblem(await call('/v1/extractions', { json: { url: 'https://a.de' } }), 401);
  });
});

describe('reading extractions', () => {
  it('keeps each company to its own extractions: read, list and progress stream', async () => {
    installNetwork([small('https://www.tenant-gmbh.de')]);
    const acme = await signupCompany();
    const globex = await signupCompany('Globex GmbH');
    const created = await json(
      await call('/v1/extractions', { token: acme.token, json: { url: 'https://www.tenant-gmbh.de' } }),
    );
    await waitForExtraction(acme.token, created.id);

    await expectProblem(await call(`/v1/extractions/${created.id}`, { token: globex.token }), 404);
    await expectProblem(await call(`/v1/extractions/${created.id}/events?token=${globex.token}`), 404);
    const theirList = await json(await call('/v1/extractions', { token: globex.token }));
    expect(theirList.data).toEqual([]);
    const ourList = await json(await call('/v1/extractions', { token: acme.token }));
    expect(ourList.data).toHaveLength(1);
    expect(ourList.data[0]).toMatchObject({ id: created.id, status: 'completed' });
    expect(ourList.data[0].entity_count).toBeGreaterThan(3);
    const expert = await signupExpert();
    await expectProblem(await call(`/v1/extractions/${created.id}`, { token: expert.token }), 403);
  });

  it('streams progress as server-sent events up to the result, then ends; Last-Event-ID resumes', async () => {
    installNetwork([small('https://www.sse-gmbh.de')]);
    const company = await signupCompany();
    const created = await json(
      await call('/v1/extractions', { token: company.token, json: { url: 'https://www.sse-gmbh.de' } }),
    );
    const response = await call(`/v1/extractions/${created.id}/events?token=${company.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text(); // ends by itself once the extraction is done
    const events = parseSse(text);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.progress as number);
    expect(progress.at(-1)).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress); // never goes backwards
    const last = events.at(-1);
    expect(last).toMatchObject({ event: 'completed' });
    expect(last?.data.entities.length).toBeGreaterThan(3);

    const resumed = await call(`/v1/extractions/${created.id}/events`, {
      token: company.token,
      headers: { 'Last-Event-ID': last?.id ?? '' },
    });
    expect(await resumed.text()).not.toContain('event: progress');

    // Dropped after the last progress event, before the result: the reconnect still gets the result.
    const lastProgress = events.filter((e) => e.event === 'progress').at(-1);
    const afterProgress = await call(`/v1/extractions/${created.id}/events`, {
      token: company.token,
      headers: { 'Last-Event-ID': lastProgress?.id ?? '' },
    });
    const missed = parseSse(await afterProgress.text());
    expect(missed.map((e) => e.event)).toEqual(['completed']);
    expect(missed[0]?.data.entities.length).toBeGreaterThan(3);
  });
});

describe('the extractions consumer', () => {
  it('does not crawl again when the message comes twice', async () => {
    const network = installNetwork([small('https://www.twice-gmbh.de')]);
    const company = await signupCompany();
    const row = await insertExtraction(company.orgId ?? '', 'https://www.twice-gmbh.de');
    expect(await deliver(row.id)).toMatchObject({ acked: true });
    const fetched = network.fetched.length;
    expect(await deliver(row.id)).toMatchObject({ acked: true });
    expect(network.fetched.length).toBe(fetched);
    expect((await rowOf(row.id)).status).toBe('completed');
  });

  it('records one result when two deliveries crawl the same extraction at once', async () => {
    installNetwork([small('https://www.race-gmbh.de')]);
    const company = await signupCompany();
    const queued = await insertExtraction(company.orgId ?? '', 'https://www.race-gmbh.de');
    // Already running (a redelivery while the first worker still crawls): both deliveries crawl side by side.
    const row = await transitionExtraction(db, queued, 'start', { changes: { attempts: 1 } });
    if (!row) throw new Error('start failed');
    const batch = (n: number) =>
      createMessageBatch<ExtractionMessage>('engage-extractions', [
        { id: `race-${n}`, timestamp: new Date(), attempts: 1, body: { extraction_id: row.id } },
      ]);
    await Promise.all([1, 2].map((n) => processExtractionBatch(env, batch(n), { sleep: async () => {} })));
    const done = await rowOf(row.id);
    expect(done.status).toBe('completed');
    const view = await json(await call(`/v1/extractions/${row.id}`, { token: company.token }));
    // Each page once, each entity once, every page row pointing at a snapshot that exists.
    expect(view.pages.map((p: { url: string }) => p.url)).toEqual([
      'https://www.race-gmbh.de/',
      'https://www.race-gmbh.de/impressum',
    ]);
    const keys = view.entities.map((e: { type: string; value: string }) => `${e.type}:${e.value}`);
    expect(new Set(keys).size).toBe(keys.length);
    const stored = await db.select().from(extractionPages).where(eq(extractionPages.extractionId, row.id));
    for (const page of stored) expect(await env.FILES.head(page.r2Key ?? 'missing')).not.toBeNull();
    const completed = await env.DB.prepare(
      "SELECT count(*) AS n FROM events WHERE type = 'extraction.completed' AND json_extract(data, '$.extraction_id') = ?",
    )
      .bind(row.id)
      .first<{ n: number }>();
    expect(completed?.n).toBe(1);
  });

  it('keeps at most 25 entities of a type, so a page of addresses cannot crowd out the company', async () => {
    const emails = Array.from({ length: 60 }, (_, i) => `<li>person${i}@crowd-gmbh.de</li>`).join('');
    installNetwork([
      site('https://www.crowd-gmbh.de', {
        '/': `<html lang="de"><body><h1>Impressum</h1><p>Crowd GmbH<br>Hauptstraße 1<br>10115 Berlin</p><ul>${emails}</ul></body></html>`,
      }),
    ]);
    const company = await signupCompany();
    const row = await insertExtraction(company.orgId ?? '', 'https://www.crowd-gmbh.de');
    await deliver(row.id);
    const view = await json(await call(`/v1/extractions/${row.id}`, { token: company.token }));
    const types = view.entities.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'EMAIL')).toHaveLength(25);
    expect(types).toContain('COMPANY_NAME');
    expect(types).toContain('ADDRESS');
  });

  it('fails at once, without retries, for a host that does not exist', async () => {
    const network = installNetwork([], { 'www.no-such-firma.de': [] });
    const company = await signupCompany();
    const row = await insertExtraction(company.orgId ?? '', 'https://www.no-such-firma.de');
    expect(await deliver(row.id)).toMatchObject({ acked: true });
    expect(await rowOf(row.id)).toMatchObject({ status: 'failed' });
    expect((await rowOf(row.id)).error).toContain('has no addresses');
    expect(network.fetched).toEqual([]);
    // Recorded as a dead letter, as a task's permanent failure is, so an operator sees it.
    const letters = await env.DB.prepare(
      "SELECT queue, body FROM dead_letters WHERE queue = 'engage-extractions'",
    ).all();
    expect(letters.results.map((r) => JSON.parse(String(r.body)).extraction_id)).toContain(row.id);
  });

  it('treats a robots.txt that redirects too often as missing, and crawls', async () => {
    const loop = small('https://www.loop-gmbh.de');
    loop.redirects = { '/robots.txt': '/robots.txt' };
    installNetwork([loop]);
    const company = await signupCompany();
    const row = await insertExtraction(company.orgId ?? '', 'https://www.loop-gmbh.de');
    await deliver(row.id);
    expect(await rowOf(row.id)).toMatchObject({ status: 'completed' });
  });

  it('completes with low confidence, not failure, a site without contact data', async () => {
    installNetwork([
      site('https://www.nothing-here.de', { '/': '<html><body><h1>Coming soon</h1></body></html>' }),
    ]);
    const company = await signupCompany();
    const row = await insertExtraction(company.orgId ?? '', 'https://www.nothing-here.de');
    await deliver(row.id);
    const done = await rowOf(row.id);
    expect(done.status).toBe('completed');
    expect(done.confidence).toBeLessThan(20);
  });

  it('fails at once on a 404 start page or one that is not HTML; retries a 503 with backoff', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    network.routes.set('https://gone.example.org/', html('<h1>Not found</h1>', 404));
    network.routes.set(
      'https://pdf.example.org/',
      () => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } }),
    );
    network.routes.set('https://busy.example.org/', html('<h1>Busy</h1>', 503));
    const gone = await insertExtraction(company.orgId ?? '', 'https://gone.example.org');
    const pdf = await insertExtraction(company.orgId ?? '', 'https://pdf.example.org');
    const busy = await insertExtraction(company.orgId ?? '', 'https://busy.example.org');

    expect(await deliver(gone.id)).toMatchObject({ acked: true });
    expect(await rowOf(gone.id)).toMatchObject({ status: 'failed' });
    expect((await rowOf(gone.id)).error).toContain('404');
    expect(await deliver(pdf.id)).toMatchObject({ acked: true });
    expect((await rowOf(pdf.id)).error).toContain('not HTML');

    expect(await deliver(busy.id, 1)).toMatchObject({ retried: true, delay: 10 });
    expect(await deliver(busy.id, 3)).toMatchObject({ retried: true, delay: 40 });
    expect((await rowOf(busy.id)).status).toBe('running');
    // After the last retry: failed, and the queue dead-letters the message.
    expect(await deliver(busy.id, 6)).toMatchObject({ retried: true, delay: undefined });
    expect(await rowOf(busy.id)).toMatchObject({ status: 'failed' });
  });

  it('retries an unreachable site as a transient failure', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const nowhere = await insertExtraction(company.orgId ?? '', 'https://nowhere.example.org');
    expect(await deliver(nowhere.id)).toMatchObject({ retried: true });
    expect(network.fetched).toContain('https://nowhere.example.org/robots.txt');
  });

  it('refuses a host that resolves to a private address, and a redirect into one, without fetching them', async () => {
    const network = installNetwork([], {
      'intranet.example.org': ['10.1.2.3'],
      'evil.example.org': [PUBLIC_IP],
    });
    network.routes.set('https://evil.example.org/robots.txt', () => new Response('', { status: 404 }));
    network.routes.set(
      'https://evil.example.org/',
      () =>
        new Response(null, {
          status: 302,
          headers: { location: 'http://169.254.169.254/latest/meta-data/' },
        }),
    );
    const company = await signupCompany();
    const intranet = await insertExtraction(company.orgId ?? '', 'https://intranet.example.org');
    const evil = await insertExtraction(company.orgId ?? '', 'https://evil.example.org');
    await deliver(intranet.id);
    await deliver(evil.id);
    expect(await rowOf(intranet.id)).toMatchObject({ status: 'failed' });
    expect((await rowOf(intranet.id)).error).toContain('private_address');
    expect(await rowOf(evil.id)).toMatchObject({ status: 'failed' });
    expect((await rowOf(evil.id)).error).toContain('ip_literal');
    expect(network.fetched.filter((u) => u.includes('intranet') || u.includes('169.254'))).toEqual([]);
  });

  it('fails an extraction whose message died; an operator redrive crawls it again', async () => {
    const network = installNetwork([]);
    network.routes.set('https://www.flaky-ltd.co.uk/', html('<h1>Busy</h1>', 503));
    const company = await signupCompany();
    const row = await insertExtraction(company.orgId ?? '', 'https://www.flaky-ltd.co.uk');
    expect(await deliver(row.id, 6)).toMatchObject({ retried: true });
    // The dead-letter queue's consumer records the message.
    const dead = createMessageBatch('engage-extractions-dlq', [
      { id: `dead-${row.id}`, timestamp: new Date(), attempts: 6, body: { extraction_id: row.id } },
    ]);
    await worker.queue(dead, env);
    expect(await rowOf(row.id)).toMatchObject({ status: 'failed' });

    network.routes.set(
      'https://www.flaky-ltd.co.uk/',
      html('<html lang="en"><body>Flaky Ltd, info@flaky-ltd.co.uk</body></html>'),
    );
    const admin = await createAdmin();
    const letters = await json(
      await call('/v1/admin/dead-letters?queue=engage-extractions', { token: admin.token }),
    );
    const letter = letters.data.find(
      (l: { body: { extraction_id: string } }) => l.body.extraction_id === row.id,
    );
    const redriven = await call(`/v1/admin/dead-letters/${letter.id}/redrive`, {
      method: 'POST',
      token: admin.token,
    });
    expect(redriven.status).toBe(200);
    const done = await waitForExtraction(company.token, row.id);
    expect(done.status).toBe('completed');
    expect(done.entities.map((e: { value: string }) => e.value)).toContain('info@flaky-ltd.co.uk');
  });

  it('honours robots.txt: a disallowed site fails, a disallowed page is not fetched', async () => {
    const closed = site('https://www.closed-gmbh.de', {
      '/robots.txt': 'User-agent: *\nDisallow: /',
      '/': '<html><body>Hi</body></html>',
    });
    const partial = small('https://www.partial-gmbh.de');
    partial.pages['/robots.txt'] = 'User-agent: EngageBot\nDisallow: /impressum\n';
    const network = installNetwork([closed, partial]);
    const company = await signupCompany();
    const a = await insertExtraction(company.orgId ?? '', 'https://www.closed-gmbh.de');
    const b = await insertExtraction(company.orgId ?? '', 'https://www.partial-gmbh.de');
    await deliver(a.id);
    await deliver(b.id);
    expect(await rowOf(a.id)).toMatchObject({ status: 'failed' });
    expect((await rowOf(a.id)).error).toContain('robots.txt');
    expect(network.fetched).not.toContain('https://www.closed-gmbh.de/');
    expect(await rowOf(b.id)).toMatchObject({ status: 'completed' });
    expect(network.fetched).not.toContain('https://www.partial-gmbh.de/impressum');
  });
});

describe('the extraction sweep', () => {
  it('requeues a crawl whose worker vanished and re-sends one whose message was lost, in one batch each', async () => {
    const company = await signupCompany();
    const old = '2026-01-01T00:00:00.000Z';
    const stuck = await insertExtraction(company.orgId ?? '', 'https://www.stuck-gmbh.de');
    await db
      .update(extractions)
      .set({ status: 'running', updatedAt: old })
      .where(eq(extractions.id, stuck.id));
    const unsent = await insertExtraction(company.orgId ?? '', 'https://www.unsent-gmbh.de');
    await db.update(extractions).set({ updatedAt: old }).where(eq(extractions.id, unsent.id));
    // Recorded, not delivered: the crawl itself is not what this test is about.
    const sendBatch = vi
      .spyOn(env.EXTRACTIONS_QUEUE, 'sendBatch')
      .mockResolvedValue({} as QueueSendBatchResponse);

    const result = await recoverExtractions(env, db);

    const sent = sendBatch.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => (m.body as { extraction_id: string }).extraction_id),
    );
    expect(sent).toEqual(expect.arrayContaining([stuck.id, unsent.id]));
    expect(result.recovered).toBeGreaterThanOrEqual(1);
    expect((await rowOf(stuck.id)).status).toBe('queued');
  });
});
