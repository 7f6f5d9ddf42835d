// Bulk sends and the weekly summary: through the real route, D1 and emails queue with the embedded provider;
// and through the real Resend SDK (batch API) with Resend's HTTP API intercepted at fetch.
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import worker from '../../src/index';
import { newId } from '../../src/lib/ids';
import { type EmailJobStart, getEmailJob, sendEmailChunk, writeEmailJob } from '../../src/modules/email/jobs';
import { ResendError } from '../../src/modules/email/providers';
import { templates } from '../../src/modules/email/templates';
import { previousIsoWeek, weekBounds } from '../../src/modules/payouts/week';
import {
  type Account,
  call,
  createAdmin,
  expectProblem,
  json,
  requestEngagement,
  signupCompany,
  signupExpert,
  waitFor,
} from '../helpers';

afterEach(() => vi.restoreAllMocks());

const db = createDb(env.DB);
let admin: Account;
beforeAll(async () => {
  admin = await createAdmin();
});

const bulk = (recipients: unknown[], token = admin.token) =>
  call('/v1/admin/emails/bulk', {
    token,
    json: {
      template: 'announcement',
      subject: 'Maintenance on Sunday',
      message: 'We upgrade.\n\nBack at 6.',
      recipients,
    },
  });

const logsOfJob = (jobId: string) =>
  env.DB.prepare('SELECT "to", status, subject, text FROM email_logs WHERE job_id = ? ORDER BY "to"')
    .bind(jobId)
    .all<{ to: string; status: string; subject: string; text: string }>()
    .then((r) => r.results);

describe('bulk send', () => {
  it('sends each recipient one email through the queue, in chunks, and reports progress', async () => {
    const tag = Date.now().toString(36);
    const addresses = Array.from({ length: 230 }, (_, i) => `reader${i}-${tag}@example.test`);
    // The same address twice (in another case, once with a name) is one recipient.
    const recipients = [...addresses, addresses[0]?.toUpperCase(), { email: addresses[1], name: 'Berta' }];
    const response = await bulk(recipients);
    expect(response.status).toBe(202);
    const started = await json(response);
    expect(started).toMatchObject({ kind: 'bulk', subject: 'Maintenance on Sunday', total: 230 });

    const done = await waitFor(async () => {
      const job = await json(await call(`/v1/admin/emails/bulk/${started.id}`, { token: admin.token }));
      return job.status === 'completed' ? job : undefined;
    }, 20_000);
    expect(done).toMatchObject({ total: 230, sent: 230, queued: 0, failed: 0 });
    expect(done.completed_at).not.toBeNull();

    const logs = await logsOfJob(started.id);
    expect(logs).toHaveLength(230);
    expect(new Set(logs.map((l) => l.to.toLowerCase())).size).toBe(230);
    expect(logs.every((l) => l.status === 'sent' && l.subject === 'Maintenance on Sunday')).toBe(true);
    expect(logs.find((l) => l.to === addresses[0])?.text).toContain('Back at 6.');

    const listed = await json(await call('/v1/admin/emails/bulk', { token: admin.token }));
    expect(listed.data.map((j: { id: string }) => j.id)).toContain(started.id);
    // Each message also reads as an ordinary email in the admin's list.
    const one = await json(await call(`/v1/admin/emails?to=${addresses[5]}`, { token: admin.token }));
    expect(one.data).toHaveLength(1);
  });

  it('has the five-minute sweep send chunks whose queue message was lost', async () => {
    const cause = `lost:${Date.now()}`;
    const { job } = await writeEmailJob(env, db, {
      kind: 'bulk',
      template: 'announcement',
      cause,
      subject: 'Lost',
      createdBy: admin.userId,
      messages: ['x@example.test', 'y@example.test'].map((to) => ({
        template: 'announcement' as const,
        to,
        cause: `${cause}:${to}`,
        content: templates.announcement({ subject: 'Lost', paragraphs: ['Hi'], url: 'http://engage.test' }),
      })),
    }); // written, never queued: as if the request died before enqueueing
    await env.DB.prepare("UPDATE email_logs SET updated_at = '2026-01-01T00:00:00.000Z' WHERE job_id = ?")
      .bind(job.id)
      .run();
    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: new Date() }),
      env,
    );
    const done = await waitFor(async () => {
      const view = await getEmailJob(db, job.id);
      return view.status === 'completed' ? view : undefined;
    });
    expect(done).toMatchObject({ sent: 2, queued: 0 });
  });

  it('is for admins only, and refuses what it cannot send', async () => {
    const company = await signupCompany();
    const expert = await signupExpert();
    await expectProblem(await bulk(['a@example.test'], company.token), 403);
    await expectProblem(await bulk(['a@example.test'], expert.token), 403);
    await expectProblem(await call('/v1/admin/emails/bulk', { token: company.token }), 403);
    await expectProblem(
      await call('/v1/admin/emails/bulk', { json: { template: 'announcement', recipients: [] } }),
      401,
    );
    await expectProblem(await bulk([]), 422);
    await expectProblem(await bulk(['not an address']), 422);
    await expectProblem(await bulk(Array.from({ length: 10_001 }, (_, i) => `r${i}@example.test`)), 422);
    await expectProblem(
      await call('/v1/admin/emails/bulk/ejb_01JABCDEFGHJKMNPQRSTVWXYZ0', { token: admin.token }),
      404,
    );
  });
});

