// GET /v1/engagements: search, sort and filters, with cursor pages that stay exact under every order.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/lib/pagination';
import { type Account, call, json, requestEngagement, signupCompany, signupExpert } from '../helpers';
import { expectedOrder, expectInvalid, ids, walk } from './walk';

let acme: Account;
let globex: Account;
let quinn: Account;
const created: Record<string, string> = {};

beforeAll(async () => {
  acme = await signupCompany('Acme Lists');
  globex = await signupCompany('Globex Lists');
  quinn = await signupExpert({ name: 'Quinn Fairweather', max_clients: 10 });
  const rory = await signupExpert({ name: 'Rory Plume', max_clients: 10 });
  const mine: [string, Account, number][] = [
    ['Beta audit', quinn, 1000],
    ['beta audit', rory, 1000],
    ['Alpha tender', quinn, 2000],
    ['alpha review', rory, 1000],
    ['100% remote', quinn, 3000],
    ['under_score desk', rory, 2000],
    // Would match q=r_sc if "_" were LIKE's any-character.
    ['Gamma underXscore', quinn, 500],
  ];
  for (const [title, expert, amount] of mine) {
    const engagement = await requestEngagement(acme, expert.expertId ?? '', {
      title,
      rate: { amount, currency: 'eur', interval: 'month' },
    });
    created[title.split(' ')[0] === 'Gamma' ? 'Gamma' : title] = engagement.id;
  }
  const theirs = await requestEngagement(globex, quinn.expertId ?? '', { title: 'Alpha secret' });
  created['Alpha secret'] = theirs.id;
  const accept = (title: string) =>
    call(`/v1/engagements/${created[title]}/accept`, { method: 'POST', token: quinn.token });
  expect((await accept('Alpha tender')).status).toBe(200);
  expect(
    (await call(`/v1/engagements/${created.Gamma}/decline`, { method: 'POST', token: quinn.token })).status,
  ).toBe(200);
});

const list = (query: string, token = acme.token) => walk(`/v1/engagements?${query}`, token);

describe('GET /v1/engagements?q=', () => {
  it("finds by title, case-insensitively, and never another company's engagement", async () => {
    const found = await list('q=ALPHA');
    expect(ids(found).sort()).toEqual([created['Alpha tender'], created['alpha review']].sort());
    expect(ids(await list('q=alpha', globex.token))).toEqual([created['Alpha secret']]);
  });

  it("finds by the expert's name and the company's, every word matching somewhere", async () => {
    const byExpert = await list('q=fairweather');
    expect(ids(byExpert).sort()).toEqual(
      [created['Beta audit'], created['Alpha tender'], created['100% remote'], created.Gamma].sort(),
    );
    expect(ids(await list('q=fairweather%20beta'))).toEqual([created['Beta audit']]);
    expect((await list('q=globex')).length).toBe(0);
    expect(ids(await list('q=globex', globex.token))).toEqual([created['Alpha secret']]);
  });

  it('folds the case of letters beyond ASCII as a person types them: lower, upper or capitalised', async () => {
    const mill = await signupCompany('Ölmühle Lists');
    const expert = await signupExpert({ name: 'Zoë Ångström', max_clients: 10 });
    const engagement = await requestEngagement(mill, expert.expertId ?? '', {
      title: 'Übersetzung für Müller',
    });
    for (const q of [
      'müller',
      'MÜLLER',
      'Müller',
      'übersetzung',
      'ÜBERSETZUNG',
      'ölmühle',
      'ÅNGSTRÖM',
      'zoë',
    ]) {
      expect(ids(await list(`q=${encodeURIComponent(q)}`, mill.token)), q).toEqual([engagement.id]);
    }
    expect(ids(await list(`q=${encodeURIComponent('müllers')}`, mill.token))).toEqual([]);
  });

  it('finds by id', async () => {
    expect(ids(await list(`q=${created.Gamma}`))).toEqual([created.Gamma]);
  });

  it('takes %, _ and the escape character literally', async () => {
    expect(ids(await list('q=%25'))).toEqual([created['100% remote']]);
    expect(ids(await list('q=r_sc'))).toEqual([created['under_score desk']]);
    expect(await list('q=%5C')).toEqual([]);
  });
});

