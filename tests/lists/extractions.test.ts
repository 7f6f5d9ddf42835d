// GET /v1/extractions: search (URL, id), sort and filters over cursor pages.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { type Extraction, extractions } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { type Account, call, json, signupCompany } from '../helpers';
import { expectedOrder, expectInvalid, ids, walk } from './walk';

const db = createDb(env.DB);
let acme: Account;
let globex: Account;
const made: Record<string, string> = {};

/** A row written straight to D1 (no queue message): the list only reads it. */
async function extraction(company: Account, url: string, values: Partial<Extraction> = {}) {
  const id = newId('extraction');
  await db.insert(extractions).values({
    id,
    orgId: company.orgId ?? '',
    url,
    normalizedUrl: url.toLowerCase().replace(/\/$/, ''),
    status: 'queued',
    ...values,
  });
  made[url] = id;
}

beforeAll(async () => {
  acme = await signupCompany('Acme Mining');
  globex = await signupCompany('Globex Mining');
  await extraction(acme, 'https://Bakery-Berlin.example/', { status: 'completed', confidence: 80 });
  await extraction(acme, 'https://bakery-hamburg.example', { status: 'completed', confidence: 80 });
  await extraction(acme, 'https://tools.example/about', { status: 'failed', error: 'Timed out' });
  await extraction(acme, 'https://shop.example', { status: 'running', confidence: 40 });
  await extraction(globex, 'https://bakery-munich.example', { status: 'completed', confidence: 90 });
});

const runs = (query: string, token = acme.token) => walk(`/v1/extractions?${query}`, token);

describe('GET /v1/extractions?q=', () => {
  it("finds by URL, case-insensitively, never another company's run", async () => {
    expect(ids(await runs('q=BAKERY&sort=url'))).toEqual([
      made['https://Bakery-Berlin.example/'],
      made['https://bakery-hamburg.example'],
    ]);
    expect(ids(await runs('q=bakery', globex.token))).toEqual([made['https://bakery-munich.example']]);
    expect(ids(await runs(`q=${made['https://shop.example']}`))).toEqual([made['https://shop.example']]);
  });
});

describe('GET /v1/extractions?sort=', () => {
  it('walks every page in the chosen order, ties broken by id', async () => {
    const all = await runs('');
    expect(all).toHaveLength(4);
    const cases: [string, (x: Record<string, unknown>) => string | number, boolean?][] = [
      ['url', (x) => String(x.normalized_url), true],
      ['-url', (x) => String(x.normalized_url), true],
      ['confidence', (x) => (x.confidence as number | null) ?? -1],
      ['-confidence', (x) => (x.confidence as number | null) ?? -1],
      ['-status', (x) => String(x.status)],
    ];
    for (const [sort, value, nocase] of cases)
      expect(ids(await walk(`/v1/extractions?sort=${sort}`, acme.token, 1)), sort).toEqual(
        expectedOrder(all, sort, value, nocase),
      );
  });
});

describe('GET /v1/extractions filters', () => {
  it('combines statuses, search and dates', async () => {
    expect(ids(await runs('status=failed,running&sort=url'))).toEqual([
      made['https://shop.example'],
      made['https://tools.example/about'],
    ]);
    expect(ids(await runs('status=completed&q=hamburg'))).toEqual([made['https://bakery-hamburg.example']]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await runs(`created_from=${tomorrow}`)).toEqual([]);
    expect(await runs(`created_to=${tomorrow}&status=completed`)).toHaveLength(2);
  });

  it('answers 422 naming the parameter, and refuses a cursor read with another sort', async () => {
    const get = (query: string) => call(`/v1/extractions?${query}`, { token: acme.token });
    await expectInvalid(await get('status=done'), 'status');
    await expectInvalid(await get('sort=host'), 'sort');
    await expectInvalid(await get('created_from=31.01.2026'), 'created_from');
    const first = await json(await get('sort=url&limit=1'));
    await expectInvalid(await get(`sort=-confidence&limit=1&cursor=${first.next_cursor}`), 'cursor');
  });
});
