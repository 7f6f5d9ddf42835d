// Metrics: the hourly rollup counts what the work recorded (events, tasks), per company and platform-wide,
// correctly across hour boundaries and again when late data lands; percentiles match a known distribution;
// the API buckets by hour or day and shows a company only its own figures.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { events, tasks } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { rollupMetrics } from '../../src/modules/metrics/rollup';
import { call, createAdmin, expectProblem, json, signupCompany } from '../helpers';
import { activeEngagement, taskValues } from '../tasks/fixtures';

const db = createDb(env.DB);
const H = Date.parse('2031-03-04T10:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

function taskEvent(
  type: 'task.created' | 'task.completed' | 'task.needs_review',
  orgId: string,
  ms: number,
  reviewed = false,
) {
  return {
    id: newId('event'),
    type,
    orgId,
    engagementId: null,
    data: {
      task_id: newId('task'),
      title: 'Metric',
      module: 'CTAX',
      type: 'process_invoice',
      ...(reviewed ? { reviewed } : {}),
    },
    createdAt: at(ms),
    // Not for the relay: these only stand for history.
    relayedAt: at(ms),
  };
}

async function series(token: string, path: string) {
  const response = await call(path, { token });
  expect(response.status).toBe(200);
  return (await json(response)).series;
}

describe('metrics', () => {
  it('counts per hour and per company, across hour boundaries, and again after late events', async () => {
    const acme = await signupCompany('Acme');
    const globex = await signupCompany('Globex');
    const a = acme.orgId ?? '';
    const g = globex.orgId ?? '';
    await db.insert(events).values([
      taskEvent('task.created', a, H + 5 * MIN),
      taskEvent('task.created', a, H + 59 * MIN),
      taskEvent('task.created', g, H + 60 * MIN), // the next hour's first minute
      taskEvent('task.completed', a, H + 30 * MIN),
      taskEvent('task.completed', a, H + 31 * MIN, true), // after review: not unseen
      taskEvent('task.needs_review', a, H + 32 * MIN),
    ]);
    await rollupMetrics(db, H + 90 * MIN);
    const admin = await createAdmin();
    const range = `from=${at(H)}&to=${at(H + 2 * 60 * MIN)}&step=hour`;
    let platform = await series(
      admin.token,
      `/v1/admin/metrics?series=tasks.created,tasks.automation_rate&${range}`,
    );
    expect(platform['tasks.created']).toEqual([
      [at(H), 2],
      [at(H + 60 * MIN), 1],
    ]);
    // One completed unseen out of one unseen + one sent to review.
    expect(platform['tasks.automation_rate'][0]).toEqual([at(H), 0.5]);
    expect(platform['tasks.automation_rate'][1]).toEqual([at(H + 60 * MIN), null]);

    // A late event of the first hour, then the next sweep.
    await db.insert(events).values(taskEvent('task.created', g, H + 10 * MIN));
    await rollupMetrics(db, H + 95 * MIN);
    platform = await series(admin.token, `/v1/admin/metrics?series=tasks.created&${range}`);
    expect(platform['tasks.created'][0]).toEqual([at(H), 3]);

    const own = await series(acme.token, `/v1/metrics?series=tasks.created&${range}`);
    expect(own['tasks.created']).toEqual([
      [at(H), 2],
      [at(H + 60 * MIN), 0],
    ]);
    const daily = await series(
      globex.token,
      `/v1/metrics?series=tasks.created&from=${at(H)}&to=${at(H + 120 * MIN)}&step=day`,
    );
    expect(daily['tasks.created']).toEqual([[at(Date.parse('2031-03-04T00:00:00.000Z')), 2]]);
  });

  it('computes latency percentiles from when each task was created to when it completed', async () => {
    const parties = await activeEngagement();
    const base = H + 24 * 60 * MIN;
    // Tasks that took 1, 2, … 100 seconds, completed within one hour.
    const rows = Array.from({ length: 100 }, (_, i) =>
      taskValues(parties, {
        status: 'completed',
        createdAt: at(base + i * 10_000),
        completedAt: at(base + i * 10_000 + (i + 1) * 1000),
      }),
    );
    // One statement per row: D1 binds at most 100 parameters per statement.
    const [first, ...rest] = rows.map((row) => db.insert(tasks).values(row));
    if (first) await db.batch([first, ...rest]);
    await rollupMetrics(db, base + 60 * MIN);
    const range = `from=${at(base)}&to=${at(base + 60 * MIN)}`;
    const own = await series(
      parties.company.token,
      `/v1/metrics?series=tasks.latency_p50,tasks.latency_p95,tasks.latency_p99&${range}`,
    );
    expect(own['tasks.latency_p50']).toEqual([[at(base), 50]]);
    expect(own['tasks.latency_p95']).toEqual([[at(base), 95]]);
    expect(own['tasks.latency_p99']).toEqual([[at(base), 99]]);
  });

  it('rolls up on an admin’s request, as the sweep would, and only for admins', async () => {
    const company = await signupCompany();
    const admin = await createAdmin();
    const now = Date.now();
    await db.insert(events).values([taskEvent('task.created', company.orgId ?? '', now - MIN)]);
    await expectProblem(
      await call('/v1/admin/metrics/rollup', { method: 'POST', token: company.token }),
      403,
    );
    const rolled = await json(await call('/v1/admin/metrics/rollup', { method: 'POST', token: admin.token }));
    expect(rolled.hours).toBeGreaterThanOrEqual(3); // the current hour and the two before it
    const hour = new Date(Math.floor(now / 3_600_000) * 3_600_000).toISOString();
    const created = await series(
      company.token,
      `/v1/metrics?series=tasks.created&from=${hour}&to=${at(Date.parse(hour) + 3_600_000)}`,
    );
    expect(created['tasks.created']).toEqual([[hour, 1]]);
  });

  it('refuses unknown series, platform series to a company, and another company’s figures', async () => {
    const company = await signupCompany();
    const other = await signupCompany('Other');
    expect(
      (await expectProblem(await call('/v1/metrics?series=tasks.nope', { token: company.token }), 422))
        .errors[0].path,
    ).toBe('series');
    await expectProblem(await call('/v1/metrics?series=webhooks.attempts', { token: company.token }), 403);
    await expectProblem(await call(`/v1/metrics?org_id=${other.orgId}`, { token: company.token }), 403);
    await expectProblem(await call('/v1/admin/metrics', { token: company.token }), 403);
    await expectProblem(
      await call('/v1/metrics?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z', { token: company.token }),
      422,
    );
  });
});
