// Metrics: the hourly rollup counts what the work recorded (events, tasks, dead letters, breaker openings),
// per company and platform-wide and per module or queue, correctly across hour boundaries and again when
// late data lands; percentiles match a known distribution; the API buckets by hour or day and shows a
// company only its own figures.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FAILURE_THRESHOLD } from '../../durable-objects/breaker-config';
import { createDb } from '../../src/db/client';
import { deadLetters, events, tasks } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { ALERT_RULES } from '../../src/modules/alerts/rules';
import { rollupMetrics } from '../../src/modules/metrics/rollup';
import { call, createAdmin, expectProblem, json, signupCompany } from '../helpers';
import { activeEngagement, taskValues } from '../tasks/fixtures';

const db = createDb(env.DB);
const H = Date.parse('2031-03-04T10:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

function taskEvent(
  type: 'task.created' | 'task.completed' | 'task.needs_review' | 'task.failed',
  orgId: string,
  ms: number,
  reviewed = false,
  module = 'CTAX',
) {
  return historyEvent(type, orgId, ms, {
    task_id: newId('task'),
    title: 'Metric',
    module,
    type: 'process_invoice',
    ...(reviewed ? { reviewed } : {}),
  });
}

/** An event that only stands for history: already relayed. */
function historyEvent(type: string, orgId: string | null, ms: number, data: Record<string, unknown>) {
  return {
    id: newId('event'),
    type,
    orgId,
    engagementId: null,
    data,
    createdAt: at(ms),
    relayedAt: at(ms),
  };
}

function deadLetter(queue: string, ms: number) {
  const id = newId('deadLetter');
  return { id, queue, messageId: `m-${id}`, body: {}, attempts: 6, createdAt: at(ms) };
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

  it('fires the task_latency_p95 alert from the last hour’s 95th percentile, not from a single slow task', async () => {
    const parties = await activeEngagement();
    const base = H + 72 * 60 * MIN; // later than every other test's tasks: the rule reads the hour before `now`
    const rule = ALERT_RULES.find((r) => r.name === 'task_latency_p95');
    const insertTasks = async (seconds: number[], offset: number) => {
      const rows = seconds.map((s, i) =>
        taskValues(parties, {
          status: 'completed',
          createdAt: at(base + offset + i * 1000),
          completedAt: at(base + offset + i * 1000 + s * 1000),
        }),
      );
      const [first, ...rest] = rows.map((row) => db.insert(tasks).values(row));
      if (first) await db.batch([first, ...rest]);
    };
    // 20 tasks, one of them slow: the 95th percentile (the 19th of 20) is 10 s.
    await insertTasks([...Array(19).fill(10), 1000], 0);
    const now = base + 30 * MIN;
    let outcome = await rule?.check(db, now, { taskP95Seconds: 300 });
    expect(outcome).toMatchObject({ firing: false, value: 10 });
    expect(outcome?.detail).toContain('Tasks completed in the last hour: 20');
    // A second slow one: the 95th percentile of 21 is the 20th, 1,000 s, above the bound.
    await insertTasks([1000], 5 * MIN);
    outcome = await rule?.check(db, now, { taskP95Seconds: 300 });
    expect(outcome).toMatchObject({ firing: true, value: 1000 });
    // Tasks completed over an hour before `now` no longer count.
    outcome = await rule?.check(db, base + 3 * 60 * MIN, { taskP95Seconds: 300 });
    expect(outcome).toMatchObject({ firing: false });
  });

  it('counts tasks per module, per company and platform-wide', async () => {
    const acme = await signupCompany('Acme');
    const globex = await signupCompany('Globex');
    const a = acme.orgId ?? '';
    const g = globex.orgId ?? '';
    const hour = H + 26 * 60 * MIN;
    await db.insert(events).values([
      taskEvent('task.created', a, hour + MIN),
      taskEvent('task.created', a, hour + 2 * MIN),
      taskEvent('task.created', a, hour + 3 * MIN, false, 'TENDER'),
      taskEvent('task.created', g, hour + 4 * MIN),
      taskEvent('task.created', g, hour + 5 * MIN, false, 'NOPE'), // no such module: in the total only
      taskEvent('task.completed', a, hour + 10 * MIN),
      taskEvent('task.completed', g, hour + 11 * MIN, true, 'TENDER'),
      taskEvent('task.needs_review', a, hour + 12 * MIN),
      taskEvent('task.failed', g, hour + 13 * MIN, false, 'TENDER'),
      taskEvent('task.created', a, hour + 60 * MIN), // the next hour
    ]);
    await rollupMetrics(db, hour + 90 * MIN);
    const admin = await createAdmin();
    const range = `from=${at(hour)}&to=${at(hour + 2 * 60 * MIN)}`;
    const names = ['created', 'completed', 'needs_review', 'failed'].flatMap((n) => [
      `tasks.${n}:CTAX`,
      `tasks.${n}:TENDER`,
    ]);
    const platform = await series(admin.token, `/v1/admin/metrics?series=tasks.created,${names}&${range}`);
    const first = (name: string) => platform[name].map(([, v]: [string, number]) => v);
    expect(first('tasks.created')).toEqual([5, 1]);
    expect(first('tasks.created:CTAX')).toEqual([3, 1]);
    expect(first('tasks.created:TENDER')).toEqual([1, 0]);
    expect(first('tasks.completed:CTAX')).toEqual([1, 0]);
    expect(first('tasks.completed:TENDER')).toEqual([1, 0]);
    expect(first('tasks.needs_review:CTAX')).toEqual([1, 0]);
    expect(first('tasks.needs_review:TENDER')).toEqual([0, 0]);
    expect(first('tasks.failed:CTAX')).toEqual([0, 0]);
    expect(first('tasks.failed:TENDER')).toEqual([1, 0]);

    const own = await series(
      acme.token,
      `/v1/metrics?series=tasks.created:CTAX,tasks.failed:TENDER&${range}`,
    );
    expect(own['tasks.created:CTAX']).toEqual([
      [at(hour), 2],
      [at(hour + 60 * MIN), 1],
    ]);
    expect(own['tasks.failed:TENDER']).toEqual([
      [at(hour), 0],
      [at(hour + 60 * MIN), 0],
    ]);
    const theirs = await series(globex.token, `/v1/metrics?series=tasks.failed:*&${range}`);
    expect(Object.keys(theirs).sort()).toEqual([
      'tasks.failed:CTAX',
      'tasks.failed:LEADS',
      'tasks.failed:TENDER',
    ]);
    expect(theirs['tasks.failed:TENDER'][0]).toEqual([at(hour), 1]);
    await expectProblem(await call(`/v1/metrics?series=tasks.nope:*&${range}`, { token: globex.token }), 422);
  });

  it('counts payout amounts, pages per extraction, dead letters per queue and breaker openings per hour', async () => {
    const company = await signupCompany();
    const org = company.orgId ?? '';
    const hour = H + 28 * 60 * MIN;
    const payout = (type: string, amount: number, currency: string, ms: number) =>
      historyEvent(type, null, ms, {
        payout_id: newId('payout'),
        expert_id: 'exp_x',
        week: '2031-W10',
        currency,
        amount,
      });
    const extraction = (type: string, ms: number, pages?: number) =>
      historyEvent(type, org, ms, {
        extraction_id: newId('extraction'),
        task_id: null,
        url: 'https://a.example',
        status: 'completed',
        ...(pages === undefined ? {} : { pages }),
      });
    await db.insert(events).values([
      payout('payout.completed', 12_000, 'eur', hour + MIN),
      payout('payout.completed', 8_050, 'eur', hour + 2 * MIN),
      payout('payout.completed', 5_000, 'usd', hour + 3 * MIN), // not EUR
      payout('payout.failed', 3_000, 'eur', hour + 4 * MIN), // not paid out
      payout('payout.completed', 1_000, 'eur', hour + 61 * MIN),
      extraction('extraction.completed', hour + 5 * MIN, 3),
      extraction('extraction.completed', hour + 6 * MIN, 6),
      extraction('extraction.failed', hour + 7 * MIN),
    ]);
    await db
      .insert(deadLetters)
      .values([
        deadLetter('engage-tasks', hour + MIN),
        deadLetter('engage-tasks', hour + 59 * MIN),
        deadLetter('engage-emails', hour + 30 * MIN),
        deadLetter('engage-tasks', hour + 60 * MIN),
      ]);
    // A breaker opens after its threshold of failures, again when its half-open trial fails (a failure
    // while open is no new opening), and once more in the next hour.
    const name = `webhook:metrics-${newId('event')}.example`;
    const breaker = env.CIRCUIT_BREAKER.get(env.CIRCUIT_BREAKER.idFromName(name));
    for (let i = 0; i < FAILURE_THRESHOLD; i++)
      await breaker.recordFailure(name, 'HTTP 503', hour + 10 * MIN);
    expect((await breaker.acquire(name, 60_000, hour + 12 * MIN)).state).toBe('half_open');
    await breaker.recordFailure(name, 'HTTP 503', hour + 12 * MIN);
    await breaker.recordFailure(name, 'HTTP 503', hour + 12 * MIN + 1000);
    expect((await breaker.acquire(name, 60_000, hour + 70 * MIN)).state).toBe('half_open');
    await breaker.recordFailure(name, 'HTTP 503', hour + 70 * MIN);

    // The backlog is what the queues hold when the rollup runs: it lands in that (the current) hour.
    await rollupMetrics(db, hour + 90 * MIN, {
      backlog: { 'engage-tasks': 4, 'engage-emails': 2, 'engage-extractions': null },
    });
    const admin = await createAdmin();
    const range = `from=${at(hour)}&to=${at(hour + 2 * 60 * MIN)}`;
    const platform = await series(
      admin.token,
      `/v1/admin/metrics?series=${[
        'payouts.amount_eur',
        'breakers.opened',
        'dead_letters',
        'dead_letters:engage-tasks',
        'dead_letters:engage-emails',
        'queues.backlog',
        'queues.backlog:engage-tasks',
        'queues.backlog:engage-extractions',
        'extractions.pages_per_run',
      ]}&${range}`,
    );
    const values = (name: string) => platform[name].map(([, v]: [string, number | null]) => v);
    expect(values('payouts.amount_eur')).toEqual([20_050, 1_000]);
    expect(values('breakers.opened')).toEqual([2, 1]);
    expect(values('dead_letters')).toEqual([3, 1]);
    expect(values('dead_letters:engage-tasks')).toEqual([2, 1]);
    expect(values('dead_letters:engage-emails')).toEqual([1, 0]);
    expect(values('queues.backlog')).toEqual([null, 6]);
    expect(values('queues.backlog:engage-tasks')).toEqual([null, 4]);
    expect(values('queues.backlog:engage-extractions')).toEqual([null, null]);
    expect(values('extractions.pages_per_run')).toEqual([4.5, null]);

    const own = await series(company.token, `/v1/metrics?series=extractions.pages_per_run&${range}`);
    expect(own['extractions.pages_per_run'][0]).toEqual([at(hour), 4.5]);
    await expectProblem(
      await call(`/v1/metrics?series=queues.backlog:engage-tasks&${range}`, { token: company.token }),
      403,
    );
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
