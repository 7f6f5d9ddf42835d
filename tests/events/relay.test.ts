import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoomMessage } from '../../durable-objects/room-protocol';
import { processEventBatch } from '../../queues/events';
import { createDb } from '../../src/db/client';
import { events } from '../../src/db/schema';
import type { EventHandler, HandlerRegistry } from '../../src/events/dispatch';
import type { EventMessage } from '../../src/events/message';
import { relayOnce, relayPending } from '../../src/events/relay';
import worker from '../../src/index';
import { BreakerOpenError } from '../../src/lib/breaker';
import { newId } from '../../src/lib/ids';
import { call, createAdmin, json, requestEngagement, signupCompany, signupExpert } from '../helpers';

const db = createDb(env.DB);

async function writeRow(id: string, type: string, data: Record<string, unknown>) {
  await db.insert(events).values({ id, type, data, createdAt: new Date().toISOString() });
}

async function writeEvents(count: number, type = 'test.happened') {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId('event');
    // Rows as the relay finds them; a type outside the catalog, so no real handler reacts.
    await writeRow(id, type, { n: i });
    ids.push(id);
  }
  return ids;
}

async function unrelayedIds(ids: string[]) {
  const rows = await db.select().from(events);
  return rows.filter((row) => ids.includes(row.id) && row.relayedAt === null).map((row) => row.id);
}

function messageFor(id: string, type = 'test.happened', attempts = 1) {
  const body: EventMessage = {
    id,
    type,
    seq: null,
    engagement_id: null,
    org_id: null,
    data: {},
    created_at: new Date().toISOString(),
  };
  return { id: `msg-${id}-${attempts}`, timestamp: new Date(), attempts, body };
}

/** Runs the consumer on a batch; returns acks and retries with the delay each retry asked for. */
async function consume(messages: ReturnType<typeof messageFor>[], registry: HandlerRegistry) {
  const batch = createMessageBatch<EventMessage>('engage-events', messages);
  const ctx = createExecutionContext();
  // The test harness records that a message was retried but not the delay: watch retry() for that.
  const delays = new Map<string, number | undefined>();
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    vi.spyOn(message, 'retry').mockImplementation((options) => {
      delays.set(message.id, options?.delaySeconds);
      retry(options);
    });
  }
  await processEventBatch(env, batch, registry);
  const result = await getQueueResult(batch, ctx);
  return {
    explicitAcks: result.explicitAcks,
    retryMessages: result.retryMessages.map(({ msgId }: { msgId: string }) => ({
      msgId,
      delaySeconds: delays.get(msgId),
    })),
  };
}

function countingHandler(name = 'counter') {
  const seen: string[] = [];
  const handler: EventHandler = {
    name,
    async run(_env, event) {
      seen.push(event.id);
    },
  };
  return { handler, seen };
}

afterEach(() => vi.restoreAllMocks());

describe('outbox relay', () => {
  it('puts every unrelayed event on the events queue once, in order, and marks it', async () => {
    const ids = await writeEvents(3);
    const sendBatch = vi.spyOn(env.EVENTS_QUEUE, 'sendBatch');
    await relayPending(env);
    const sent = sendBatch.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => (m.body as EventMessage).id),
    );
    expect(sent.filter((id) => ids.includes(id))).toEqual(ids);
    expect(await unrelayedIds(ids)).toEqual([]);

    sendBatch.mockClear();
    await relayPending(env);
    const again = sendBatch.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => (m.body as EventMessage).id),
    );
    expect(again.filter((id) => ids.includes(id))).toEqual([]);
  });

  it('does not send the same event twice when two relays run at once', async () => {
    const ids = await writeEvents(5);
    const sendBatch = vi.spyOn(env.EVENTS_QUEUE, 'sendBatch');
    await Promise.all([relayOnce(env), relayOnce(env), relayOnce(env)]);
    const sent = sendBatch.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => (m.body as EventMessage).id),
    );
    expect(sent.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  it('sends again an event whose relay died after claiming it, once the lease has lapsed', async () => {
    const [id] = await writeEvents(1);
    await env.DB.prepare("UPDATE events SET relay_lease_until = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(id)
      .run();
    const sendBatch = vi.spyOn(env.EVENTS_QUEUE, 'sendBatch');
    await relayOnce(env);
    const sent = sendBatch.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => (m.body as EventMessage).id),
    );
    expect(sent).toContain(id);
  });

  it('leaves a freshly claimed event to the relay that holds the lease', async () => {
    const [id] = await writeEvents(1);
    const future = new Date(Date.now() + 60_000).toISOString();
    await env.DB.prepare('UPDATE events SET relay_lease_until = ? WHERE id = ?').bind(future, id).run();
    const sendBatch = vi.spyOn(env.EVENTS_QUEUE, 'sendBatch');
    await relayOnce(env);
    const sent = sendBatch.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => (m.body as EventMessage).id),
    );
    expect(sent).not.toContain(id);
  });
});