describe('bulk send through Resend', () => {
  const withResend = { ...env, RESEND_API_KEY: 're_test_engage_123', ENVIRONMENT: 'production' } as Env;
  let n = 0;

  /** A job of `count` messages written to D1 (its chunks are then sent here, not by the queue). */
  async function jobOf(count: number) {
    const cause = `test-bulk:${Date.now()}:${++n}`;
    const start: EmailJobStart = {
      kind: 'bulk',
      template: 'announcement',
      cause,
      subject: 'Hello',
      createdBy: admin.userId,
      messages: Array.from({ length: count }, (_, i) => ({
        template: 'announcement' as const,
        to: `r${i}-${n}@example.test`,
        cause: `${cause}:${i}`,
        content: templates.announcement({
          subject: 'Hello',
          paragraphs: ['News'],
          url: 'http://engage.test',
        }),
      })),
    };
    return (await writeEmailJob(withResend, db, start)).job;
  }

  function resendAnswering(answer: (emails: { to: string }[]) => Response) {
    const calls: { request: Request; emails: { to: string }[] }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.startsWith('https://api.resend.com/'))
        throw new Error(`unexpected fetch ${request.url}`);
      const emails = (await request.clone().json()) as { to: string }[];
      calls.push({ request, emails });
      return answer(emails);
    });
    return calls;
  }

  it('sends a chunk of 100 in one batch call with a stable idempotency key, once however often it runs', async () => {
    const job = await jobOf(150);
    const calls = resendAnswering((emails) =>
      Response.json({ data: emails.map((_, i) => ({ id: `re_${i}` })) }),
    );
    await sendEmailChunk(withResend, db, { job_id: job.id, chunk: 0 });
    await sendEmailChunk(withResend, db, { job_id: job.id, chunk: 0 }); // a redelivered message
    expect(calls).toHaveLength(1);
    const [first] = calls;
    expect(first?.request.url).toBe('https://api.resend.com/emails/batch');
    expect(first?.request.headers.get('authorization')).toBe('Bearer re_test_engage_123');
    expect(first?.request.headers.get('idempotency-key')).toBe(`${job.id}/0`);
    expect(first?.request.headers.get('x-batch-validation')).toBe('permissive');
    expect(first?.emails).toHaveLength(100);
    expect(await getEmailJob(db, job.id)).toMatchObject({ sent: 100, queued: 50, status: 'sending' });

    await sendEmailChunk(withResend, db, { job_id: job.id, chunk: 1 });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.emails).toHaveLength(50);
    expect(await getEmailJob(db, job.id)).toMatchObject({ sent: 150, queued: 0, status: 'completed' });
    // One email.sent event per message, not per call.
    const events = await env.DB.prepare(
      "SELECT count(*) AS n FROM events WHERE type = 'email.sent' AND json_extract(data, '$.job_id') = ?",
    )
      .bind(job.id)
      .first<{ n: number }>();
    expect(events?.n).toBe(150);
  });

  it('marks only the messages Resend refused as failed, and sends the rest', async () => {
    const job = await jobOf(3);
    resendAnswering(() =>
      Response.json({
        data: [{ id: 're_first' }, { id: 're_third' }],
        errors: [{ index: 1, message: 'Invalid `to` field.' }],
      }),
    );
    await sendEmailChunk(withResend, db, { job_id: job.id, chunk: 0 });
    const rows = await env.DB.prepare(
      'SELECT provider_id, status, error FROM email_logs WHERE job_id = ? ORDER BY id',
    )
      .bind(job.id)
      .all();
    expect(rows.results).toEqual([
      { provider_id: 're_first', status: 'sent', error: null },
      { provider_id: null, status: 'failed', error: 'Invalid `to` field.' },
      { provider_id: 're_third', status: 'sent', error: null },
    ]);
    expect(await getEmailJob(db, job.id)).toMatchObject({ sent: 2, failed: 1, status: 'completed' });
  });

  it('keeps a chunk queued when Resend fails, and sends it whole on the retry', async () => {
    const job = await jobOf(5);
    resendAnswering(() =>
      Response.json(
        { name: 'rate_limit_exceeded', message: 'Too many requests', statusCode: 429 },
        { status: 429 },
      ),
    );
    const error = await sendEmailChunk(withResend, db, { job_id: job.id, chunk: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResendError);
    expect(await getEmailJob(db, job.id)).toMatchObject({ queued: 5, sent: 0 });

    vi.restoreAllMocks();
    const calls = resendAnswering((emails) =>
      Response.json({ data: emails.map((_, i) => ({ id: `re_${i}` })) }),
    );
    await sendEmailChunk(withResend, db, { job_id: job.id, chunk: 0 });
    expect(calls[0]?.emails).toHaveLength(5);
    expect(calls[0]?.request.headers.get('idempotency-key')).toBe(`${job.id}/0`);
    expect(await getEmailJob(db, job.id)).toMatchObject({ queued: 0, sent: 5 });
  });
});

