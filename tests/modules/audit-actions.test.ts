// Every admin action leaves exactly one audit row naming the admin, the record it acted on and what it did,
// with the request it was taken in; a refused or failed action leaves none, and a company acting on its own
// things (billing, payments, webhook endpoints) is not audited.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import worker from '../../src/index';
import { rollupNow } from '../../src/modules/metrics/refresh';
import { runPrepare } from '../../src/modules/payouts/runs';
import { previousIsoWeek } from '../../src/modules/payouts/week';
import { installNetwork } from '../extractions/network';
import { type Account, call, createAdmin, expectProblem, json, signupCompany } from '../helpers';
import { activeEngagement } from '../tasks/fixtures';

afterEach(() => vi.restoreAllMocks());

interface AuditRow {
  id: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null };
  target_type: string;
  target_id: string;
  details: Record<string, unknown>;
  request_id: string | null;
}

/** Every audit row (straight from D1, so nothing the API filters hides one), for a target. */
async function rowsFor(targetId: string) {
  const { results } = await env.DB.prepare('SELECT * FROM admin_actions WHERE target_id = ?')
    .bind(targetId)
    .all<{ action: string; actor_id: string }>();
  return results;
}

/** The audit log's rows for a target, through the API. */
async function logFor(admin: Account, targetId: string): Promise<AuditRow[]> {
  const response = await call(`/v1/admin/audit-log?target_id=${targetId}`, { token: admin.token });
  expect(response.status).toBe(200);
  return (await json(response)).data;
}

