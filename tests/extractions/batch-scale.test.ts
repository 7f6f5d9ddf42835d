// Extraction batches at scale in workerd: a 1,000-row list through the real route and the real extractions queue
// (one crawl per registrable domain, bad and private rows failing alone, the export read back), a host that never
// answers (its rows fail with the timeout after the retries, the rest complete), and the per-host crawl budget
// (CRAWL_LIMITER) holding when many companies' lists name the same site.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processExtractionBatch } from '../../queues/extractions';
import type { ExtractionMessage } from '../../queues/messages';
import { relayPending } from '../../src/events/relay';
import { TASK_MAX_RETRIES } from '../../src/lib/queues';
import wranglerToml from '../../wrangler.toml?raw';
import type { FixtureSite } from '../fixtures/sites/types';
import { type Account, call, callWithVars, json, signupCompany, waitFor } from '../helpers';
import { hang, installNetwork } from './network';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const TERMINAL = ['completed', 'failed', 'skipped', 'cancelled'];

/** A small company site: a home page linking its impressum (and any `extra` pages), the impressum naming its email. */
const site = (origin: string, extra: Record<string, string> = {}): FixtureSite => {
  const host = new URL(origin).hostname.replace(/^www\./, '');
  const links = Object.keys(extra)
    .map((path) => `<a href="${path}">${path.slice(1)}</a>`)
    .join(' ');
  return {
    name: origin,
    origin,
    expected: [],
    pages: {
      '/': `<html lang="de"><body><h1>Willkommen</h1><a href="/impressum">Impressum</a> ${links}</body></html>`,
      '/impressum': `<html lang="de"><body><h1>Impressum</h1><p>Beispiel Handel GmbH<br>Hauptstraße 5<br>10115 Berlin</p>
      <p>Telefon: 030 1234567<br>E-Mail: info@${host}</p></body></html>`,
      ...extra,
    },
  };
};

const postCsv = (token: string, csv: string) =>
  call('/v1/extraction-batches', {
    token,
    body: csv,
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });

async function waitForBatch(token: string, id: string, timeoutMs: number) {
  return waitFor(async () => {
    const batch = await json(await call(`/v1/extraction-batches/${id}`, { token }));
    return batch.status !== 'running' && batch;
  }, timeoutMs);
}

/** Every row of a batch, in input order (the rows route pages by 500). */
async function allRows(token: string, id: string) {
  const rows = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await json(await call(`/v1/extraction-batches/${id}/rows?limit=500${query}`, { token }));
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return rows;
}

async function exportTable(token: string, id: string) {
  const exported = await call(`/v1/extraction-batches/${id}/export.csv`, { token });
  expect(exported.status).toBe(200);
  const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: false }).decode(
    await exported.arrayBuffer(),
  );
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header = [], ...lines] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  return lines.map((line) => Object.fromEntries(header.map((h, j) => [h, line[j]])));
}