describe('events consumer', () => {
  it('runs each handler once per event even when the message is delivered twice', async () => {
    const { handler, seen } = countingHandler();
    const id = 'evt_DUPLICATEDELIVERY00000001';
    const first = await consume([messageFor(id)], { 'test.happened': [handler] });
    const second = await consume([messageFor(id, 'test.happened', 2)], { 'test.happened': [handler] });
    expect(seen).toEqual([id]);
    expect(first.explicitAcks).toHaveLength(1);
    expect(second.explicitAcks).toHaveLength(1);
  });

  it('retries a failing handler with growing backoff, and does not rerun handlers that succeeded', async () => {
    const { handler: ok, seen } = countingHandler('ok');
    let calls = 0;
    const flaky: EventHandler = {
      name: 'flaky',
      async run() {
        calls++;
        if (calls < 3) throw new Error('downstream unavailable');
      },
    };
    const registry = { 'test.happened': [ok, flaky] };
    const id = 'evt_FLAKYHANDLER0000000000001';
    const first = await consume([messageFor(id, 'test.happened', 1)], registry);
    expect(first.retryMessages).toEqual([{ msgId: `msg-${id}-1`, delaySeconds: 10 }]);
    const second = await consume([messageFor(id, 'test.happened', 2)], registry);
    expect(second.retryMessages).toEqual([{ msgId: `msg-${id}-2`, delaySeconds: 20 }]);
    const third = await consume([messageFor(id, 'test.happened', 3)], registry);
    expect(third.explicitAcks).toEqual([`msg-${id}-3`]);
    expect(seen).toEqual([id]);
    expect(calls).toBe(3);
  });

  it('waits for an open circuit instead of hammering the dependency', async () => {
    const broken: EventHandler = {
      name: 'needs-resend',
      async run() {
        throw new BreakerOpenError('resend', 42);
      },
    };
    const id = 'evt_BREAKEROPEN00000000000001';
    const result = await consume([messageFor(id)], { 'test.happened': [broken] });
    expect(result.retryMessages).toEqual([{ msgId: `msg-${id}-1`, delaySeconds: 42 }]);
  });

  it('acks a message that is not an event instead of retrying it forever', async () => {
    const batch = createMessageBatch('engage-events', [
      { id: 'poison', timestamp: new Date(), attempts: 1, body: 'nope' },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env); // read by the registry's dispatch, before any handler
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['poison']);
  });
});

describe('dead letters of the events queue', () => {
  it('delivers a redriven event to its handlers: it reaches the engagement room', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '');
    // An event whose handlers failed until the queue gave up on it: it sits in the dead-letter queue.
    const body: EventMessage = {
      id: newId('event'),
      type: 'task.completed',
      seq: null,
      engagement_id: engagement.id,
      org_id: company.orgId,
      data: { task_id: 'tsk_redriven' },
      created_at: new Date().toISOString(),
    };
    await worker.queue(
      createMessageBatch('engage-events-dlq', [{ id: 'dead-1', timestamp: new Date(), attempts: 9, body }]),
      env,
    );
    const admin = await createAdmin();
    const letters = await json(
      await call('/v1/admin/dead-letters?queue=engage-events', { token: admin.token }),
    );
    const letter = letters.data.find((l: { message_id: string }) => l.message_id === 'dead-1');
    expect(
      (await call(`/v1/admin/dead-letters/${letter.id}/redrive`, { method: 'POST', token: admin.token }))
        .status,
    ).toBe(200);

    // The redriven message travels the real events queue to the real consumer and into the room.
    const room = env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(engagement.id));
    const deadline = Date.now() + 5000;
    let types: string[] = [];
    while (Date.now() < deadline) {
      const history: RoomMessage[] = await room.history(0);
      types = history.map((m) => m.type);
      if (types.includes('task.completed')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(types).toContain('task.completed');
  });
});

