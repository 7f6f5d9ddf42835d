import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { call, json, requestEngagement, signupCompany, signupExpert } from './helpers';

async function runSweep() {
  const controller = createScheduledController({ cron: '*/5 * * * *', scheduledTime: new Date() });
  await worker.scheduled(controller, env);
}

describe('the five-minute sweep', () => {
  it('relays events that no request relayed', async () => {
    await env.DB.prepare(
      "INSERT INTO events (id, type, data, created_at) VALUES ('evt_01SWEEPTEST00000000000001', 'test.left_behind', '{}', '2026-01-01T00:00:00.000Z')",
    ).run();
    await runSweep();
    const row = await env.DB.prepare(
      "SELECT relayed_at FROM events WHERE id = 'evt_01SWEEPTEST00000000000001'",
    ).first<{
      relayed_at: string | null;
    }>();
    expect(row?.relayed_at).not.toBeNull();
  });

  it('finishes module installs a crash left behind, with their events', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '', { modules: ['TENDER'] });
    await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
    // Simulate the crash: the accept committed but the install step never ran.
    await env.DB.prepare(
      "UPDATE engagement_modules SET status = 'installing', updated_at = '2026-01-01T00:00:00.000Z' WHERE engagement_id = ?",
    )
      .bind(engagement.id)
      .run();
    await runSweep();
    const modules = await json(
      await call(`/v1/engagements/${engagement.id}/modules`, { token: company.token }),
    );
    expect(modules.data.map((m: { status: string }) => m.status)).toEqual(['active']);
    const { results } = await env.DB.prepare(
      "SELECT type FROM events WHERE engagement_id = ? AND type = 'module.installed'",
    )
      .bind(engagement.id)
      .all();
    expect(results).toHaveLength(2);
  });

  it('forgets expired idempotency keys and stale login counts', async () => {
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (principal, key, fingerprint, expires_at) VALUES ('usr_x', 'old', 'f', '2000-01-01T00:00:00.000Z')",
    ).run();
    await env.DB.prepare(
      "INSERT INTO login_failures (key, failures, window_started_at) VALUES ('ip|old@x', 3, 0)",
    ).run();
    await runSweep();
    expect(
      await env.DB.prepare('SELECT * FROM idempotency_keys WHERE key = ?').bind('old').first(),
    ).toBeNull();
    expect(
      await env.DB.prepare('SELECT * FROM login_failures WHERE key = ?').bind('ip|old@x').first(),
    ).toBeNull();
  });
});