describe('a 1,000-row batch through the route and the extractions queue', () => {
  // 50 sites (every fifth under a two-label public suffix), rows repeating them with other paths, hosts and
  // tracking parameters; 3 sites whose names resolve to private addresses; malformed URLs, private addresses
  // and empty cells spread through the list.
  const SITES = Array.from({ length: 50 }, (_, i) => (i % 5 === 4 ? `lead-${i}.co.uk` : `lead-${i}.de`));
  const PRIVATE_DNS = ['privat-0-gmbh.de', 'privat-1-gmbh.de', 'privat-2-gmbh.de'];
  const VARIANTS = [
    (d: string) => `www.${d}`,
    (d: string) => `https://${d}/kontakt`,
    (d: string) => `shop.${d}`,
    (d: string) => `https://www.${d}/?utm_source=crm`,
    (d: string) => d.toUpperCase(),
    (d: string) => `http://www.${d}/impressum#top`,
  ];
  const MALFORMED = [
    'http://exa mple',
    'https://',
    'http://[zz]/',
    'www..doppelpunkt..de',
    'https://bad host.de/',
  ];
  const UNSAFE = [
    'http://10.0.0.1/',
    'http://192.168.178.1/admin',
    'http://127.0.0.1:8080/',
    'http://[::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'localhost:3000',
    'http://0x7f000001/',
    'router.local',
    'ftp://files.lead-1.de/',
    'https://10.0.0.1.nip.io/',
  ];

  type Kind = 'site' | 'private-dns' | 'malformed' | 'unsafe' | 'empty';
  const plan: { kind: Kind; url: string; domain?: string }[] = [];
  let siteRows = 0;
  for (let r = 0; r < 1000; r++) {
    if (r % 20 === 7)
      plan.push({ kind: 'malformed', url: MALFORMED[Math.floor(r / 20) % MALFORMED.length] ?? '' });
    else if (r % 20 === 13)
      plan.push({ kind: 'unsafe', url: UNSAFE[Math.floor(r / 20) % UNSAFE.length] ?? '' });
    else if (r % 50 === 29) plan.push({ kind: 'empty', url: '' });
    else if (r % 50 === 41) {
      const domain = PRIVATE_DNS[Math.floor(r / 50) % PRIVATE_DNS.length] ?? '';
      plan.push({ kind: 'private-dns', url: `www.${domain}`, domain });
    } else {
      const domain = SITES[siteRows % SITES.length] ?? '';
      const variant = VARIANTS[Math.floor(siteRows / SITES.length) % VARIANTS.length] ?? VARIANTS[0];
      plan.push({ kind: 'site', url: variant?.(domain) ?? domain, domain });
      siteRows++;
    }
  }
  const count = (kind: Kind) => plan.filter((p) => p.kind === kind).length;
  // Names with a comma and umlauts (quoted), a city column: the export must give them back as they came.
  const cells = plan.map((p, r) => [`Firma ${r}, Zweigstelle Süd`, p.url, r % 2 ? 'München' : 'Köln']);

  it('crawls each site once, fails bad and private rows alone, ends with every row terminal and exports every row', async () => {
    const dns: Record<string, string[]> = {};
    for (const [k, domain] of PRIVATE_DNS.entries()) dns[`www.${domain}`] = [`10.20.0.${k + 1}`];
    const network = installNetwork(
      SITES.map((domain) => site(`https://www.${domain}`)),
      dns,
    );
    const company = await signupCompany();
    const csv = Papa.unparse({ fields: ['Firma', 'Website', 'Ort'], data: cells }, { newline: '\r\n' });

    const started = Date.now();
    const created = await postCsv(company.token, csv);
    expect(created.status).toBe(202);
    const batch = await json(created);
    expect(batch).toMatchObject({ url_column: 'Website', sites: SITES.length + PRIVATE_DNS.length });
    expect(batch.counts).toMatchObject({
      total: 1000,
      failed: count('malformed') + count('unsafe'),
      skipped: count('empty'),
      queued: count('site') + count('private-dns'),
    });

    const done = await waitForBatch(company.token, batch.id, 55_000);
    console.log(`1,000 rows over ${batch.sites} sites: ${done.status} in ${Date.now() - started} ms`);
    expect(done.status).toBe('completed');
    expect(done.counts).toEqual({
      total: 1000,
      queued: 0,
      running: 0,
      completed: count('site'),
      failed: count('malformed') + count('unsafe') + count('private-dns'),
      skipped: count('empty'),
      cancelled: 0,
    });

    const rows = await allRows(company.token, batch.id);
    expect(rows).toHaveLength(1000);
    expect(rows.filter((row: { status: string }) => !TERMINAL.includes(row.status))).toEqual([]);
    const crawlOf = new Map<string, string>();
    for (const [r, p] of plan.entries()) {
      const row = rows[r];
      expect(row.row).toBe(r + 1);
      if (p.kind === 'site') {
        expect(row).toMatchObject({ status: 'completed', site: p.domain, error: null });
        // Every row of a site shares the one crawl.
        const crawl = crawlOf.get(p.domain ?? '') ?? row.extraction_id;
        crawlOf.set(p.domain ?? '', crawl);
        expect(row.extraction_id).toBe(crawl);
      } else if (p.kind === 'malformed') {
        expect(row).toMatchObject({ status: 'failed', error: 'Not a valid URL', extraction_id: null });
      } else if (p.kind === 'unsafe') {
        expect(row.status).toBe('failed');
        expect(row.error).toMatch(
          /^Refused: unsafe url \((ip_literal|blocked_hostname|port|scheme|embedded_ip)\)/,
        );
        expect(row.extraction_id).toBeNull();
      } else if (p.kind === 'private-dns') {
        expect(row).toMatchObject({ status: 'failed', site: p.domain });
        expect(row.error).toMatch(/private_address/);
      } else {
        expect(row).toMatchObject({ status: 'skipped', error: 'No URL in this row' });
      }
    }
    expect(new Set(crawlOf.values()).size).toBe(SITES.length);

    // One crawl per site: each home page fetched once, from the first row's URL; no other host of a site fetched,
    // and nothing of a private or refused address.
    for (const domain of SITES)
      expect(network.fetched.filter((u) => u === `https://www.${domain}/`)).toHaveLength(1);
    const hosts = new Set(network.requests.map((request) => request.host));
    expect([...hosts].sort()).toEqual(SITES.map((domain) => `www.${domain}`).sort());

    // The export: a line per input row, in input order, the original cells as given, the result beside them.
    const table = await exportTable(company.token, batch.id);
    expect(table).toHaveLength(1000);
    for (const [r, p] of plan.entries()) {
      const line = table[r] ?? {};
      expect([line.Firma, line.Website, line.Ort]).toEqual(cells[r]);
      expect([line.status, line.error]).toEqual([rows[r].status, rows[r].error ?? '']);
      if (p.kind === 'site')
        expect(line).toMatchObject({ email: `info@${p.domain}`, company_name: 'Beispiel Handel GmbH' });
      else expect(line.email).toBe('');
    }
  }, 60_000);
});