describe('weekly summary', () => {
  const monday = async (at: Date) => {
    const controller = createScheduledController({ cron: '0 9 * * 1', scheduledTime: at });
    await worker.scheduled(controller, env);
  };

  it('sends every member and expert with a live engagement one summary per week, however often the cron runs', async () => {
    const company = await signupCompany('Weekly GmbH');
    const expert = await signupExpert();
    const engagement = await requestEngagement(company, expert.expertId ?? '', { modules: ['TENDER'] });
    await call(`/v1/engagements/${engagement.id}/accept`, { method: 'POST', token: expert.token });
    // A Monday well after everything else in this database, so this week's figures are this test's alone.
    const at = new Date('2031-03-10T09:00:00.000Z');
    const week = previousIsoWeek(at);
    const { start } = weekBounds(week);
    // Two tasks completed last week: one by the AI unseen, one after the expert's review.
    for (const review of [null, '{"approved":true}']) {
      await env.DB.prepare(
        `INSERT INTO tasks (id, engagement_id, org_id, expert_id, title, module, type, priority, status, input, ai_handled, review, created_by, completed_at)
         VALUES (?, ?, ?, ?, 'T', 'TENDER', 'rfp', 'normal', 'completed', '{}', 'full', ?, ?, ?)`,
      )
        .bind(
          newId('task'),
          engagement.id,
          company.orgId,
          expert.expertId,
          review,
          company.userId,
          new Date(start.getTime() + 86_400_000).toISOString(),
        )
        .run();
    }

    await monday(at);
    await monday(at); // the cron fired twice (or was retried)

    const summaries = async (email: string) =>
      (
        await env.DB.prepare(
          'SELECT status, subject, text FROM email_logs WHERE template = \'weeklySummary\' AND "to" = ?',
        )
          .bind(email)
          .all<{ status: string; subject: string; text: string }>()
      ).results;
    const [forCompany, forExpert] = await waitFor(async () => {
      const both = [await summaries(company.email), await summaries(expert.email)];
      return both.every((rows) => rows.length > 0 && rows.every((row) => row.status === 'sent'))
        ? both
        : undefined;
    }, 20_000);
    expect(forCompany).toHaveLength(1);
    expect(forExpert).toHaveLength(1);
    expect(forCompany?.[0]?.subject).toBe(`Your week on Engage (${week})`);
    expect(forCompany?.[0]?.text).toContain('2 tasks completed, 1 of them (50 %) by the AI without review.');
    expect(forExpert?.[0]?.text).toContain('Payouts sent to you: none.');
    const jobs = await env.DB.prepare('SELECT count(*) AS n FROM email_jobs WHERE cause = ?')
      .bind(`weekly:${week}`)
      .first<{ n: number }>();
    expect(jobs?.n).toBe(1);
  });
});
