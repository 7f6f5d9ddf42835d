// Outgoing webhooks through the real events and webhooks queues: endpoints, Standard Webhooks signatures
// (checked with the standardwebhooks library's own verifier), the retry schedule, 410 and five days of
// failure disabling, replay without duplicates, SSRF at every delivery, and tenancy. Order, isolation,
// the breaker, replay filters and rotation have files of their own beside this one.
import { env } from 'cloudflare:workers';
import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emailLogs, events, webhookDeliveries, webhookEndpoints } from '../../src/db/schema';
import { attemptDelivery, RETRY_DELAYS_SECONDS } from '../../src/modules/webhook-endpoints/deliver';
import { installNetwork } from '../extractions/network';
import {
  call,
  createAdmin,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';
import { addEndpoint, db, deliveriesOf, receiver } from './fixtures';

afterEach(() => vi.restoreAllMocks());

describe('webhook endpoints', () => {
  it('creates an endpoint with a whsec_ secret shown once, and refuses unsafe URLs and experts', async () => {
    const company = await signupCompany();
    const created = await addEndpoint(company.token, 'https://hooks.example.com/engage', ['task.completed']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/);
    const read = await json(await call(`/v1/webhook-endpoints/${created.id}`, { token: company.token }));
    expect(read).toMatchObject({
      url: 'https://hooks.example.com/engage',
      events: ['task.completed'],
      enabled: true,
    });
    expect(read.secret).toBeUndefined();

    for (const url of [
      'http://10.0.0.1/hook',
      'http://localhost:8792/hook',
      'ftp://example.com/x',
      'https://a.example:8443/',
    ]) {
      const refused = await expectProblem(
        await call('/v1/webhook-endpoints', { token: company.token, json: { url, events: ['*'] } }),
        422,
      );
      expect(refused.errors[0].path).toBe('url');
    }
    await expectProblem(
      await call('/v1/webhook-endpoints', {
        token: company.token,
        json: { url: 'https://x.example.com', events: ['task.nope'] },
      }),
      422,
    );
    const expert = await signupExpert();
    await expectProblem(
      await call('/v1/webhook-endpoints', {
        token: expert.token,
        json: { url: 'https://x.example.com', events: ['*'] },
      }),
      403,
    );
  });

  it('keeps another company out of an endpoint: read, change, replay, test, deliveries all 404', async () => {
    const owner = await signupCompany();
    const other = await signupCompany();
    const endpoint = await addEndpoint(owner.token, 'https://hooks.example.com/owner');
    const base = `/v1/webhook-endpoints/${endpoint.id}`;
    for (const [method, path, body] of [
      ['GET', base, undefined],
      ['PATCH', base, { enabled: false }],
      ['DELETE', base, undefined],
      ['POST', `${base}/rotate-secret`, undefined],
      ['POST', `${base}/replay`, { since: '2026-01-01T00:00:00Z' }],
      ['POST', `${base}/test`, {}],
      ['GET', `${base}/deliveries`, undefined],
    ] as const) {
      const response = await call(path, { method, token: other.token, ...(body ? { json: body } : {}) });
      expect(response.status, `${method} ${path}`).toBe(404);
      await response.arrayBuffer();
    }
    const list = await json(await call('/v1/webhook-endpoints', { token: other.token }));
    expect(list.data).toEqual([]);
  });
});

describe('webhook delivery', () => {
  it('delivers a signed event its library verifies, lists it, and replays it with the same webhook-id', async () => {
    const network = installNetwork([]);
    const received = receiver(network, 'https://acme.hooks.example.com/in');
    const company = await signupCompany();
    const expert = await signupExpert();
    const endpoint = await addEndpoint(company.token, 'https://acme.hooks.example.com/in', [
      'engagement.requested',
    ]);
    const engagement = await requestEngagement(company, expert.expertId ?? '');

    const first = await waitFor(async () => received[0]);
    const payload = new Webhook(endpoint.secret).verify(first.body, first.headers) as {
      type: string;
      data: { engagement_id: string };
      timestamp: string;
    };
    expect(payload.type).toBe('engagement.requested');
    expect(payload.data.engagement_id).toBe(engagement.id);
    expect(first.id).toMatch(/^evt_/);

    const [listed] = await waitFor(async () => {
      const rows = await deliveriesOf(company.token, endpoint.id);
      return rows[0]?.status === 'succeeded' && rows;
    });
    expect(listed).toMatchObject({ event_id: first.id, attempts: 1, event_type: 'engagement.requested' });
    expect(listed?.history[0]).toMatchObject({ status_code: 200, response: 'ok 1' });

    const replayed = await call(`/v1/webhook-endpoints/${endpoint.id}/replay`, {
      token: company.token,
      json: { since: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(replayed.status).toBe(202);
    expect((await json(replayed)).replayed).toBe(1);
    await waitFor(async () => received.length === 2);
    expect(received[1]?.id).toBe(first.id); // the same event, the same webhook-id
    expect(new Set(received.map((r) => r.id)).size).toBe(1);
    expect(await deliveriesOf(company.token, endpoint.id)).toHaveLength(1);
  });

  it('retries a failed attempt on the schedule, through the queue, until it succeeds', async () => {
    const network = installNetwork([]);
    const received = receiver(network, 'https://flaky.hooks.example.com/in', (n) => (n === 1 ? 500 : 200));
    const company = await signupCompany();
    const expert = await signupExpert();
    const endpoint = await addEndpoint(company.token, 'https://flaky.hooks.example.com/in');
    await requestEngagement(company, expert.expertId ?? '');
    const [failed] = await waitFor(async () => {
      const rows = await deliveriesOf(company.token, endpoint.id);
      // Recorded, not merely claimed: the first attempt's answer is in its history.
      return rows[0]?.attempts === 1 && rows[0].status === 'pending' && rows[0].history.length === 1 && rows;
    });
    const wait = new Date(failed?.next_attempt_at ?? 0).getTime() - Date.now();
    expect(wait).toBeGreaterThan(2_000);
    expect(wait).toBeLessThanOrEqual(RETRY_DELAYS_SECONDS[0] * 1000);
    expect(failed?.history[0]).toMatchObject({ status_code: 500 });
    // The queue brings it back after its delay (5 s): the second attempt succeeds.
    await waitFor(
      async () => (await deliveriesOf(company.token, endpoint.id))[0]?.status === 'succeeded',
      15_000,
    );
    expect(received.map((r) => r.id)).toEqual([received[0]?.id, received[0]?.id]);
    // One failed attempt, one that succeeded: half, over both windows.
    const read = await json(await call(`/v1/webhook-endpoints/${endpoint.id}`, { token: company.token }));
    expect(read.success_rate).toMatchObject({ last_24h: 0.5, last_7d: 0.5 });
    // The sparkline: seven days, oldest first, today's two attempts in the last one.
    const today = new Date().toISOString().slice(0, 10);
    expect(read.success_rate.daily).toHaveLength(7);
    expect(read.success_rate.daily.at(-1)).toEqual({ day: today, attempts: 2, succeeded: 1 });
    expect(read.success_rate.daily.slice(0, 6).every((d: { attempts: number }) => d.attempts === 0)).toBe(
      true,
    );
    const listed = await json(await call('/v1/webhook-endpoints', { token: company.token }));
    expect(listed.data[0].success_rate).toEqual(read.success_rate);
  }, 20_000);

  it('follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', async () => {
    const network = installNetwork([]);
    // 400, not 5xx: a server failure would (rightly) open the host's breaker after five, pausing the schedule.
    receiver(network, 'https://down.hooks.example.com/in', () => 400);
    const company = await signupCompany();
    const endpoint = await addEndpoint(company.token, 'https://down.hooks.example.com/in');
    const sent = vi.spyOn(env.WEBHOOKS_QUEUE, 'sendBatch').mockResolvedValue(undefined as never);
    const id = 'whd_01JABCDEFGHJKMNPQRSTVWXY01';
    await env.DB.prepare(
      `INSERT INTO events (id, type, org_id, data) VALUES ('evt_01JABCDEFGHJKMNPQRSTVWXY01', 'task.failed', ?, '{"task_id":"tsk_01JABCDEFGHJKMNPQRSTVWXY01","title":"Invoice","module":"CTAX","type":"process_invoice","error":"no text"}')`,
    )
      .bind(company.orgId)
      .run();
    await db.insert(webhookDeliveries).values({
      id,
      endpointId: endpoint.id,
      eventId: 'evt_01JABCDEFGHJKMNPQRSTVWXY01',
      eventSeq: 1,
      eventType: 'task.failed',
      line: '-',
      status: 'pending',
    });
    let clock = Date.now();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      await attemptDelivery(env, db, id, { now: () => new Date(clock) });
      const row = await db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, id) });
      if (row?.status === 'pending') {
        const next = new Date(row.nextAttemptAt ?? 0).getTime();
        delays.push((next - clock) / 1000);
        clock = next;
      }
    }
    expect(delays).toEqual([...RETRY_DELAYS_SECONDS]);
    const done = await db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, id) });
    expect(done).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 400 });
    // Each retry went back to the queue with its delay, not a sleep.
    const queued = sent.mock.calls.map(([messages]) => [...messages][0]?.delaySeconds);
    expect(queued).toEqual([...RETRY_DELAYS_SECONDS]);
  });

  it('disables an endpoint that answers 410 Gone at once, emits webhook_endpoint.disabled and emails the company', async () => {
    const network = installNetwork([]);
    receiver(network, 'https://gone.hooks.example.com/in', () => 410);
    const company = await signupCompany();
    const expert = await signupExpert();
    const endpoint = await addEndpoint(company.token, 'https://gone.hooks.example.com/in', [
      'engagement.requested',
    ]);
    await requestEngagement(company, expert.expertId ?? '');
    const disabled = await waitFor(async () => {
      const row = await json(await call(`/v1/webhook-endpoints/${endpoint.id}`, { token: company.token }));
      return row.enabled === false && row;
    });
    expect(disabled.disabled_reason).toContain('410');
    const mail = await waitFor(async () =>
      db.query.emailLogs
        .findFirst({ where: eq(emailLogs.to, company.email) })
        .then((m) => (m?.template === 'webhookEndpointDisabled' ? m : undefined)),
    );
    expect(mail.subject).toContain('gone.hooks.example.com');

    // The admin sees it among every company's endpoints, and among the disabled ones, with its company.
    const admin = await createAdmin();
    const all = await json(await call('/v1/admin/webhook-endpoints?limit=100', { token: admin.token }));
    expect(all.data.find((e: { id: string }) => e.id === endpoint.id)).toMatchObject({
      org_id: company.orgId,
      org_name: 'Acme GmbH',
      enabled: false,
    });
    const off = await json(
      await call('/v1/admin/webhook-endpoints?enabled=false&limit=100', { token: admin.token }),
    );
    expect(off.data.every((e: { enabled: boolean }) => !e.enabled)).toBe(true);
    expect(off.data.map((e: { id: string }) => e.id)).toContain(endpoint.id);
    const on = await json(
      await call('/v1/admin/webhook-endpoints?enabled=true&limit=100', { token: admin.token }),
    );
    expect(on.data.map((e: { id: string }) => e.id)).not.toContain(endpoint.id);
    await expectProblem(await call('/v1/admin/webhook-endpoints', { token: company.token }), 403);
  });

  it('disables an endpoint whose every attempt has failed for 5 days, emitting the event and emailing once', async () => {
    const network = installNetwork([]);
    receiver(network, 'https://dead.hooks.example.com/in', () => 500);
    const company = await signupCompany();
    const expert = await signupExpert();
    const endpoint = await addEndpoint(company.token, 'https://dead.hooks.example.com/in');
    await db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - 5 * 24 * 3600_000 - 60_000).toISOString() })
      .where(eq(webhookEndpoints.id, endpoint.id));
    // Two engagements: two deliveries on separate lines fail side by side, and each would disable it.
    await Promise.all([
      requestEngagement(company, expert.expertId ?? ''),
      requestEngagement(company, expert.expertId ?? ''),
    ]);
    const row = await waitFor(async () => {
      const read = await json(await call(`/v1/webhook-endpoints/${endpoint.id}`, { token: company.token }));
      return read.enabled === false && read;
    });
    expect(row.disabled_reason).toContain('5 days');

    const disabledEvents = () =>
      db
        .select()
        .from(events)
        .where(
          and(
            eq(events.type, 'webhook_endpoint.disabled'),
            sql`json_extract(${events.data}, '$.endpoint_id') = ${endpoint.id}`,
          ),
        );
    const mails = () =>
      db.query.emailLogs.findMany({
        where: and(eq(emailLogs.to, company.email), eq(emailLogs.template, 'webhookEndpointDisabled')),
      });
    await waitFor(async () => (await mails()).length > 0);
    // Both deliveries have settled (failed: the endpoint is off), so nothing more can disable it.
    await waitFor(async () =>
      (await deliveriesOf(company.token, endpoint.id)).every((d) => d.status === 'failed'),
    );
    const [event, ...more] = await disabledEvents();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ orgId: company.orgId });
    expect(event?.data).toMatchObject({
      endpoint_id: endpoint.id,
      url: 'https://dead.hooks.example.com/in',
      reason: 'Every delivery failed for 5 days',
    });
    // The event is handled (relayed, its email sent) once: one email, about this endpoint.
    await waitFor(async () => (await disabledEvents())[0]?.relayedAt);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toContain('dead.hooks.example.com');
  });

  it('refuses at delivery an endpoint whose host now resolves to a private address', async () => {
    const network = installNetwork([], { 'hooks.rebind.example.com': ['10.0.0.7'] });
    const received = receiver(network, 'https://hooks.rebind.example.com/x');
    const company = await signupCompany();
    const expert = await signupExpert();
    const endpoint = await addEndpoint(company.token, 'https://hooks.rebind.example.com/x', [
      'engagement.requested',
    ]);
    await requestEngagement(company, expert.expertId ?? '');
    const [row] = await waitFor(async () => {
      const rows = await deliveriesOf(company.token, endpoint.id);
      return rows[0]?.attempts === 1 && rows[0].history.length === 1 && rows;
    });
    expect(row?.history[0]?.error).toContain('private');
    expect(received).toEqual([]);
    // Its retry (5 s on) would look the host up on the real network once this test's spy is gone.
    await call(`/v1/webhook-endpoints/${endpoint.id}`, {
      method: 'PATCH',
      token: company.token,
      json: { enabled: false },
    });
  });

  it('fans one event out to many endpoints (more than one statement’s worth of parameters) exactly once each', async () => {
    const network = installNetwork([]);
    const company = await signupCompany();
    const expert = await signupExpert();
    const received = new Map<string, string[]>();
    for (let n = 0; n < 15; n++) {
      const url = `https://many-${n}.hooks.example.com/in`;
      network.routes.set(url, async (request) => {
        received.set(url, [...(received.get(url) ?? []), request.headers.get('webhook-id') ?? '']);
        return new Response('ok');
      });
      await addEndpoint(company.token, url, ['engagement.requested']);
    }
    await requestEngagement(company, expert.expertId ?? '');
    await waitFor(
      async () => received.size === 15 && [...received.values()].every((ids) => ids.length === 1),
    );
    expect(new Set([...received.values()].flat()).size).toBe(1); // one event, one webhook-id everywhere
  });
});

