// The notification centre: events that concern someone become one notification per person (however often the
// event is handled), each person sees and marks only their own, the summary counts the badges, the user's
// room pushes them live, and bad requests are problem+json.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { RoomMessage } from '../../durable-objects/room-protocol';
import { createDb } from '../../src/db/client';
import { events, users } from '../../src/db/schema';
import { dispatchEvent } from '../../src/events/dispatch';
import { toEventMessage } from '../../src/events/message';
import { eventHandlers } from '../../src/events/registry';
import { relayPending } from '../../src/events/relay';
import { hashPassword } from '../../src/lib/crypto';
import { newId } from '../../src/lib/ids';
import { issueToken } from '../../src/modules/auth/tokens';
import { notifyConcerned } from '../../src/modules/notifications/handlers';
import { processTask } from '../../src/modules/tasks/process';
import {
  type Account,
  call,
  createAdmin,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';
import { activeEngagement, INCONSISTENT_INVOICE, insertTask, type Parties } from '../tasks/fixtures';

const db = createDb(env.DB);

interface Notification {
  id: string;
  type: string;
  data: Record<string, unknown>;
  link: string;
  event_id: string;
  read_at: string | null;
}

async function notificationsOf(account: Account, query = '') {
  const response = await call(`/v1/notifications${query}`, { token: account.token });
  expect(response.status).toBe(200);
  return (await json(response)) as { data: Notification[]; next_cursor: string | null; unread_count: number };
}

/** Waits for the account's notification of `type` (the events queue makes it a moment after the change). */
function notificationOf(account: Account, type: string, match: (n: Notification) => boolean = () => true) {
  return waitFor(async () =>
    (await notificationsOf(account, '?limit=100')).data.find((n) => n.type === type && match(n)),
  );
}

async function summaryOf(account: Account) {
  return json(await call('/v1/notifications/summary', { token: account.token }));
}

const read = (account: Account, body: unknown) =>
  call('/v1/notifications/read', { token: account.token, json: body });

/** One more member of the company, signed in. */
async function secondMember(company: Account): Promise<Account> {
  const id = newId('user');
  const email = `member-${id}@example.test`;
  await db.insert(users).values({
    id,
    email,
    name: 'Max Member',
    role: 'company',
    orgId: company.orgId,
    passwordHash: await hashPassword('member-password-123'),
  });
  const token = await issueToken(env.JWT_SECRET, {
    id,
    role: 'company',
    orgId: company.orgId,
    expertId: null,
  });
  return { token, userId: id, orgId: company.orgId, expertId: null, email };
}

/** A task of the engagement processed to needs_review, its events relayed to the handlers. */
async function taskNeedingReview(parties: Parties, title = 'Odd invoice') {
  const task = await insertTask(parties, { title, input: { text: INCONSISTENT_INVOICE } });
  expect(await processTask(env, task.id)).toBe('needs_review');
  await relayPending(env);
  return task;
}

async function eventOf(type: string, engagementId: string) {
  const row = await db.query.events.findFirst({
    where: and(eq(events.type, type), eq(events.engagementId, engagementId)),
  });
  if (!row) throw new Error(`no ${type} event`);
  return toEventMessage(row);
}

describe('notifications from events', () => {
  it('tells the expert of a request, once, however often the event is handled', async () => {
    const company = await signupCompany('Requesting GmbH');
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '', { title: 'Tender desk 2027' });
    const first = await notificationOf(expert, 'engagement_requested');
    expect(first).toMatchObject({
      link: `/engagements/${engagement.id}`,
      data: {
        engagement_id: engagement.id,
        engagement_title: 'Tender desk 2027',
        company_name: 'Requesting GmbH',
      },
      read_at: null,
    });

    // Redelivered (at least once), also concurrently, and through the whole dispatch: still one.
    const event = await eventOf('engagement.requested', engagement.id);
    expect(first.event_id).toBe(event.id);
    await Promise.all([notifyConcerned.run(env, event), notifyConcerned.run(env, event)]);
    await dispatchEvent(env, event, eventHandlers);
    const page = await notificationsOf(expert);
    expect(page.data.filter((n) => n.event_id === event.id)).toHaveLength(1);
    expect(page.unread_count).toBe(1);
    // The company that asked is told nothing.
    expect((await notificationsOf(company)).data).toEqual([]);
  });

  it('tells every member of the company that the expert accepted, and not the expert', async () => {
    const company = await signupCompany();
    const colleague = await secondMember(company);
    const expert = await signupExpert({ name: 'Ben Okafor' });
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    expect(
      (await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token })).status,
    ).toBe(200);
    for (const member of [company, colleague]) {
      const accepted = await notificationOf(member, 'engagement_accepted');
      expect(accepted.data).toMatchObject({ engagement_id: engagement.id, expert_name: 'Ben Okafor' });
    }
    await notificationOf(expert, 'engagement_requested');
    expect((await notificationsOf(expert)).data.map((n) => n.type)).toEqual(['engagement_requested']);
  });

  it('tells the engaged expert of a task to review, linking to its review', async () => {
    const parties = await activeEngagement();
    const task = await taskNeedingReview(parties, 'March invoice');
    const notice = await notificationOf(parties.expert, 'task_needs_review');
    expect(notice).toMatchObject({
      link: `/reviews/${task.id}`,
      data: { task_id: task.id, task_title: 'March invoice', engagement_id: parties.engagementId },
    });
    expect(typeof notice.data.confidence).toBe('number');
    const again = await eventOf('task.needs_review', parties.engagementId);
    await notifyConcerned.run(env, again);
    const all = (await notificationsOf(parties.expert, '?limit=100')).data;
    expect(all.filter((n) => n.type === 'task_needs_review')).toHaveLength(1);
    expect((await notificationsOf(parties.company)).data.some((n) => n.type === 'task_needs_review')).toBe(
      false,
    );
  });

  it("tells the company's members of a failed payment, and the expert of a payout sent", async () => {
    const parties = await activeEngagement(['CTAX']);
    const created = await json(
      await call(`/v1/engagements/${parties.engagementId}/payments`, {
        token: parties.company.token,
        json: { amount: 5_000, currency: 'eur', description: 'Retainer' },
      }),
    );
    await call(`/v1/payments/${created.id}/confirm`, {
      token: parties.company.token,
      json: { payment_method: 'pm_card_chargeDeclined' },
    });
    const failed = await notificationOf(parties.company, 'payment_failed');
    expect(failed).toMatchObject({
      link: '/payments',
      data: { payment_id: created.id, amount: 5_000, currency: 'eur', purpose: 'engagement' },
    });
    expect(failed.data.reason).toContain('declined');

    const payoutId = newId('payout');
    const event = {
      id: newId('event'),
      type: 'payout.completed',
      seq: null,
      engagement_id: null,
      org_id: null,
      data: {
        payout_id: payoutId,
        expert_id: parties.expert.expertId,
        week: '2026-W47',
        currency: 'eur',
        amount: 4_000,
      },
      created_at: new Date().toISOString(),
    };
    await notifyConcerned.run(env, event);
    await notifyConcerned.run(env, event);
    const sent = (await notificationsOf(parties.expert)).data.filter((n) => n.type === 'payout_sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      link: `/payouts/${payoutId}`,
      data: { payout_id: payoutId, week: '2026-W47', amount: 4_000, currency: 'eur' },
    });
  });
});