describe('a host that never answers', () => {
  /** A queue that only records: the test delivers the messages itself, choosing the attempt. */
  function heldQueue() {
    const sent: string[] = [];
    const queue = {
      send: async (body: ExtractionMessage) => void sent.push(body.extraction_id),
      sendBatch: async (messages: { body: ExtractionMessage }[]) => {
        for (const m of messages) sent.push(m.body.extraction_id);
      },
    };
    return { sent, queue: queue as unknown as Queue };
  }

  async function deliver(id: string, attempts: number) {
    const batch = createMessageBatch<ExtractionMessage>('engage-extractions', [
      { id: `m-${id}-${attempts}`, timestamp: new Date(), attempts, body: { extraction_id: id } },
    ]);
    const ctx = createExecutionContext();
    await processExtractionBatch(env, batch, { sleep: async () => {} });
    const result = await getQueueResult(batch, ctx);
    await relayPending(env);
    return result;
  }

  /**
   * Delivers a crawl of the hanging host with the clock faked: once its request hangs, the safe fetcher's
   * 10-second budget is run out at once (the hang answers only to the abort) and the real clock is back.
   */
  async function deliverTimingOut(id: string, attempts: number, hungBefore: () => number) {
    const before = hungBefore();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const delivered = deliver(id, attempts);
    await vi.waitFor(() => expect(hungBefore()).toBeGreaterThan(before), { timeout: 5_000 });
    vi.advanceTimersByTime(10_000);
    vi.useRealTimers();
    return delivered;
  }

  it('fails its rows with the timeout after the last retry, and the other rows complete', async () => {
    const network = installNetwork([
      site('https://www.schnell-eins.de'),
      site('https://www.schnell-zwei.de'),
    ]);
    for (const path of ['/robots.txt', '/']) network.routes.set(`https://www.langsam-gmbh.de${path}`, hang);
    const hung = () => network.fetched.filter((u) => u.startsWith('https://www.langsam-gmbh.de/')).length;
    const company: Account = await signupCompany();
    const held = heldQueue();
    const response = await callWithVars(
      '/v1/extraction-batches',
      { EXTRACTIONS_QUEUE: held.queue },
      {
        token: company.token,
        json: {
          urls: [
            'www.schnell-eins.de',
            'www.langsam-gmbh.de',
            'langsam-gmbh.de/kontakt',
            'www.schnell-zwei.de',
          ],
        },
      },
    );
    expect(response.status).toBe(202);
    const batch = await json(response);
    const [eins, langsam, zwei] = held.sent as [string, string, string];
    await deliver(eins, 1);
    await deliver(zwei, 1);

    // The first timeout is retried with backoff: the rows wait, the batch is still running.
    const first = await deliverTimingOut(langsam, 1, hung);
    expect(first.retryMessages).toEqual([expect.objectContaining({ msgId: `m-${langsam}-1` })]);
    const waiting = await waitFor(async () => {
      const b = await json(await call(`/v1/extraction-batches/${batch.id}`, { token: company.token }));
      // Rows follow their crawl through the events queue: wait for both syncs, not just the first to land.
      return b.counts.completed === 2 && b.counts.running === 2 && b;
    });
    expect(waiting).toMatchObject({ status: 'running', counts: { completed: 2, running: 2, failed: 0 } });

    // The last allowed delivery times out too: the crawl fails, and both of its rows with the reason.
    const last = await deliverTimingOut(langsam, TASK_MAX_RETRIES + 1, hung);
    expect(last.retryMessages).toHaveLength(1); // past max_retries: the queue moves it to the dead letters
    const done = await waitForBatch(company.token, batch.id, 10_000);
    expect(done).toMatchObject({ status: 'completed', counts: { total: 4, completed: 2, failed: 2 } });
    const rows = await allRows(company.token, batch.id);
    expect(rows.map((r: { status: string }) => r.status)).toEqual([
      'completed',
      'failed',
      'failed',
      'completed',
    ]);
    for (const row of [rows[1], rows[2]]) {
      expect(row.error).toMatch(/timeout/);
      expect(row.error).toMatch(/no complete page within 10000 ms/);
    }
    const table = await exportTable(company.token, batch.id);
    expect(table.map((line) => [line.status, line.email])).toEqual([
      ['completed', 'info@schnell-eins.de'],
      ['failed', ''],
      ['failed', ''],
      ['completed', 'info@schnell-zwei.de'],
    ]);
  });
});

