import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { RETAINED_EVENTS } from '../../durable-objects/engagement-room';
import { type RoomMessage, SESSION_EXPIRED_CLOSE } from '../../durable-objects/room-protocol';
import { newId } from '../../src/lib/ids';
import {
  type Account,
  call,
  createAdmin,
  expectProblem,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';

interface Client {
  ws: WebSocket;
  messages: RoomMessage[];
  raw: string[];
  waitFor(predicate: (m: RoomMessage) => boolean, timeoutMs?: number): Promise<RoomMessage>;
  close(): void;
}

async function join(account: Account, engagementId: string, query = ''): Promise<Client> {
  const response = await call(`/v1/engagements/${engagementId}/room${query}`, {
    token: account.token,
    headers: { Upgrade: 'websocket' },
  });
  expect(response.status).toBe(101);
  const ws = response.webSocket;
  if (!ws) throw new Error('no socket');
  ws.accept();
  const messages: RoomMessage[] = [];
  const raw: string[] = [];
  ws.addEventListener('message', (event) => {
    raw.push(String(event.data));
    const parsed = JSON.parse(String(event.data));
    if (typeof parsed.seq === 'number') messages.push(parsed);
  });
  return {
    ws,
    messages,
    raw,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no matching message; got ${JSON.stringify(messages.map((m) => m.type))}`);
    },
    close: () => ws.close(1000, 'done'),
  };
}

const roomOf = (engagementId: string) =>
  env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(engagementId));

async function publish(engagementId: string, type: string, data: Record<string, unknown> = {}) {
  return roomOf(engagementId).publish(engagementId, {
    id: newId('event'),
    type,
    data,
    at: new Date().toISOString(),
  });
}

async function parties() {
  const company = await signupCompany();
  const expert = await signupExpert();
  const engagement = await requestEngagement(company, expert.expertId ?? '');
  return { company, expert, engagement };
}

describe('joining a room', () => {
  it("refuses outsiders before the upgrade: 401 without a token, 404 for another tenant's engagement", async () => {
    const { engagement } = await parties();
    const stranger = await signupCompany();
    const otherExpert = await signupExpert();
    await expectProblem(
      await call(`/v1/engagements/${engagement.id}/room`, { headers: { Upgrade: 'websocket' } }),
      401,
    );
    for (const outsider of [stranger, otherExpert]) {
      const response = await call(`/v1/engagements/${engagement.id}/room`, {
        token: outsider.token,
        headers: { Upgrade: 'websocket' },
      });
      expect(response.webSocket).toBeNull();
      await expectProblem(response, 404);
    }
  });

  it('answers a plain GET with 426 Upgrade Required', async () => {
    const { company, engagement } = await parties();
    await expectProblem(await call(`/v1/engagements/${engagement.id}/room`, { token: company.token }), 426);
  });

  it('accepts the token in the query string, as browsers need', async () => {
    const { company, engagement } = await parties();
    const response = await call(`/v1/engagements/${engagement.id}/room?token=${company.token}`, {
      headers: { Upgrade: 'websocket' },
    });
    expect(response.status).toBe(101);
    response.webSocket?.accept();
    response.webSocket?.close();
  });

  it('answers ping with pong', async () => {
    const { company, engagement } = await parties();
    const client = await join(company, engagement.id);
    client.ws.send('{"type":"ping"}');
    const deadline = Date.now() + 3000;
    while (!client.raw.includes('{"type":"pong"}') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(client.raw).toContain('{"type":"pong"}');
    client.close();
  });
});

describe('live events', () => {
  it('pushes an accepted engagement to the company, the expert and an admin, live', async () => {
    const { company, expert, engagement } = await parties();
    const admin = await createAdmin();
    const clients = await Promise.all(
      [company, expert, admin].map((account) => join(account, engagement.id)),
    );
    const accepted = await call(`/v1/engagements/${engagement.id}/accept`, {
      method: 'POST',
      token: expert.token,
    });
    expect(accepted.status).toBe(200);
    // The event travels outbox → relay → events queue → consumer → room, as in production.
    for (const client of clients) {
      const message = await client.waitFor((m) => m.type === 'engagement.accepted');
      expect(message.data).toMatchObject({ engagement_id: engagement.id, from: 'pending', to: 'active' });
      await client.waitFor((m) => m.type === 'module.installed');
    }
    const seqs = clients[0]?.messages.map((m) => m.seq) ?? [];
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const client of clients) client.close();
  });

  it('announces presence when members join and leave', async () => {
    const { company, expert, engagement } = await parties();
    const first = await join(company, engagement.id);
    const second = await join(expert, engagement.id);
    const joined = await first.waitFor(
      (m) => m.type === 'presence.joined' && m.data.user_id === expert.userId,
    );
    expect((joined.data.members as { user_id: string }[]).map((m) => m.user_id).sort()).toEqual(
      [company.userId, expert.userId].sort(),
    );
    second.close();
    const left = await first.waitFor((m) => m.type === 'presence.left' && m.data.user_id === expert.userId);
    expect((left.data.members as { user_id: string }[]).map((m) => m.user_id)).toEqual([company.userId]);
    first.close();
  });

  it('replays exactly what a reconnecting client missed, in order, with ?since', async () => {
    const { company, engagement } = await parties();
    const client = await join(company, engagement.id);
    const seen = await publish(engagement.id, 'task.created', { n: 1 });
    await client.waitFor((m) => m.seq === seen.seq);
    client.close();

    const missed: { seq: number | null }[] = [];
    for (let n = 2; n <= 4; n++) missed.push(await publish(engagement.id, 'task.created', { n }));
    const again = await join(company, engagement.id, `?since=${seen.seq}`);
    await again.waitFor(
      (m) =>
        m.type === 'presence.joined' &&
        m.data.user_id === company.userId &&
        (m.seq ?? 0) > (missed.at(-1)?.seq ?? 0),
    );
    const replayed = again.messages.filter((m) => m.type === 'task.created');
    expect(replayed.map((m) => m.data.n)).toEqual([2, 3, 4]);
    expect(replayed.map((m) => m.seq)).toEqual(missed.map((m) => m.seq));
    // Presence changes in between (the first client leaving) are replayed too, nothing at or before `since`.
    expect(again.messages.every((m) => m.seq > (seen.seq ?? 0))).toBe(true);
    again.close();
  });

  it('stores and pushes an event delivered twice only once', async () => {
    const { company, engagement } = await parties();
    const client = await join(company, engagement.id);
    const event = {
      id: newId('event'),
      type: 'task.completed',
      data: { task_id: 'tsk_1' },
      at: new Date().toISOString(),
    };
    const first = await roomOf(engagement.id).publish(engagement.id, event);
    const second = await roomOf(engagement.id).publish(engagement.id, event);
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ seq: null, duplicate: true });
    await client.waitFor((m) => m.type === 'task.completed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.messages.filter((m) => m.type === 'task.completed')).toHaveLength(1);
    client.close();
  });
});

describe('room storage', () => {
  it('keeps its engagement id and events in storage, so it survives the object being evicted', async () => {
    const engagementId = `eng_${newId('event').slice(4)}`;
    const published = await publish(engagementId, 'task.created', { n: 1 });
    // Every Durable Object instance is thrown away (storage kept), as when the runtime evicts an idle room.
    await abortAllDurableObjects();
    const stub = roomOf(engagementId);
    expect(await stub.engagementId()).toBe(engagementId);
    const history: RoomMessage[] = await stub.history(0);
    expect(history.map((m) => ({ seq: m.seq, type: m.type, n: m.data.n }))).toEqual([
      { seq: published.seq, type: 'task.created', n: 1 },
    ]);
    // Numbering goes on where it left off: no seq is handed out twice.
    const next = await publish(engagementId, 'task.created', { n: 2 });
    expect(next.seq).toBe((published.seq ?? 0) + 1);
  });

  it(`replays at most the last ${RETAINED_EVENTS} events, telling a client further behind of the gap first`, async () => {
    const { company, engagement } = await parties();
    // The engagement's own event is relayed after the request: let it land first, so no event arrives
    // between reading the room's tail and joining.
    await waitFor(async () => {
      const early: RoomMessage[] = await roomOf(engagement.id).history(0);
      return early.some((m) => m.type === 'engagement.requested');
    }, 5_000);
    await runInDurableObject(roomOf(engagement.id), async (instance) => {
      for (let i = 0; i < RETAINED_EVENTS + 10; i++)
        await instance.publish(engagement.id, {
          id: `evt_gap_${i}`,
          type: 'task.created',
          data: { i },
          at: '',
        });
    });
    const kept: RoomMessage[] = await roomOf(engagement.id).history(0);
    expect(kept).toHaveLength(RETAINED_EVENTS);
    const newest = kept.at(-1)?.seq ?? 0;
    const behind = await join(company, engagement.id, '?since=0');
    await behind.waitFor((m) => m.type === 'presence.joined' && m.data.user_id === company.userId);
    const gap = JSON.parse(behind.raw[0] ?? '{}');
    expect(gap).toEqual({ type: 'gap', since: 0, oldest_seq: newest - RETAINED_EVENTS + 1 });
    const replayed = behind.messages.filter((m) => m.seq <= newest);
    expect(replayed.map((m) => m.seq)).toEqual(kept.map((m) => m.seq));
    expect(replayed.at(-1)?.data.i).toBe(RETAINED_EVENTS + 9);
    behind.close();

    // A client only a little behind gets its events, and no gap.
    const last = newest;
    const close = await join(company, engagement.id, `?since=${last - 3}`);
    await close.waitFor((m) => m.type === 'presence.joined' && (m.seq ?? 0) > last);
    expect(close.raw.some((r) => r.includes('"gap"'))).toBe(false);
    expect(close.messages.filter((m) => m.type === 'task.created').map((m) => m.data.i)).toEqual([
      RETAINED_EVENTS + 7,
      RETAINED_EVENTS + 8,
      RETAINED_EVENTS + 9,
    ]);
    close.close();
  });

  it('closes a socket when its session token expires, with the code that means "sign in again"', async () => {
    const { company, engagement } = await parties();
    const client = await join(company, engagement.id);
    const closed = new Promise<number>((resolve) =>
      client.ws.addEventListener('close', (event) => resolve(event.code)),
    );
    const stub = roomOf(engagement.id);
    // The token of a session signed in now expires in an hour: the room's alarm is set for then.
    const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(alarm).toBeLessThanOrEqual(Date.now() + 61 * 60_000);
    // Pretend that hour has passed: the socket's expiry is moved into the past and the alarm runs.
    await runInDurableObject(stub, (_, state) => {
      for (const ws of state.getWebSockets())
        ws.serializeAttachment({ ...(ws.deserializeAttachment() as object), expiresAt: Date.now() - 1 });
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await closed).toBe(SESSION_EXPIRED_CLOSE);
  });

  it(`prunes all but the last ${RETAINED_EVENTS} events in its alarm`, async () => {
    const engagementId = `eng_${newId('event').slice(4)}`;
    const stub = roomOf(engagementId);
    await runInDurableObject(stub, async (instance) => {
      for (let i = 0; i < RETAINED_EVENTS + 5; i++) {
        await instance.publish(engagementId, {
          id: `evt_${i}`,
          type: 'task.created',
          data: { i },
          at: new Date().toISOString(),
        });
      }
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const history: RoomMessage[] = await stub.history(0);
    expect(history).toHaveLength(RETAINED_EVENTS);
    expect(history[0]?.data.i).toBe(5);
  });
});
