// Replay's window and filter: `since` (inclusive), `until` and `only_failed` pick exactly the deliveries
// they name from the outbox — the endpoint's own company and event types — and each goes out once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webhookDeliveries } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { installNetwork } from '../extractions/network';
import { call, json, signupCompany, waitFor } from '../helpers';
import { addEndpoint, db, deliveriesOf, deliveryOf, insertEvents, receiver, taskStarted } from './fixtures';

afterEach(() => vi.restoreAllMocks());

const HOUR = 3600_000;

describe('webhook replay filters', () => {
  it('replays only the window between since and until, and with only_failed only the failed deliveries', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const other = await signupCompany();
    const now = Date.now();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
    const orgId = company.orgId ?? '';
    const [before, atSince, failed, missed, unsubscribed, theirs, late] = await insertEvents([
      { ...taskStarted(orgId), createdAt: at(5) },
      { ...taskStarted(orgId), createdAt: at(4) },
      { ...taskStarted(orgId), createdAt: at(3) },
      { ...taskStarted(orgId), createdAt: at(2) }, // never delivered to the endpoint (no delivery row)
      { ...taskStarted(orgId), type: 'task.completed', createdAt: at(2.5) },
      { ...taskStarted(other.orgId ?? ''), createdAt: at(2.5) },
      { ...taskStarted(orgId), createdAt: at(1) },
    ]);
    if (!before || !atSince || !failed || !missed || !unsubscribed || !theirs || !late)
      throw new Error('events missing');
    // What each endpoint went through: failed before the window, delivered at its start, failed inside
    // it, failed after `until`.
    const history = [
      [before, 'failed'],
      [atSince, 'succeeded'],
      [failed, 'failed'],
      [late, 'failed'],
    ] as const;

    const cases = [
      { name: 'window', body: { until: at(1.5) }, expected: [atSince, failed, missed] },
      { name: 'failed', body: { only_failed: true }, expected: [failed, late] },
      { name: 'failed-window', body: { until: at(1.5), only_failed: true }, expected: [failed] },
    ];
    for (const { name, body, expected } of cases) {
      const url = `https://replay-${name}.hooks.example.com/in`;
      const received = receiver(network, url);
      const endpoint = await addEndpoint(company.token, url, ['task.started']);
      await db.insert(webhookDeliveries).values(
        history.map(([event, status]) => ({
          id: newId('webhookDelivery'),
          endpointId: endpoint.id,
          eventId: event.id,
          eventSeq: event.seq,
          eventType: event.type,
          line: '-',
          status,
          attempts: status === 'failed' ? 8 : 1,
          lastStatusCode: status === 'failed' ? 500 : 200,
          lastError: status === 'failed' ? 'HTTP 500' : null,
          nextAttemptAt: null,
          createdAt: at(4),
          updatedAt: at(4),
        })),
      );

      const replayed = await call(`/v1/webhook-endpoints/${endpoint.id}/replay`, {
        token: company.token,
        json: { since: at(4), ...body },
      });
      expect(replayed.status, name).toBe(202);
      expect((await json(replayed)).replayed, name).toBe(expected.length);
      await waitFor(async () =>
        (await deliveriesOf(company.token, endpoint.id)).every(
          (d) => d.status === 'succeeded' || d.status === 'failed',
        ),
      );
      // Exactly the chosen events went out, once each; the rest stayed as they were.
      expect(received.map((r) => r.id).sort(), name).toEqual(expected.map((e) => e.id).sort());
      for (const [event, status] of history) {
        if (expected.includes(event)) continue;
        expect(await deliveryOf(endpoint.id, event.id), `${name}: ${event.id}`).toMatchObject({
          status,
          attempts: status === 'failed' ? 8 : 1,
        });
      }
    }
  });
});