describe('the per-host crawl budget', () => {
  // The binding's budget as wrangler.toml declares it (CRAWL_LIMITER: `simple = { limit, period }`).
  const declared = /name = "CRAWL_LIMITER"[^[]*simple = \{ limit = (\d+), period = (\d+) \}/.exec(
    wranglerToml,
  );
  const LIMIT = Number(declared?.[1]);
  const PERIOD_MS = Number(declared?.[2]) * 1000;

  it("keeps a site's requests within the budget when many companies' lists name it, and every crawl still completes", async () => {
    expect(LIMIT).toBeGreaterThan(0);
    // Eight crawls of one site (one per company: each company's batch has its own), 5 requests each (robots.txt,
    // home, impressum, kontakt, über uns): more than one period's budget.
    const host = 'www.beliebt-ag.de';
    const network = installNetwork([
      site(`https://${host}`, {
        '/kontakt': '<html><body><h1>Kontakt</h1><p>Telefon: 030 1234567</p></body></html>',
        '/ueber-uns': '<html><body><h1>Über uns</h1><p>Seit 1990.</p></body></html>',
      }),
    ]);
    const companies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => signupCompany(`Kunde ${i} GmbH`)),
    );
    // The local binding counts fixed windows of the period, aligned to the epoch (Miniflare's ratelimit worker).
    // Start early in a window, so that without the limit the crawls' requests would all fall into that one window.
    if (Date.now() % PERIOD_MS > PERIOD_MS / 2)
      await new Promise((resolve) => setTimeout(resolve, PERIOD_MS - (Date.now() % PERIOD_MS) + 20));

    const batches = [];
    for (const company of companies) {
      const created = await postCsv(
        company.token,
        `Firma,Website\nBeliebt AG,${host}\nBeliebt Shop,shop.beliebt-ag.de\n`,
      );
      expect(created.status).toBe(202);
      batches.push({ company, id: (await json(created)).id });
    }
    for (const { company, id } of batches) {
      const done = await waitForBatch(company.token, id, 30_000);
      expect(done).toMatchObject({ status: 'completed', counts: { completed: 2, failed: 0 } });
    }

    // Each request's time is taken in the fetch stand-in right after the binding said yes (no I/O in between), so
    // it falls in the window the binding counted it in. The local binding does enforce (an in-memory count per key
    // and window): with its answer forced to yes, all 40 requests land in the first window and this fails.
    const times = network.requests.filter((r) => r.host === host).map((r) => r.at);
    expect(times.length).toBeGreaterThan(LIMIT); // more than one period's worth: the budget had to hold some back
    const perWindow = new Map<number, number>();
    for (const at of times)
      perWindow.set(Math.floor(at / PERIOD_MS), (perWindow.get(Math.floor(at / PERIOD_MS)) ?? 0) + 1);
    console.log(
      `requests to ${host} per ${PERIOD_MS / 1000} s window: ${[...perWindow.values()].join(', ')}`,
    );
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(LIMIT);
    expect(perWindow.size).toBeGreaterThanOrEqual(2);
  }, 40_000);
});
