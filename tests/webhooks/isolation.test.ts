// One endpoint's trouble stays its own: an endpoint that hangs does not delay another's deliveries of the
// same events, and a host whose breaker is open is not called (its deliveries wait on the queue) while
// other hosts are.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webhookAttempts } from '../../src/db/schema';
import { relayPending } from '../../src/events/relay';
import { recordEvent } from '../../src/lib/outbox';
import { processDeliveryBatch, RETRY_DELAYS_SECONDS } from '../../src/modules/webhook-endpoints/deliver';
import { enqueueDeliveries } from '../../src/modules/webhook-endpoints/fan-out';
import { installNetwork } from '../extractions/network';
import { signupCompany, waitFor } from '../helpers';
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

const COOLDOWN_SECONDS = Number(env.BREAKER_COOLDOWN_SECONDS);

describe('webhook isolation', () => {
  it('delivers every event to a fast endpoint while another endpoint of the same events hangs', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const fast = receiver(network, 'https://fast.hooks.example.com/in');
    // The hanging endpoint answers only when the test lets it (or the attempt's timeout aborts it).
    const hung: string[] = [];
    let answer: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      answer = resolve;
    });
    network.routes.set('https://hung.hooks.example.com/in', async (request) => {
      hung.push(request.headers.get('webhook-id') ?? '');
      await Promise.race([
        released,
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
      ]);
      return new Response('late');
    });
    // Created first, the hanging endpoint's deliveries lead each batch: a consumer taking the lines one
    // after another would leave the fast one stuck behind it.
    const slowEndpoint = await addEndpoint(company.token, 'https://hung.hooks.example.com/in', [
      'task.started',
    ]);
    const fastEndpoint = await addEndpoint(company.token, 'https://fast.hooks.example.com/in', [
      'task.started',
    ]);

    // Three events of one engagement, recorded together and sent through the real queues.
    const recorded = [1, 2, 3].map(() => taskStarted(company.orgId ?? '', 'eng_isolation'));
    const [head, ...tail] = recorded.map((event) => recordEvent(db, event));
    if (head) await db.batch([head, ...tail]);
    await relayPending(env);

    await waitFor(async () => {
      const rows = await deliveriesOf(company.token, fastEndpoint.id);
      return rows.length === 3 && rows.every((r) => r.status === 'succeeded');
    }, 8_000);
    // Meanwhile the hanging endpoint has its first event in flight and the rest waiting behind it.
    expect(hung).toHaveLength(1);
    const slowRows = await deliveriesOf(company.token, slowEndpoint.id);
    expect(slowRows.filter((r) => r.status === 'succeeded')).toEqual([]);

    answer();
    await waitFor(async () => {
      const rows = await deliveriesOf(company.token, slowEndpoint.id);
      return rows.length === 3 && rows.every((r) => r.status === 'succeeded');
    });
    expect(hung).toEqual(fast.map((r) => r.id)); // the same events, in the same order, once each
  }, 20_000);

  it('does not call a host whose breaker is open: its deliveries wait on the queue, other hosts go ahead', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const down = receiver(network, 'https://breaker-down.hooks.example.com/in', () => 503);
    const up = receiver(network, 'https://breaker-up.hooks.example.com/in');
    const downEndpoint = await addEndpoint(company.token, 'https://breaker-down.hooks.example.com/in', [
      'task.started',
    ]);
    const upEndpoint = await addEndpoint(company.token, 'https://breaker-up.hooks.example.com/in', [
      'task.started',
    ]);
    // Six events of no engagement (one line, which a failed attempt does not hold): five failures open
    // the down host's breaker.
    const stored = await insertEvents([1, 2, 3, 4, 5, 6].map(() => taskStarted(company.orgId ?? '')));
    const sent = captureWebhooksQueue();
    for (const event of stored) await enqueueDeliveries(env, db, event, [downEndpoint, upEndpoint]);
    const ids = async (endpointId: string) =>
      Promise.all(stored.map(async (event) => (await deliveryOf(endpointId, event.id)).id));
    const downIds = await ids(downEndpoint.id);
    const upIds = await ids(upEndpoint.id);
    const enqueued = sent().length;

    // Each event in turn, both endpoints side by side, as the consumer receives them.
    for (const [n, event] of stored.entries()) {
      const batch = createMessageBatch(
        'engage-webhooks',
        [downIds[n], upIds[n]].map((id, i) => ({
          id: `breaker-${n}-${i}`,
          timestamp: new Date(),
          attempts: 1,
          body: { delivery_id: id },
        })),
      );
      const ctx = createExecutionContext();
      await processDeliveryBatch(env, batch);
      const result = await getQueueResult(batch, ctx);
      expect(result.explicitAcks, event.id).toHaveLength(2);
      expect(result.retryMessages).toEqual([]);
    }

    expect(up.map((r) => r.id)).toEqual(stored.map((e) => e.id));
    expect(down.map((r) => r.id)).toEqual(stored.slice(0, 5).map((e) => e.id)); // the sixth never called
    const waiting = await deliveryOf(downEndpoint.id, stored[5]?.id ?? '');
    // Not attempted: no attempt spent or recorded, due again when the breaker lets calls through.
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    const dueIn = new Date(waiting.nextAttemptAt ?? 0).getTime() - Date.now();
    expect(dueIn).toBeGreaterThan((COOLDOWN_SECONDS - 10) * 1000);
    expect(dueIn).toBeLessThanOrEqual(COOLDOWN_SECONDS * 1000);
    expect(await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, waiting.id))).toEqual(
      [],
    );
    // Back on the queue with the breaker's delay; the five that failed with the schedule's first delay.
    const requeued = sent().slice(enqueued);
    const [wait, ...others] = requeued.filter((m) => m.deliveryId === waiting.id);
    expect(others).toEqual([]);
    expect(wait?.delaySeconds).toBeGreaterThan(COOLDOWN_SECONDS - 10);
    expect(wait?.delaySeconds).toBeLessThanOrEqual(COOLDOWN_SECONDS);
    expect(
      requeued
        .filter((m) => m.deliveryId !== waiting.id)
        .map(({ deliveryId, delaySeconds }) => ({ deliveryId, delaySeconds })),
    ).toEqual(
      downIds.slice(0, 5).map((deliveryId) => ({ deliveryId, delaySeconds: RETRY_DELAYS_SECONDS[0] })),
    );
    // Brought back early (a duplicate message), it is still not attempted.
    await processDeliveryBatch(
      env,
      createMessageBatch('engage-webhooks', [
        { id: 'breaker-again', timestamp: new Date(), attempts: 1, body: { delivery_id: waiting.id } },
      ]),
    );
    expect(down).toHaveLength(5);
    expect(await deliveryOf(downEndpoint.id, stored[5]?.id ?? '')).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
  });
});
