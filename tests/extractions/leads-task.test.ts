// LEADS/extract_leads: a task on an engagement that runs as an extraction, through the real tasks and
// extractions queues, and ends by the extraction's confidence against the engagement's threshold.
import { createMessageBatch } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../src';
import { extractions } from '../../src/db/schema';
import { relayPending } from '../../src/events/relay';
import { processExtraction } from '../../src/modules/extractions/run';
import { processTask } from '../../src/modules/tasks/process';
import { recoverTasks } from '../../src/modules/tasks/recovery';
import { muellerMaschinenbau } from '../fixtures/sites/mueller-maschinenbau';
import { call, createAdmin, expectProblem, json } from '../helpers';
import { activeEngagement, db, insertTask, taskRow, waitForStatus } from '../tasks/fixtures';
import { html, installNetwork } from './network';

afterEach(() => vi.restoreAllMocks());

async function eventsOf(engagementId: string) {
  const { results } = await env.DB.prepare(
    'SELECT type, data FROM events WHERE engagement_id = ? ORDER BY id',
  )
    .bind(engagementId)
    .all<{ type: string; data: string }>();
  return results.map((r) => ({ type: r.type, data: JSON.parse(r.data) }));
}

describe('LEADS/extract_leads tasks', () => {
  it('crawl the site and complete with the entities; progress events reach the engagement', async () => {
    installNetwork([muellerMaschinenbau]);
    const parties = await activeEngagement(['LEADS']);
    const created = await call(`/v1/engagements/${parties.engagementId}/tasks`, {
      token: parties.company.token,
      json: {
        title: 'Leads: Müller',
        module: 'LEADS',
        type: 'extract_leads',
        input: { url: 'www.firma-mueller.de' },
      },
    });
    expect(created.status).toBe(202);
    const task = await json(created);
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.model_used).toBe('engage-crawler-v1');
    const output = done.output as { extraction_id: string; entities: { type: string; value: string }[] };
    expect(
      output.entities.some((e) => e.type === 'COMPANY_NAME' && e.value === 'Müller Maschinenbau GmbH'),
    ).toBe(true);
    // The extraction is the company's to read, linked to the task.
    const extraction = await json(
      await call(`/v1/extractions/${output.extraction_id}`, { token: parties.company.token }),
    );
    expect(extraction).toMatchObject({ task_id: task.id, status: 'completed' });
    // Its progress went to the engagement (and so to its live room), in order, before the task completed.
    const types = (await eventsOf(parties.engagementId)).map((e) => e.type);
    expect(types).toContain('extraction.progress');
    expect(types.indexOf('extraction.completed')).toBeLessThan(types.lastIndexOf('task.completed'));
  });

  it('refuses at creation, with 422, a URL the rules refuse without fetching; fails one refused later', async () => {
    const network = installNetwork([], { 'intranet.leads-test.de': ['10.0.0.7'] });
    const parties = await activeEngagement(['LEADS']);
    const create = (url: string) =>
      call(`/v1/engagements/${parties.engagementId}/tasks`, {
        token: parties.company.token,
        json: { title: 'Leads', module: 'LEADS', type: 'extract_leads', input: { url } },
      });
    const refused = await expectProblem(await create('http://169.254.169.254/'), 422);
    expect(refused.errors[0].path).toBe('input.url');

    const task = await json(await create('https://intranet.leads-test.de'));
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review', 'failed']);
    expect(done.status).toBe('failed');
    expect(String(done.error)).toContain('private_address');
    expect(network.fetched).toEqual([]);
  });

  it('stays waiting through the task sweep while its extraction runs, and is finished by it', async () => {
    const parties = await activeEngagement(['LEADS']);
    const task = await insertTask(parties, {
      module: 'LEADS',
      type: 'extract_leads',
      input: { url: 'https://www.slow-gmbh.de' },
    });
    // Started: the extraction exists (queued; only this test delivers it), the task waits in_progress.
    expect(await processTask(env, task.id)).toBe('waiting');
    const extraction = await db.query.extractions.findFirst({ where: eq(extractions.taskId, task.id) });
    if (!extraction) throw new Error('no extraction');
    const longAgo = Date.now() + 60 * 60_000; // the sweep as if an hour had passed
    await recoverTasks(env, db, longAgo);
    expect((await taskRow(task.id)).status).toBe('in_progress');

    installNetwork([
      {
        name: 'slow',
        origin: 'https://www.slow-gmbh.de',
        pages: {
          '/': '<html lang="de"><body>Slow GmbH, Hauptstraße 1, 10115 Berlin, info@slow-gmbh.de</body></html>',
        },
        expected: [],
      },
    ]);
    await processExtraction(env, extraction.id, { sleep: async () => {} });
    // The extraction's end settles the task through its event (outbox → events queue), not a direct write.
    expect((await taskRow(task.id)).status).toBe('in_progress');
    await relayPending(env);
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review', 'failed']);
    expect(['completed', 'needs_review']).toContain(done.status);
    expect(done.output).toMatchObject({ extraction_id: extraction.id });
  });

  it('fails with its extraction when the message dies, and is reopened and finished by a redrive', async () => {
    const network = installNetwork([]);
    network.routes.set('https://www.wackel-gmbh.de/', html('<h1>Busy</h1>', 503));
    const parties = await activeEngagement(['LEADS']);
    const task = await insertTask(parties, {
      module: 'LEADS',
      type: 'extract_leads',
      input: { url: 'https://www.wackel-gmbh.de' },
    });
    expect(await processTask(env, task.id)).toBe('waiting');
    const extraction = await db.query.extractions.findFirst({ where: eq(extractions.taskId, task.id) });
    if (!extraction) throw new Error('no extraction');
    // Its message used up its retries: the dead-letter consumer fails the extraction, its event the task.
    await worker.queue(
      createMessageBatch('engage-extractions-dlq', [
        {
          id: `dead-${extraction.id}`,
          timestamp: new Date(),
          attempts: 6,
          body: { extraction_id: extraction.id },
        },
      ]),
      env,
    );
    const failed = await waitForStatus(parties.company.token, task.id, ['failed']);
    expect(failed.error).toBeTruthy();

    network.routes.set(
      'https://www.wackel-gmbh.de/',
      html(
        '<html lang="de"><body>Wackel GmbH, Hauptstraße 2, 10115 Berlin, info@wackel-gmbh.de</body></html>',
      ),
    );
    const admin = await createAdmin();
    const letters = await json(
      await call('/v1/admin/dead-letters?queue=engage-extractions', { token: admin.token }),
    );
    const letter = letters.data.find(
      (l: { body: { extraction_id: string } }) => l.body.extraction_id === extraction.id,
    );
    const redriven = await call(`/v1/admin/dead-letters/${letter.id}/redrive`, {
      method: 'POST',
      token: admin.token,
    });
    expect(redriven.status).toBe(200);
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review']);
    expect(done.error).toBeNull();
    expect(done.output).toMatchObject({ extraction_id: extraction.id });
  });

  it('asks for review when the site yields little', async () => {
    installNetwork([
      {
        name: 'empty',
        origin: 'https://www.leer-gmbh.de',
        pages: { '/': '<html lang="de"><body><h1>Bald mehr</h1></body></html>' },
        expected: [],
      },
    ]);
    const parties = await activeEngagement(['LEADS']);
    const task = await json(
      await call(`/v1/engagements/${parties.engagementId}/tasks`, {
        token: parties.company.token,
        json: {
          title: 'Leads',
          module: 'LEADS',
          type: 'extract_leads',
          input: { url: 'https://www.leer-gmbh.de' },
        },
      }),
    );
    const done = await waitForStatus(parties.company.token, task.id, ['completed', 'needs_review', 'failed']);
    expect(done.status).toBe('needs_review');
    expect(done.ai_confidence).toBeLessThan(20);
  });

  it('refuses a task without a url with 422', async () => {
    const parties = await activeEngagement(['LEADS']);
    const response = await call(`/v1/engagements/${parties.engagementId}/tasks`, {
      token: parties.company.token,
      json: { title: 'Leads', module: 'LEADS', type: 'extract_leads', input: {} },
    });
    expect(response.status).toBe(422);
  });
});