let counter = 0;
async function deadLetter(body: unknown) {
  const id = `audit-dead-${++counter}`;
  const batch = createMessageBatch('engage-tasks-dlq', [{ id, timestamp: new Date(), attempts: 6, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  await getQueueResult(batch, ctx);
  const row = await env.DB.prepare('SELECT id FROM dead_letters WHERE message_id = ?')
    .bind(id)
    .first<{ id: string }>();
  if (!row) throw new Error('no dead letter recorded');
  return row.id;
}

describe('admin-only actions', () => {
  it('records a redrive once, with the admin, the letter, its queue and the request id', async () => {
    const admin = await createAdmin();
    const letterId = await deadLetter({ task_id: 'tsk_01JABCDEFGHJKMNPQRSTVWXYZ3' });
    const response = await call(`/v1/admin/dead-letters/${letterId}/redrive`, {
      method: 'POST',
      token: admin.token,
      headers: { 'X-Request-Id': 'audit-redrive-1' },
    });
    expect(response.status).toBe(200);
    // A second redrive is refused (409) and leaves nothing more.
    await expectProblem(
      await call(`/v1/admin/dead-letters/${letterId}/redrive`, { method: 'POST', token: admin.token }),
      409,
    );

    const [row, ...more] = await logFor(admin, letterId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      action: 'dead_letter.redrive',
      actor: { id: admin.userId, name: 'Admin', email: admin.email },
      target_type: 'dead_letter',
      target_id: letterId,
      details: { queue: 'engage-tasks', about: { kind: 'task', name: null, company_name: null } },
      request_id: 'audit-redrive-1',
    });
  });

  it('records nothing for a redrive of an unknown dead letter (404)', async () => {
    const admin = await createAdmin();
    const unknown = 'dlq_01JABCDEFGHJKMNPQRSTVWXYZ9';
    await expectProblem(
      await call(`/v1/admin/dead-letters/${unknown}/redrive`, { method: 'POST', token: admin.token }),
      404,
    );
    expect(await rowsFor(unknown)).toEqual([]);
  });

  it('records a credit grant with the amount and note once, even when the request is retried', async () => {
    const admin = await createAdmin();
    const company = await signupCompany('Reiher Bau GmbH');
    const grant = () =>
      call('/v1/admin/credits/grants', {
        token: admin.token,
        json: { org_id: company.orgId, credits: 250, note: 'Pilot bonus' },
        headers: { 'Idempotency-Key': `grant-${company.orgId}` },
      });
    expect((await grant()).status).toBe(201);
    expect((await grant()).status).toBe(201); // answered from the idempotency record
    const rows = await logFor(admin, company.orgId ?? '');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'credits.grant',
      target_type: 'org',
      details: { org_name: 'Reiher Bau GmbH', credits: 250, note: 'Pilot bonus' },
    });
  });

  it('records nothing for a grant that would overdraw (402) or names no company (404)', async () => {
    const admin = await createAdmin();
    const company = await signupCompany();
    const grant = (credits: number) =>
      call('/v1/admin/credits/grants', { token: admin.token, json: { org_id: company.orgId, credits } });
    const { balance } = await json(await call(`/v1/credits?org_id=${company.orgId}`, { token: admin.token }));
    expect((await grant(5 - balance)).status).toBe(201);
    await expectProblem(await grant(-6), 402);
    expect((await rowsFor(company.orgId ?? '')).map((row) => row.action)).toEqual(['credits.grant']);

    const unknownOrg = 'org_01JABCDEFGHJKMNPQRSTVWXYZ0';
    await expectProblem(
      await call('/v1/admin/credits/grants', {
        token: admin.token,
        json: { org_id: unknownOrg, credits: 5 },
      }),
      404,
    );
    expect(await rowsFor(unknownOrg)).toEqual([]);
  });

  it('records a bulk email with its subject and the number of distinct recipients', async () => {
    const admin = await createAdmin();
    const response = await call('/v1/admin/emails/bulk', {
      token: admin.token,
      json: {
        template: 'announcement',
        subject: 'Maintenance on Sunday',
        message: 'We will be down for an hour.',
        recipients: ['a@example.test', 'A@example.test', { email: 'b@example.test', name: 'Bea' }],
      },
    });
    expect(response.status).toBe(202);
    const job = await json(response);
    const rows = await logFor(admin, job.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'email.bulk_send',
      target_type: 'email_job',
      details: { subject: 'Maintenance on Sunday', recipients: 2 },
    });
  });

  it('records payout runs by hand, naming each run; the crons are not audited', async () => {
    const admin = await createAdmin();
    const week = previousIsoWeek(new Date());
    const before = await env.DB.prepare('SELECT count(*) AS n FROM admin_actions').first<{ n: number }>();
    await runPrepare(env, week, 'cron');
    const after = await env.DB.prepare('SELECT count(*) AS n FROM admin_actions').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);

    expect((await call('/v1/admin/payouts/prepare', { token: admin.token, json: { week } })).status).toBe(
      200,
    );
    expect((await call('/v1/admin/payouts/process', { method: 'POST', token: admin.token })).status).toBe(
      200,
    );
    const { data: runs } = await json(await call('/v1/admin/payouts/runs', { token: admin.token }));
    const [process, prepare] = runs;
    expect(await logFor(admin, prepare.id)).toMatchObject([
      {
        action: 'payout_run.prepare',
        target_type: 'payout_run',
        details: { week, prepared: prepare.result.prepared },
      },
    ]);
    expect(await logFor(admin, process.id)).toMatchObject([
      { action: 'payout_run.process', details: { processed: 0, failed: 0, skipped: 0, remaining: 0 } },
    ]);
    // A week that does not exist is refused before anything runs.
    const refused = await call('/v1/admin/payouts/prepare', {
      token: admin.token,
      json: { week: '2025-W53' },
    });
    await expectProblem(refused, 422);
    expect(await rowsFor('2025-W53')).toEqual([]);
  });
});

describe('actions on no one record', () => {
  it('records a metrics rollup by hand with the hours it recomputed; the sweep’s are not audited', async () => {
    const admin = await createAdmin();
    const count = async () =>
      (
        await env.DB.prepare(
          "SELECT count(*) AS n FROM admin_actions WHERE action = 'metrics.rollup'",
        ).first<{
          n: number;
        }>()
      )?.n;
    await rollupNow(env, createDb(env.DB));
    expect(await count()).toBe(0);

    const response = await call('/v1/admin/metrics/rollup', { method: 'POST', token: admin.token });
    expect(response.status).toBe(200);
    const { hours } = await json(response);
    const { data } = await json(
      await call('/v1/admin/audit-log?action=metrics.rollup', { token: admin.token }),
    );
    expect(data).toMatchObject([
      { actor: { id: admin.userId }, target_type: 'metrics', target_id: null, details: { hours } },
    ]);
  });
});

