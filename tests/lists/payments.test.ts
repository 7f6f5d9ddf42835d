// GET /v1/payments: search (description, id, the engagement's title), sort and filters over cursor pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, json, waitFor } from '../helpers';
import { activeEngagement, type Parties } from '../tasks/fixtures';
import { expectedOrder, expectInvalid, ids, walk } from './walk';

let mine: Parties;
let theirs: Parties;
const made: Record<string, string> = {};

async function bill(parties: Parties, description: string, amount: number, currency = 'eur', pay = false) {
  const response = await call(`/v1/engagements/${parties.engagementId}/payments`, {
    token: parties.company.token,
    json: { amount, currency, description },
  });
  expect(response.status).toBe(201);
  const payment = await json(response);
  if (pay) {
    const paid = await call(`/v1/payments/${payment.id}/confirm`, {
      token: parties.company.token,
      json: { payment_method: 'pm_card_visa' },
    });
    expect(paid.status).toBe(200);
  }
  made[description] = payment.id;
}

beforeAll(async () => {
  // Accepting bills the first period: each engagement starts with one payment of its own.
  mine = await activeEngagement(['CTAX']);
  theirs = await activeEngagement(['CTAX']);
  // That payment is written by the acceptance's event handler, a moment later: wait for it.
  for (const parties of [mine, theirs])
    await waitFor(
      async () => (await json(await call('/v1/payments', { token: parties.company.token }))).data.length,
    );
  await bill(mine, 'Retainer March', 5000, 'eur', true);
  await bill(mine, 'retainer april', 5000, 'usd');
  await bill(mine, 'Workshop 100% on site', 12000, 'eur', true);
  await bill(mine, 'Travel', 700, 'eur');
  await bill(theirs, 'Retainer March secret', 5000);
});

const payments = (query: string, token = mine.company.token) => walk(`/v1/payments?${query}`, token);

describe('GET /v1/payments?q=', () => {
  it("finds by description and by the engagement's title, never another company's payment", async () => {
    expect(ids(await payments('q=retainer&sort=amount')).sort()).toEqual(
      [made['Retainer March'], made['retainer april']].sort(),
    );
    const all = await payments('');
    expect(all).toHaveLength(5);
    // Both engagements are titled "Tender desk": the other company's stays out.
    expect(ids(await payments('q=tender%20desk')).sort()).toEqual(ids(all).sort());
    expect(ids(await payments('q=100%25'))).toEqual([made['Workshop 100% on site']]);
    expect(ids(await payments('q=retainer', mine.expert.token)).sort()).toEqual(
      [made['Retainer March'], made['retainer april']].sort(),
    );
  });
});

describe('GET /v1/payments?sort=', () => {
  it('walks every page in the chosen order, ties broken by id', async () => {
    const all = await payments('');
    for (const sort of ['amount', '-amount'])
      expect(ids(await payments(`sort=${sort}`)), sort).toEqual(
        expectedOrder(all, sort, (p) => Number(p.amount)),
      );
    for (const sort of ['status', '-status'])
      expect(ids(await payments(`sort=${sort}`)), sort).toEqual(
        expectedOrder(all, sort, (p) => String(p.status)),
      );
    for (const sort of ['paid_at', '-paid_at'])
      expect(ids(await walk(`/v1/payments?sort=${sort}`, mine.company.token, 1)), sort).toEqual(
        expectedOrder(all, sort, (p) => (p.paid_at as string | null) ?? ''),
      );
  });
});

describe('GET /v1/payments filters', () => {
  it('combines status, currency, engagement and search', async () => {
    expect(ids(await payments('status=paid&currency=EUR&sort=-amount'))).toEqual([
      made['Workshop 100% on site'],
      made['Retainer March'],
    ]);
    expect(ids(await payments('currency=usd'))).toEqual([made['retainer april']]);
    expect(ids(await payments(`engagement_id=${mine.engagementId}&status=pending,failed&q=travel`))).toEqual([
      made.Travel,
    ]);
  });

  it('answers 422 naming the parameter, and refuses a cursor read with another sort', async () => {
    const get = (query: string) => call(`/v1/payments?${query}`, { token: mine.company.token });
    await expectInvalid(await get('currency=euro'), 'currency');
    await expectInvalid(await get('status=paid,lost'), 'status');
    await expectInvalid(await get('sort=-description'), 'sort');
    const first = await json(await get('sort=amount&limit=2'));
    await expectInvalid(await get(`sort=-amount&limit=2&cursor=${first.next_cursor}`), 'cursor');
  });
});
