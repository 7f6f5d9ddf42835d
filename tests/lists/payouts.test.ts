// GET /v1/payouts: search (id, week, transfer, the expert), sort and filters over cursor pages.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { type Payout, payouts } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { type Account, call, createAdmin, json, signupExpert } from '../helpers';
import { expectedOrder, expectInvalid, ids, walk } from './walk';

const db = createDb(env.DB);
let zelda: Account;
let yusuf: Account;
let admin: Account;
const made: Record<string, string> = {};

async function payout(expert: Account, key: string, values: Partial<Payout>) {
  const id = newId('payout');
  await db.insert(payouts).values({
    id,
    expertId: expert.expertId ?? '',
    currency: 'eur',
    week: '2026-W01',
    amount: 1000,
    status: 'pending',
    ...values,
  });
  made[key] = id;
}

beforeAll(async () => {
  zelda = await signupExpert({ name: 'Zelda Quartermain' });
  yusuf = await signupExpert({ name: 'Yusuf Okonkwo' });
  admin = await createAdmin();
  await payout(zelda, 'w1', {
    week: '2026-W01',
    amount: 8000,
    status: 'completed',
    transferId: 'tr_alpha123',
  });
  await payout(zelda, 'w2', {
    week: '2026-W02',
    amount: 8000,
    status: 'completed',
    transferId: 'tr_beta456',
  });
  await payout(zelda, 'w2usd', { week: '2026-W02', currency: 'usd', amount: 3000, status: 'failed' });
  await payout(zelda, 'w3', { week: '2026-W03', amount: 500, status: 'skipped' });
  await payout(zelda, 'w4', { week: '2026-W04', amount: 8000 });
  await payout(yusuf, 'yusuf', { week: '2026-W02', amount: 9000, transferId: 'tr_alpha999' });
});

const mine = (query: string) => walk(`/v1/payouts?${query}`, zelda.token);

describe('GET /v1/payouts?q=', () => {
  it("finds by week and transfer id, never another expert's payout", async () => {
    expect(ids(await mine('q=2026-w02&sort=amount'))).toEqual([made.w2usd, made.w2]);
    expect(ids(await mine('q=tr_alpha'))).toEqual([made.w1]);
    expect(ids(await walk('/v1/payouts?q=tr_alpha', yusuf.token))).toEqual([made.yusuf]);
  });

  it("lets an admin find an expert's payouts by the expert's name", async () => {
    expect(ids(await walk('/v1/payouts?q=quartermain', admin.token)).sort()).toEqual(
      [made.w1, made.w2, made.w2usd, made.w3, made.w4].sort(),
    );
    expect(ids(await walk('/v1/payouts?q=okonkwo%202026-w02', admin.token))).toEqual([made.yusuf]);
  });
});

describe('GET /v1/payouts?sort=', () => {
  it('walks every page in the chosen order, ties broken by id', async () => {
    const all = await mine('');
    expect(all).toHaveLength(5);
    for (const sort of ['amount', '-amount'])
      expect(ids(await walk(`/v1/payouts?sort=${sort}`, zelda.token, 1)), sort).toEqual(
        expectedOrder(all, sort, (p) => Number(p.amount)),
      );
    for (const sort of ['week', '-week', 'status', '-status'])
      expect(ids(await mine(`sort=${sort}`)), sort).toEqual(
        expectedOrder(all, sort, (p) => String(p[sort.replace('-', '')])),
      );
  });
});

describe('GET /v1/payouts filters', () => {
  it('combines statuses, currency, week and search', async () => {
    expect(ids(await mine('status=completed,pending&sort=week'))).toEqual([made.w1, made.w2, made.w4]);
    expect(ids(await mine('currency=usd'))).toEqual([made.w2usd]);
    expect(ids(await mine('week=2026-W02&currency=eur'))).toEqual([made.w2]);
    expect(await mine('status=failed&q=2026-w01')).toEqual([]);
  });

  it('answers 422 naming the parameter, and refuses a cursor read with another sort', async () => {
    const get = (query: string) => call(`/v1/payouts?${query}`, { token: zelda.token });
    await expectInvalid(await get('status=done'), 'status');
    await expectInvalid(await get('currency=12'), 'currency');
    await expectInvalid(await get('sort=expert'), 'sort');
    const first = await json(await get('sort=week&limit=2'));
    await expectInvalid(await get(`sort=-week&limit=2&cursor=${first.next_cursor}`), 'cursor');
  });
});