describe('actions companies take too', () => {
  it("audits an admin's billing pause and resume and payment, not the company's own", async () => {
    const admin = await createAdmin();
    const parties = await activeEngagement(['CTAX']);
    const engagement = `/v1/engagements/${parties.engagementId}`;
    for (const token of [parties.company.token, admin.token]) {
      expect((await call(`${engagement}/billing/pause`, { method: 'POST', token })).status).toBe(200);
      expect((await call(`${engagement}/billing/resume`, { method: 'POST', token })).status).toBe(200);
    }
    const billing = await logFor(admin, parties.engagementId);
    expect(billing.map((row) => [row.action, row.actor.id, row.details.title])).toEqual([
      ['billing.resume', admin.userId, 'Tender desk'],
      ['billing.pause', admin.userId, 'Tender desk'],
    ]);

    const byCompany = await json(
      await call(`${engagement}/payments`, {
        token: parties.company.token,
        json: { amount: 5000, currency: 'eur' },
      }),
    );
    const byAdmin = await json(
      await call(`${engagement}/payments`, { token: admin.token, json: { amount: 7000, currency: 'eur' } }),
    );
    const confirmed = await call(`/v1/payments/${byAdmin.id}/confirm`, {
      token: admin.token,
      json: { payment_method: 'pm_card_visa' },
    });
    expect(confirmed.status).toBe(200);
    expect(await rowsFor(byCompany.id)).toEqual([]);
    expect(
      (await logFor(admin, byAdmin.id)).map((row) => [row.action, row.target_type, row.details]),
    ).toEqual([
      [
        'payment.confirm',
        'payment',
        { payment_method: 'pm_card_visa', status: 'paid', amount: 7000, currency: 'eur' },
      ],
      [
        'payment.create',
        'payment',
        { engagement_id: parties.engagementId, title: 'Tender desk', amount: 7000, currency: 'eur' },
      ],
    ]);
  });

  it("audits every change to a platform webhook endpoint by its host, never the secret; a company's are not", async () => {
    const network = installNetwork([]);
    network.routes.set('https://ops.hooks.example.com/in?token=s3cret', () => new Response('ok'));
    const admin = await createAdmin();
    const as = (method: string, path: string, body?: unknown) =>
      call(`/v1/webhook-endpoints${path}`, { method, token: admin.token, json: body });
    const created = await json(
      await as('POST', '', {
        url: 'https://ops.hooks.example.com/in?token=s3cret',
        events: ['alert.opened'],
      }),
    );
    const id = created.id;
    expect((await as('PATCH', `/${id}`, { events: ['*'], description: 'Ops' })).status).toBe(200);
    expect((await as('PATCH', `/${id}`, { enabled: false })).status).toBe(200);
    expect((await as('PATCH', `/${id}`, { enabled: true })).status).toBe(200);
    expect((await as('POST', `/${id}/test`, {})).status).toBe(202);
    const since = new Date(Date.now() - 3600_000).toISOString();
    expect((await as('POST', `/${id}/replay`, { since, only_failed: true })).status).toBe(202);
    expect((await as('POST', `/${id}/rotate-secret`)).status).toBe(200);
    expect((await as('DELETE', `/${id}`)).status).toBe(204);

    const rows = (await logFor(admin, id)).reverse();
    expect(rows.map((row) => row.action)).toEqual([
      'webhook_endpoint.create',
      'webhook_endpoint.update',
      'webhook_endpoint.disable',
      'webhook_endpoint.enable',
      'webhook_endpoint.test',
      'webhook_endpoint.replay',
      'webhook_endpoint.rotate_secret',
      'webhook_endpoint.delete',
    ]);
    expect(rows.every((row) => row.details.host === 'ops.hooks.example.com')).toBe(true);
    expect(rows[0]?.details).toEqual({ host: 'ops.hooks.example.com', events: ['alert.opened'] });
    expect(rows[1]?.details).toEqual({ host: 'ops.hooks.example.com', changed: ['events', 'description'] });
    expect(rows[5]?.details).toMatchObject({ since, until: null, only_failed: true, replayed: 0 });
    const stored = JSON.stringify(await rowsFor(id));
    expect(stored).not.toContain('s3cret');
    expect(stored).not.toContain('whsec_');

    const company = await signupCompany();
    const own = await json(
      await call('/v1/webhook-endpoints', {
        token: company.token,
        json: { url: 'https://acme.hooks.example.com/in', events: ['*'] },
      }),
    );
    await call(`/v1/webhook-endpoints/${own.id}`, {
      method: 'PATCH',
      token: company.token,
      json: { enabled: false },
    });
    expect(await rowsFor(own.id)).toEqual([]);
    // An admin cannot reach a company's endpoint (404), and that leaves nothing either.
    await expectProblem(
      await call(`/v1/webhook-endpoints/${own.id}`, { method: 'DELETE', token: admin.token }),
      404,
    );
    expect(await rowsFor(own.id)).toEqual([]);
  });
});