describe('reading notifications', () => {
  it('counts down as they are read, by id or all at once, and lists the unread ones', async () => {
    const parties = await activeEngagement();
    const { expert } = parties;
    for (const title of ['One', 'Two', 'Three']) {
      await taskNeedingReview(parties, title);
      await notificationOf(expert, 'task_needs_review', (n) => n.data.task_title === title);
    }
    const all = await waitFor(async () => {
      const page = await notificationsOf(expert, '?limit=100');
      return page.data.filter((n) => n.type === 'task_needs_review').length === 3 && page;
    });
    // The request to take the engagement, and three tasks: newest first, paged by cursor.
    expect(all.unread_count).toBe(4);
    expect(all.data.map((n) => n.data.task_title ?? n.type)).toEqual([
      'Three',
      'Two',
      'One',
      'engagement_requested',
    ]);
    const first = await notificationsOf(expert, '?limit=3');
    expect(first.data).toHaveLength(3);
    const rest = await notificationsOf(expert, `?limit=3&cursor=${first.next_cursor}`);
    expect(rest.data.map((n) => n.type)).toEqual(['engagement_requested']);
    expect(rest.next_cursor).toBeNull();

    const [three, two] = all.data;
    const marked = await read(expert, { ids: [three?.id, three?.id] });
    expect(await json(marked)).toEqual({ marked: 1, unread_count: 3 });
    // Read already: nothing more to mark.
    expect(await json(await read(expert, { ids: [three?.id] }))).toEqual({ marked: 0, unread_count: 3 });
    const unread = await notificationsOf(expert, '?unread=true');
    expect(unread.data.map((n) => n.id)).not.toContain(three?.id);
    expect(unread.data[0]?.id).toBe(two?.id);
    expect((await notificationsOf(expert)).data[0]?.read_at).toEqual(expect.any(String));
    expect((await summaryOf(expert)).unread).toBe(3);

    expect(await json(await read(expert, { all: true }))).toEqual({ marked: 3, unread_count: 0 });
    expect((await notificationsOf(expert, '?unread=true')).data).toEqual([]);
    expect((await summaryOf(expert)).unread).toBe(0);
  }, 20_000);

  it("never shows or marks another user's notifications, a colleague's included", async () => {
    const company = await signupCompany();
    const colleague = await secondMember(company);
    const expert = await signupExpert();
    const other = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    const notice = await notificationOf(expert, 'engagement_requested');
    await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
    const mine = await notificationOf(company, 'engagement_accepted');
    const theirs = await notificationOf(colleague, 'engagement_accepted');
    expect(mine.id).not.toBe(theirs.id);

    expect((await notificationsOf(other)).data).toEqual([]);
    // Another's ids are ignored, as if they did not exist.
    expect(await json(await read(other, { ids: [notice.id] }))).toEqual({ marked: 0, unread_count: 0 });
    expect(await json(await read(company, { ids: [theirs.id, notice.id] }))).toEqual({
      marked: 0,
      unread_count: 1,
    });
    expect(await json(await read(other, { all: true }))).toEqual({ marked: 0, unread_count: 0 });
    expect((await notificationsOf(expert)).unread_count).toBe(1);
    expect((await notificationsOf(colleague)).unread_count).toBe(1);
    expect(await json(await read(company, { ids: [mine.id] }))).toEqual({ marked: 1, unread_count: 0 });
    expect((await notificationsOf(colleague)).unread_count).toBe(1);
  });
});

