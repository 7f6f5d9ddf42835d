// Secret rotation: for 24 hours both secrets sign (space-separated signatures, as Standard Webhooks allows),
// after that the new one alone. Checked with the standardwebhooks library's own verifier.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webhookEndpoints } from '../../src/db/schema';
import { attemptDelivery } from '../../src/modules/webhook-endpoints/deliver';
import { enqueueDeliveries } from '../../src/modules/webhook-endpoints/fan-out';
import { installNetwork } from '../extractions/network';
import { call, json, requestEngagement, signupCompany, signupExpert, waitFor } from '../helpers';
import {
  addEndpoint,
  captureWebhooksQueue,
  db,
  deliveryOf,
  insertEvents,
  type Received,
  receiver,
  taskStarted,
} from './fixtures';

afterEach(() => vi.restoreAllMocks());

async function rotate(token: string, id: string) {
  const response = await call(`/v1/webhook-endpoints/${id}/rotate-secret`, { method: 'POST', token });
  expect(response.status).toBe(200);
  return json(response);
}

/** The verifier's verdict as a receiver whose clock reads the attempt's own time. */
function verifiesAt(secret: string, delivery: Received, at: number): boolean {
  const now = vi.spyOn(Date, 'now').mockReturnValue(at);
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers);
    return true;
  } catch {
    return false;
  } finally {
    now.mockRestore();
  }
}

describe('webhook secret rotation', () => {
  it('signs with both secrets for a day after a rotation', async () => {
    const network = installNetwork([]);
    const received = receiver(network, 'https://rotate.hooks.example.com/in');
    const company = await signupCompany();
    const expert = await signupExpert();
    const endpoint = await addEndpoint(company.token, 'https://rotate.hooks.example.com/in', [
      'engagement.requested',
    ]);
    const rotated = await rotate(company.token, endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    await requestEngagement(company, expert.expertId ?? '');
    const delivery = await waitFor(async () => received[0]);
    expect(delivery.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(delivery.body, delivery.headers)).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(delivery.body, delivery.headers)).not.toThrow();
  });

  it('signs with the new secret alone once the 24 hours are over', async () => {
    const network = installNetwork([]);
    const received = receiver(network, 'https://rotate-end.hooks.example.com/in');
    const company = await signupCompany();
    const endpoint = await addEndpoint(company.token, 'https://rotate-end.hooks.example.com/in', [
      'task.started',
    ]);
    const rotated = await rotate(company.token, endpoint.id);
    const row = await db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, endpoint.id) });
    const until = new Date(row?.previousSecretUntil ?? 0).getTime();
    expect(until - Date.now()).toBeGreaterThan(24 * 3600_000 - 60_000);

    const events = await insertEvents([1, 2].map(() => taskStarted(company.orgId ?? '')));
    captureWebhooksQueue();
    for (const event of events) await enqueueDeliveries(env, db, event, [endpoint]);
    // The clock of each attempt: a minute before the overlap ends, and a second after.
    const times = [until - 60_000, until + 1000];
    for (const [n, event] of events.entries()) {
      const id = (await deliveryOf(endpoint.id, event.id)).id;
      await attemptDelivery(env, db, id, { now: () => new Date(times[n] ?? 0) });
    }
    const [last, after] = received;
    if (!last || !after) throw new Error('both attempts should have been received');
    expect(last.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verifiesAt(rotated.secret, last, times[0] ?? 0)).toBe(true);
    expect(verifiesAt(endpoint.secret, last, times[0] ?? 0)).toBe(true);

    expect(after.headers['webhook-timestamp']).toBe(String(Math.floor((times[1] ?? 0) / 1000)));
    expect(after.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(verifiesAt(rotated.secret, after, times[1] ?? 0)).toBe(true);
    expect(verifiesAt(endpoint.secret, after, times[1] ?? 0)).toBe(false);
  });
});
