// Alerts: a rule that fires opens one alert per incident (however often or concurrently the sweep runs) and
// emails the admins once; recovery closes it with one more email; a flapping rule makes one incident per
// flap, never a storm.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sweep } from '../../src/cron';
import { createDb } from '../../src/db/client';
import { deadLetters } from '../../src/db/schema';
import { relayPending } from '../../src/events/relay';
import { newId } from '../../src/lib/ids';
import { evaluateAlerts } from '../../src/modules/alerts/evaluate';
import { call, createAdmin, json, waitFor } from '../helpers';

const db = createDb(env.DB);

async function alertsOf(token: string) {
  return (await json(await call('/v1/admin/alerts?limit=100', { token }))).data as {
    rule: string;
    status: string;
    detail: string;
  }[];
}

async function emailsTo(token: string, email: string) {
  const page = await json(
    await call(`/v1/admin/emails?to=${encodeURIComponent(email)}&limit=100`, { token }),
  );
  return page.data as { subject: string }[];
}

describe('alerts', () => {
  it('opens once per incident, emails the admins once, and closes with a recovery email', async () => {
    const admin = await createAdmin();
    const letter = newId('deadLetter');
    await db.insert(deadLetters).values({
      id: letter,
      queue: 'engage-tasks',
      messageId: `m-${letter}`,
      body: { task_id: 'tsk_x' },
      attempts: 6,
      createdAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    });
    const runs = await Promise.all([
      evaluateAlerts(env, db),
      evaluateAlerts(env, db),
      evaluateAlerts(env, db),
    ]);
    expect(runs.reduce((n, r) => n + r.alerts_opened, 0)).toBeGreaterThanOrEqual(1);
    expect((await evaluateAlerts(env, db)).alerts_opened).toBe(0);
    const open = (await alertsOf(admin.token)).filter((a) => a.rule === 'dead_letter_waiting');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'open', detail: expect.stringContaining('1 dead letter') });

    await relayPending(env);
    const opened = await waitFor(async () => {
      const mails = await emailsTo(admin.token, admin.email);
      return mails.length > 0 && mails;
    });
    expect(opened.map((m) => m.subject)).toEqual(['Alert: dead_letter_waiting']);

    await db
      .update(deadLetters)
      .set({ redrivenAt: new Date().toISOString() })
      .where(eq(deadLetters.id, letter));
    expect((await evaluateAlerts(env, db)).alerts_closed).toBe(1);
    expect((await evaluateAlerts(env, db)).alerts_closed).toBe(0);
    await relayPending(env);
    const all = await waitFor(async () => {
      const mails = await emailsTo(admin.token, admin.email);
      return mails.length > 1 && mails;
    });
    expect(all.map((m) => m.subject).sort()).toEqual([
      'Alert: dead_letter_waiting',
      'Recovered: dead_letter_waiting',
    ]);
    expect((await alertsOf(admin.token)).find((a) => a.rule === 'dead_letter_waiting')?.status).toBe(
      'closed',
    );
  });

  it('sends the event of an alert the sweep opened in the same sweep, so its email does not wait for the next', async () => {
    const letter = newId('deadLetter');
    await db.insert(deadLetters).values({
      id: letter,
      queue: 'engage-emails',
      messageId: `m-${letter}`,
      body: {},
      attempts: 6,
      createdAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    });
    // This sweep opens the incident (an earlier test's is closed), and its event is on its way when it returns.
    expect((await sweep(env)).alerts_opened).toBe(1);
    const opened = await env.DB.prepare(
      `SELECT e.relayed_at FROM events e JOIN alerts a ON a.id = json_extract(e.data, '$.alert_id')
       WHERE e.type = 'alert.opened' AND a.rule = 'dead_letter_waiting' AND a.status = 'open'`,
    ).first<{ relayed_at: string | null }>();
    expect(opened?.relayed_at).toEqual(expect.any(String));
    // Over again, for the tests after.
    await db
      .update(deadLetters)
      .set({ redrivenAt: new Date().toISOString() })
      .where(eq(deadLetters.id, letter));
    await evaluateAlerts(env, db);
  });

  it('makes one incident per flap of a flapping rule', async () => {
    const admin = await createAdmin();
    const before = (await alertsOf(admin.token)).filter((a) => a.rule === 'dead_letter_waiting').length;
    const flap = async (on: boolean) => {
      const id = newId('deadLetter');
      if (on)
        await db.insert(deadLetters).values({
          id,
          queue: 'engage-tasks',
          messageId: `flap-${id}`,
          body: {},
          attempts: 6,
          createdAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        });
      else await db.update(deadLetters).set({ redrivenAt: new Date().toISOString() });
      await evaluateAlerts(env, db);
      await evaluateAlerts(env, db);
    };
    await flap(true);
    await flap(false);
    await flap(true);
    const incidents = (await alertsOf(admin.token)).filter((a) => a.rule === 'dead_letter_waiting');
    expect(incidents).toHaveLength(before + 2);
    expect(incidents.slice(0, 2).map((a) => a.status)).toEqual(['open', 'closed']);
  });
});
