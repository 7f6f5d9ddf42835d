// Order of outgoing webhooks: first attempts of one endpoint and engagement go out in event order, one at a
// time, however concurrently the events were recorded and however the queue splits them into batches.
import { createMessageBatch } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { relayPending } from '../../src/events/relay';
import { recordEvent } from '../../src/lib/outbox';
import { processDeliveryBatch } from '../../src/modules/webhook-endpoints/deliver';
import { enqueueDeliveries } from '../../src/modules/webhook-endpoints/fan-out';
import { installNetwork, type Network } from '../extractions/network';
import { requestEngagement, signupCompany, signupExpert, waitFor } from '../helpers';
import {
  addEndpoint,
  captureWebhooksQueue,
  db,
  deliveriesOf,
  deliveryOf,
  insertEvents,
  taskStarted,
} from './fixtures';

afterEach(() => vi.restoreAllMocks());

interface Arrival {
  id: string;
  seq: number;
  line: string | null;
  /** Other requests of the same line in flight when this one arrived. */
  overlapping: number;
}

/** Each task id's engagement, so a receiver can tell the lines apart. */
const lines = new Map<string, string | null>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A receiver that is slow to answer (so a delivery sent too early overtakes the one before it) and records
 * each request with how many of its line were still unanswered.
 */
function slowReceiver(network: Network, url: string, answer: (n: number) => number = () => 200) {
  const arrivals: Arrival[] = [];
  const inFlight = new Map<string, number>();
  network.routes.set(url, async (request) => {
    const body = JSON.parse(await request.text()) as { seq: number; data: { task_id: string } };
    const line = lines.get(body.data.task_id) ?? null;
    const key = String(line);
    arrivals.push({
      id: request.headers.get('webhook-id') ?? '',
      seq: body.seq,
      line,
      overlapping: inFlight.get(key) ?? 0,
    });
    const n = arrivals.length;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    await sleep(n === 1 ? 400 : 40);
    inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
    return new Response('ok', { status: answer(n) });
  });
  return arrivals;
}

const firstAttempts = (arrivals: Arrival[]) =>
  arrivals.filter((a, i) => arrivals.findIndex((b) => b.id === a.id) === i);

describe('webhook order', () => {
  it('sends events recorded together in order per endpoint and engagement, one at a time, a retry not holding the line', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const expert = await signupExpert();
    const [one, two] = await Promise.all([
      requestEngagement(company, expert.expertId ?? ''),
      requestEngagement(company, expert.expertId ?? ''),
    ]);
    // The first endpoint fails its very first attempt: its retry (5 s later) must not hold the rest back.
    const first = slowReceiver(network, 'https://order-a.hooks.example.com/in', (n) => (n === 1 ? 500 : 200));
    const second = slowReceiver(network, 'https://order-b.hooks.example.com/in');
    const endpoints = [
      await addEndpoint(company.token, 'https://order-a.hooks.example.com/in', ['task.started']),
      await addEndpoint(company.token, 'https://order-b.hooks.example.com/in', ['task.started']),
    ];

    // Eight state changes of two engagements, interleaved, committed in one batch and relayed together.
    const recorded = Array.from({ length: 8 }, (_, i) =>
      taskStarted(company.orgId ?? '', (i % 2 ? two : one).id),
    );
    for (const event of recorded) lines.set(event.data.task_id, event.engagementId);
    const [head, ...tail] = recorded.map((event) => recordEvent(db, event));
    if (head) await db.batch([head, ...tail]);
    await relayPending(env);

    await waitFor(async () => {
      for (const endpoint of endpoints) {
        const rows = await deliveriesOf(company.token, endpoint.id);
        if (rows.length < 8 || rows.some((r) => r.status !== 'succeeded')) return false;
      }
      return true;
    }, 20_000);
    for (const arrivals of [first, second]) {
      const firsts = firstAttempts(arrivals);
      expect(firsts).toHaveLength(8);
      for (const engagement of [one.id, two.id]) {
        const line = firsts.filter((a) => a.line === engagement);
        expect(line).toHaveLength(4);
        const seqs = line.map((a) => a.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        // Each first attempt went out only once the one before it had been answered.
        expect(line.map((a) => a.overlapping)).toEqual([0, 0, 0, 0]);
      }
    }
    // The failed first attempt was retried last, after its line had moved on.
    expect(first).toHaveLength(9);
    expect(first.at(-1)?.id).toBe(first[0]?.id);
  }, 30_000);

  it('holds a delivery that arrives in an earlier batch than the event before it until that one is answered', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const endpoint = await addEndpoint(company.token, 'https://order-c.hooks.example.com/in', [
      'task.started',
    ]);
    const arrivals = slowReceiver(network, 'https://order-c.hooks.example.com/in');
    const recorded = [1, 2, 3].map(() => taskStarted(company.orgId ?? '', 'eng_order_c'));
    for (const event of recorded) lines.set(event.data.task_id, event.engagementId);
    const stored = await insertEvents(recorded);
    captureWebhooksQueue();
    for (const event of stored) await enqueueDeliveries(env, db, event, [endpoint]);
    const [d1, d2, d3] = await Promise.all(stored.map((event) => deliveryOf(endpoint.id, event.id)));
    const message = (id: string | undefined, n: number) => ({
      id: `order-c-${n}`,
      timestamp: new Date(),
      attempts: 1,
      body: { delivery_id: id },
    });

    // The later two come first, in a batch of their own; the first event's batch runs beside it.
    await Promise.all([
      processDeliveryBatch(
        env,
        createMessageBatch('engage-webhooks', [message(d2?.id, 2), message(d3?.id, 3)]),
      ),
      sleep(50).then(() =>
        processDeliveryBatch(env, createMessageBatch('engage-webhooks', [message(d1?.id, 1)])),
      ),
    ]);
    expect(arrivals.map((a) => a.seq)).toEqual(stored.map((e) => e.seq));
    expect(arrivals.map((a) => a.overlapping)).toEqual([0, 0, 0]);
    for (const event of stored)
      expect(await deliveryOf(endpoint.id, event.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });
});