describe('GET /v1/engagements?sort=', () => {
  const byTitle = (e: Record<string, unknown>) => String(e.title);
  const byRate = (e: Record<string, unknown>) => (e.rate as { amount: number }).amount;

  it('walks every page in the chosen order, ties broken by id', async () => {
    const all = await list('');
    expect(all).toHaveLength(7);
    for (const sort of ['title', '-title'])
      expect(ids(await list(`sort=${sort}`))).toEqual(expectedOrder(all, sort, byTitle, true));
    for (const sort of ['rate', '-rate'])
      expect(ids(await list(`sort=${sort}`))).toEqual(expectedOrder(all, sort, byRate));
    for (const sort of ['status', '-status'])
      expect(ids(await list(`sort=${sort}`))).toEqual(expectedOrder(all, sort, (e) => String(e.status)));
    expect(ids(await list('sort=created_at'))).toEqual(ids(all).reverse());
    expect(ids(await list('sort=-created_at'))).toEqual(ids(all));
  });

  it('keeps pages exact when one page ends inside a run of ties', async () => {
    // Three engagements at 1000: pages of one row end inside the tie every time.
    const all = await list('');
    expect(ids(await walk('/v1/engagements?sort=-rate', acme.token, 1))).toEqual(
      expectedOrder(all, '-rate', byRate),
    );
  });
});

describe('GET /v1/engagements filters', () => {
  it('combines statuses, search and the creation dates', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(ids(await list('status=active,declined&sort=title'))).toEqual([
      created['Alpha tender'],
      created.Gamma,
    ]);
    expect(ids(await list('status=pending&q=alpha'))).toEqual([created['alpha review']]);
    expect(await list(`created_to=${yesterday}`)).toEqual([]);
    expect(await list(`created_from=${tomorrow}`)).toEqual([]);
    expect(await list(`created_from=${today}&created_to=${today}`)).toHaveLength(7);
    expect(await list(`created_from=${yesterday}T00:00:00Z&q=beta`)).toHaveLength(2);
  });
});

describe('GET /v1/engagements refuses what it cannot read', () => {
  const get = (query: string) => call(`/v1/engagements?${query}`, { token: acme.token });

  it('answers 422 naming the parameter for a bad sort, status, date or search', async () => {
    await expectInvalid(await get('sort=price'), 'sort');
    await expectInvalid(await get('sort=--title'), 'sort');
    await expectInvalid(await get('status=active,lost'), 'status');
    await expectInvalid(await get('created_from=2026-02-31'), 'created_from');
    await expectInvalid(await get('created_to=yesterday'), 'created_to');
    await expectInvalid(await get('created_from=2026-03-02&created_to=2026-03-01'), 'created_to');
    await expectInvalid(await get(`q=${'x'.repeat(101)}`), 'q');
    await expectInvalid(await get('q=a b c d e f g h i'), 'q');
    await expectInvalid(await get('cursor=not-a-cursor'), 'cursor');
  });

  it('refuses a cursor from another sort, and still takes an id cursor for newest first', async () => {
    const first = await json(await get('sort=title&limit=2'));
    expect(first.next_cursor).toEqual(expect.any(String));
    const problem = await expectInvalid(
      await get(`sort=-rate&limit=2&cursor=${first.next_cursor}`),
      'cursor',
    );
    expect(problem.errors[0].message).toMatch(/another sort/);
    await expectInvalid(await get(`limit=2&cursor=${first.next_cursor}`), 'cursor');

    // What every list handed out before lists could be sorted: the last id, read newest first.
    const all = await list('');
    const legacy = encodeCursor(all[1]?.id ?? '');
    expect(ids((await json(await get(`limit=100&cursor=${legacy}`))).data)).toEqual(ids(all.slice(2)));
    await expectInvalid(await get(`sort=title&cursor=${legacy}`), 'cursor');
  });
});