describe('relay batch sizes', () => {
  it('splits large events across several queue batches instead of failing on the 256 KB limit', async () => {
    const big = 'x'.repeat(6000);
    const ids: string[] = [];
    // Watched from the start: a relay an earlier request left running may pick up some of these events.
    const sendBatch = vi.spyOn(env.EVENTS_QUEUE, 'sendBatch');
    // 60 × 6 KB is well over one batch's 256 KB.
    for (let i = 0; i < 60; i++) {
      const id = newId('event');
      await writeRow(id, 'test.happened', { notes: big });
      ids.push(id);
    }
    await relayPending(env);
    const batches = sendBatch.mock.calls.map(([messages]) => [...messages]);
    for (const batch of batches) expect(JSON.stringify(batch).length).toBeLessThan(256 * 1024);
    const sent = batches.flat().map((m) => (m.body as EventMessage).id);
    expect(sent.filter((id) => ids.includes(id))).toEqual(ids);
  });

  it('relays an event too large for one queue message with its data replaced by a note, and goes on', async () => {
    const huge = newId('event');
    await writeRow(huge, 'test.happened', { notes: 'ü'.repeat(150_000) });
    const after = await writeEvents(2);
    const sendBatch = vi.spyOn(env.EVENTS_QUEUE, 'sendBatch');
    await relayPending(env); // the real queue refuses a message over 128 KB: this would throw without the guard
    const sent = sendBatch.mock.calls.flatMap(([messages]) =>
      [...messages].map((m) => m.body as EventMessage),
    );
    expect(sent.find((m) => m.id === huge)?.data).toEqual({ truncated: true, original_size: 150_012 });
    expect(sent.map((m) => m.id)).toEqual(expect.arrayContaining(after));
    expect(await unrelayedIds([huge, ...after])).toEqual([]);
  });
});

describe('event order within an engagement', () => {
  it('holds back an engagement’s later events when an earlier one fails, and lets other engagements through', async () => {
    const seen: string[] = [];
    const failFirst: EventHandler = {
      name: 'order',
      async run(_env, event) {
        if (event.data.n === 1) throw new Error('room unavailable');
        seen.push(event.id);
      },
    };
    const message = (id: string, engagement: string, n: number) => ({
      id: `m-${id}`,
      timestamp: new Date(),
      attempts: 1,
      body: {
        id,
        type: 'task.started',
        engagement_id: engagement,
        org_id: null,
        data: { n },
        created_at: new Date().toISOString(),
      },
    });
    const batch = createMessageBatch<EventMessage>('engage-events', [
      message('evt_ORDERA000000000000000001', 'eng_A', 1),
      message('evt_ORDERA000000000000000002', 'eng_A', 2),
      message('evt_ORDERB000000000000000001', 'eng_B', 3),
    ]);
    const ctx = createExecutionContext();
    await processEventBatch(env, batch, { 'task.started': [failFirst] });
    const result = await getQueueResult(batch, ctx);
    expect(seen).toEqual(['evt_ORDERB000000000000000001']);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId).sort()).toEqual([
      'm-evt_ORDERA000000000000000001',
      'm-evt_ORDERA000000000000000002',
    ]);
  });
});

describe('handlers that take a batch', () => {
  const message = (id: string, n: number) => ({
    id: `m-${id}`,
    timestamp: new Date(),
    attempts: 1,
    body: {
      id,
      type: 'task.started',
      engagement_id: 'eng_BATCH',
      org_id: null,
      data: { n },
      created_at: new Date().toISOString(),
    },
  });
  const ids = [
    'evt_BATCHA000000000000000001',
    'evt_BATCHA000000000000000002',
    'evt_BATCHA000000000000000003',
  ];

  it('get one call with an engagement’s events in order, while other handlers still run per event', async () => {
    const calls: string[][] = [];
    const batchHandler: EventHandler = {
      name: 'batcher',
      deduplicatesByEventId: true,
      async run() {
        throw new Error('run must not be used when runMany exists');
      },
      async runMany(_env, events) {
        calls.push(events.map((e) => e.id));
      },
    };
    const { handler: single, seen } = countingHandler('single');
    const batch = createMessageBatch<EventMessage>(
      'engage-events',
      ids.map((id, n) => message(id, n)),
    );
    const ctx = createExecutionContext();
    await processEventBatch(env, batch, { '*': [batchHandler], 'task.started': [single] });
    expect(calls).toEqual([ids]);
    expect(seen).toEqual(ids);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(3);
  });

  it('retry the whole group when the batch call fails', async () => {
    const failing: EventHandler = {
      name: 'batcher',
      deduplicatesByEventId: true,
      async run() {},
      async runMany() {
        throw new Error('room unavailable');
      },
    };
    const batch = createMessageBatch<EventMessage>(
      'engage-events',
      ids.map((id, n) => message(id, n)),
    );
    const ctx = createExecutionContext();
    await processEventBatch(env, batch, { '*': [failing] });
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toHaveLength(3);
    expect(result.explicitAcks).toEqual([]);
  });
});