describe('the event catalog and feed', () => {
  it('lists every event type with its JSON schema and documents each as an OpenAPI webhook', async () => {
    const admin = await createAdmin();
    const types = await json(await call('/v1/event-types', { token: admin.token }));
    const names = types.data.map((t: { type: string }) => t.type);
    expect(names).toEqual(
      expect.arrayContaining(['task.completed', 'payment.succeeded', 'webhook_endpoint.disabled']),
    );
    const task = types.data.find((t: { type: string }) => t.type === 'task.completed');
    expect(task.schema.properties.task_id).toBeDefined();
    const doc = await json(await call('/v1/openapi.json'));
    expect(Object.keys(doc.webhooks).sort()).toEqual([...names].sort());
  });

  it('pages through the caller’s events by seq; another company sees none of them', async () => {
    const company = await signupCompany();
    const other = await signupCompany();
    const expert = await signupExpert();
    await requestEngagement(company, expert.expertId ?? '');
    await requestEngagement(company, expert.expertId ?? '');
    const first = await json(await call('/v1/events?limit=1', { token: company.token }));
    expect(first.data).toHaveLength(1);
    expect(first.data[0].type).toBe('engagement.requested');
    const second = await json(
      await call(`/v1/events?limit=1&since=${first.next_cursor}`, { token: company.token }),
    );
    expect(second.data[0].seq).toBeGreaterThan(first.data[0].seq);
    const mine = new Set([first.data[0].id, second.data[0].id]);
    const theirs = await json(await call('/v1/events?limit=500', { token: other.token }));
    expect(theirs.data.filter((e: { id: string }) => mine.has(e.id))).toEqual([]);
    await expectProblem(await call('/v1/events?types=nope.nope', { token: company.token }), 422);
  });
});
