// First attempts without a queue hop: the relay that runs after a response attempts the deliveries it writes
// itself, and puts only a watchdog message on the webhooks queue, which acts on a delivery only if no attempt of
// it ever started (the worker died first). Plain messages behave as before.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attemptNow, processDeliveryBatch } from '../../src/modules/webhook-endpoints/deliver';
import type { DeliveryMessage } from '../../src/modules/webhook-endpoints/fan-out';
import { enqueueDeliveries, WATCHDOG_SECONDS } from '../../src/modules/webhook-endpoints/fan-out';
import { installNetwork } from '../extractions/network';
import { requestEngagement, signupCompany, signupExpert, waitFor } from '../helpers';
import {
  addEndpoint,
  captureWebhooksQueue,
  db,
  deliveriesOf,
  deliveryOf,
  insertEvents,
  receiver,
  taskStarted,
} from './fixtures';

afterEach(() => vi.restoreAllMocks());

async function consume(bodies: DeliveryMessage[]) {
  const batch = createMessageBatch(
    'engage-webhooks',
    bodies.map((body, n) => ({
      id: `inline-${n}-${body.delivery_id}`,
      timestamp: new Date(),
      attempts: 1,
      body,
    })),
  );
  const ctx = createExecutionContext();
  await processDeliveryBatch(env, batch);
  return getQueueResult(batch, ctx);
}

describe('first attempts right after the response', () => {
  it('delivers the event of a request before any queue consumer runs; the queue holds only a watchdog', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const expert = await signupExpert();
    const received = receiver(network, 'https://inline.hooks.example.com/in');
    const endpoint = await addEndpoint(company.token, 'https://inline.hooks.example.com/in', [
      'engagement.requested',
    ]);
    const sent = captureWebhooksQueue(); // nothing reaches the webhooks consumer from here on

    await requestEngagement(company, expert.expertId ?? '');
    await waitFor(async () => received.length === 1);
    const [delivery] = await deliveriesOf(company.token, endpoint.id);
    expect(delivery).toMatchObject({ event_type: 'engagement.requested', status: 'succeeded', attempts: 1 });
    const watchdogs = sent();
    expect(watchdogs).toHaveLength(1);
    expect(watchdogs[0]?.delaySeconds).toBe(WATCHDOG_SECONDS);
    expect(watchdogs[0]?.body.unless_attempted).toBe(true);

    // The watchdog arrives later and finds the attempt made: no second one.
    const result = await consume(watchdogs.map((w) => w.body));
    expect(result.explicitAcks).toHaveLength(1);
    expect(received).toHaveLength(1);
  });

  it('lets a watchdog deliver what nobody attempted, and ignore a delivery whose attempts carry it', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const received = receiver(network, 'https://watchdog.hooks.example.com/in', (n) => (n === 1 ? 500 : 200));
    const endpoint = await addEndpoint(company.token, 'https://watchdog.hooks.example.com/in', [
      'task.started',
    ]);
    const [first, second] = await insertEvents([
      taskStarted(company.orgId ?? ''),
      taskStarted(company.orgId ?? ''),
    ]);
    if (!first || !second) throw new Error('events not stored');
    const sent = captureWebhooksQueue();
    for (const event of [first, second]) await enqueueDeliveries(env, db, event, [endpoint]);
    const firstId = (await deliveryOf(endpoint.id, first.id)).id;
    const secondId = (await deliveryOf(endpoint.id, second.id)).id;

    // The first delivery's worker died before attempting it: its watchdog attempts it (the receiver answers 500,
    // so a retry is scheduled after the schedule's 5 s).
    await consume([{ delivery_id: firstId, unless_attempted: true }]);
    expect(received.map((r) => r.id)).toEqual([first.id]);
    expect(
      sent()
        .filter((m) => m.deliveryId === firstId)
        .map((m) => m.delaySeconds),
    ).toContain(5);

    // A second watchdog for it now finds an attempt made and leaves the delivery to its retry.
    await consume([{ delivery_id: firstId, unless_attempted: true }]);
    expect(received).toHaveLength(1);
    expect(await deliveryOf(endpoint.id, first.id)).toMatchObject({ attempts: 1, status: 'pending' });

    // A plain message is worked as always, attempted before or not.
    await consume([{ delivery_id: secondId }]);
    expect(received.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(await deliveryOf(endpoint.id, second.id)).toMatchObject({ attempts: 1, status: 'succeeded' });
  });

  it('gives a slow line’s claims back to the queue, in order, once its budget is spent', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const received: string[] = [];
    network.routes.set('https://slow.hooks.example.com/in', async (request) => {
      received.push(request.headers.get('webhook-id') ?? '');
      await new Promise((resolve) => setTimeout(resolve, 150));
      return new Response('ok');
    });
    const endpoint = await addEndpoint(company.token, 'https://slow.hooks.example.com/in', ['task.started']);
    const stored = await insertEvents([1, 2, 3].map(() => taskStarted(company.orgId ?? '', 'eng_slow_line')));
    const sent = captureWebhooksQueue();
    for (const event of stored) await enqueueDeliveries(env, db, event, [endpoint]);
    const ids = await Promise.all(stored.map(async (event) => (await deliveryOf(endpoint.id, event.id)).id));
    const queuedBefore = sent().length;

    // One line of three, a budget the first answer outlasts: one attempt, two claims given back.
    await attemptNow(env, ids, { budgetMs: 50 });
    expect(received).toEqual([stored[0]?.id]);
    const [first, second, third] = await Promise.all(
      stored.map((event) => deliveryOf(endpoint.id, event.id)),
    );
    expect(first).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(second).toMatchObject({ status: 'pending', attempts: 0 });
    expect(third).toMatchObject({ status: 'pending', attempts: 0 });
    expect(
      sent()
        .slice(queuedBefore)
        .map((m) => [m.deliveryId, m.delaySeconds]),
    ).toEqual([
      [ids[1], 0],
      [ids[2], 0],
    ]);

    // The queue takes them up where the line stopped, in order.
    await consume([{ delivery_id: ids[1] ?? '' }, { delivery_id: ids[2] ?? '' }]);
    expect(received).toEqual(stored.map((event) => event.id));
  });
});