describe('GET /v1/notifications/summary', () => {
  it('counts the tasks waiting for review each role sees', async () => {
    const parties = await activeEngagement();
    const outsider = await signupExpert();
    const otherCompany = await signupCompany();
    const admin = await createAdmin();
    const before = (await summaryOf(admin)).review_queue;
    await taskNeedingReview(parties);
    await taskNeedingReview(parties);
    await notificationOf(parties.expert, 'task_needs_review');
    expect(await summaryOf(parties.expert)).toEqual({ unread: expect.any(Number), review_queue: 2 });
    expect((await summaryOf(parties.company)).review_queue).toBe(2);
    expect(await summaryOf(outsider)).toEqual({ unread: 0, review_queue: 0 });
    expect((await summaryOf(otherCompany)).review_queue).toBe(0);
    expect((await summaryOf(admin)).review_queue).toBeGreaterThanOrEqual(before + 2);
  });
});

describe('the user room', () => {
  it('pushes a notification the moment it is made, and tells other tabs of reads', async () => {
    const parties = await activeEngagement();
    const response = await call('/v1/notifications/room', {
      token: parties.expert.token,
      headers: { Upgrade: 'websocket' },
    });
    expect(response.status).toBe(101);
    const ws = response.webSocket;
    if (!ws) throw new Error('no socket');
    ws.accept();
    const messages: RoomMessage[] = [];
    ws.addEventListener('message', (event) => messages.push(JSON.parse(String(event.data))));

    const task = await taskNeedingReview(parties, 'Live one');
    const created = await waitFor(async () =>
      messages.find((m) => m.type === 'notification.created' && m.data.type === 'task_needs_review'),
    );
    expect(created.data).toMatchObject({ link: `/reviews/${task.id}`, data: { task_id: task.id } });
    await waitFor(async () => messages.find((m) => m.type === 'review_queue.changed'));

    await read(parties.expert, { all: true });
    const readMessage = await waitFor(async () => messages.find((m) => m.type === 'notifications.read'));
    expect(readMessage.data).toEqual({ unread: 0 });
    ws.close(1000, 'done');
  });

  it('is refused without a token (401), to API keys (403), and without an upgrade (426)', async () => {
    await expectProblem(await call('/v1/notifications/room', { headers: { Upgrade: 'websocket' } }), 401);
    const expert = await signupExpert();
    await expectProblem(await call('/v1/notifications/room', { token: expert.token }), 426);
  });
});

describe('refusals', () => {
  it('answers bad requests with problem+json', async () => {
    const expert = await signupExpert();
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ['x'], all: true }, { ids: 'ntf_x' }]) {
      const problem = await expectProblem(await read(expert, body), 422);
      expect(problem.errors?.length).toBeGreaterThan(0);
    }
    await expectProblem(
      await call('/v1/notifications/read', {
        token: expert.token,
        body: '{"ids": [',
        headers: { 'Content-Type': 'application/json' },
      }),
      400,
    );
    for (const query of ['?limit=0', '?limit=101', '?unread=maybe', '?cursor=nonsense'])
      await expectProblem(await call(`/v1/notifications${query}`, { token: expert.token }), 422);
    await expectProblem(await call('/v1/notifications'), 401);
  });

  it('is for people: an API key gets 403', async () => {
    const company = await signupCompany();
    const created = await json(
      await call('/v1/api-keys', { token: company.token, json: { name: 'machine' } }),
    );
    for (const path of ['/v1/notifications', '/v1/notifications/summary']) {
      const problem = await expectProblem(await call(path, { token: created.key }), 403);
      expect(problem.detail).toContain('API keys cannot');
    }
    await expectProblem(
      await call('/v1/notifications/read', { token: created.key, json: { all: true } }),
      403,
    );
  });
});
