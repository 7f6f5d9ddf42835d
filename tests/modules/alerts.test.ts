// Alerts: a rule that fires opens one alert per incident (however often or concurrently the sweep runs) and
// emails the admins once; it closes with one more email only after staying clear for the quiet period, so a
// flapping rule makes one incident — one email when it opens, one when it has recovered — never a storm.
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sweep } from '../../src/cron';
import { createDb } from '../../src/db/client';
import { deadLetters } from '../../src/db/schema';
import { relayPending } from '../../src/events/relay';
import { sha256Hex } from '../../src/lib/crypto';
import { newId } from '../../src/lib/ids';
import { evaluateAlerts, QUIET_PERIOD_MS } from '../../src/modules/alerts/evaluate';
import { call, createAdmin, json, waitFor } from '../helpers';

const db = createDb(env.DB);

async function alertsOf(token: string) {
  return (await json(await call('/v1/admin/alerts?limit=100', { token }))).data as {
    id: string;
    rule: string;
    status: string;
    detail: string;
    clear_since: string | null;
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
    expect(runs.reduce((n, r) => n + r.alerts_opened, 0)).toBe(1);
    expect((await evaluateAlerts(env, db)).alerts_opened).toBe(0);
    const open = (await alertsOf(admin.token)).filter((a) => a.rule === 'dead_letter_waiting');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'open', detail: expect.stringContaining('1 dead letter') });

    await relayPending(env);
    const opened = await waitFor(async () => {
      const mails = await emailsTo(admin.token, admin.email);
      return mails.length > 0 && mails;
    });
    expect(opened.map((m) => m.subject)).toEqual(['Alert: Dead letters waiting']);

    await db
      .update(deadLetters)
      .set({ redrivenAt: new Date().toISOString() })
      .where(eq(deadLetters.id, letter));
    // Clear from now on: the first clear sweep marks it, and it closes once the quiet period has passed.
    const clear = Date.now();
    expect((await evaluateAlerts(env, db, clear)).alerts_closed).toBe(0);
    const recovering = (await alertsOf(admin.token)).find((a) => a.rule === 'dead_letter_waiting');
    expect(recovering).toMatchObject({ status: 'open', clear_since: new Date(clear).toISOString() });
    expect((await evaluateAlerts(env, db, clear + QUIET_PERIOD_MS - 60_000)).alerts_closed).toBe(0);
    expect((await evaluateAlerts(env, db, clear + QUIET_PERIOD_MS)).alerts_closed).toBe(1);
    expect((await evaluateAlerts(env, db, clear + QUIET_PERIOD_MS + 60_000)).alerts_closed).toBe(0);
    await relayPending(env);
    const all = await waitFor(async () => {
      const mails = await emailsTo(admin.token, admin.email);
      return mails.length > 1 && mails;
    });
    expect(all.map((m) => m.subject).sort()).toEqual([
      'Alert: Dead letters waiting',
      'Recovered: Dead letters waiting',
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
    expect((await evaluateAlerts(env, db, Date.now() + QUIET_PERIOD_MS)).alerts_closed).toBe(1);
  });

  it('opens and closes once under flapping: one alert email, one recovery email once it stays clear', async () => {
    const admin = await createAdmin();
    const incidentsOf = async () =>
      (await alertsOf(admin.token)).filter((a) => a.rule === 'dead_letter_waiting');
    const before = (await incidentsOf()).length;
    const start = Date.now();
    // One sweep every five minutes; before each, a dead letter arrives (firing) or all are redriven (clear).
    const sweepAt = async (minute: number, firing: boolean) => {
      const id = newId('deadLetter');
      if (firing)
        await db.insert(deadLetters).values({
          id,
          queue: 'engage-tasks',
          messageId: `flap-${id}`,
          body: {},
          attempts: 6,
          createdAt: new Date(start - 30 * 60_000).toISOString(),
        });
      else await db.update(deadLetters).set({ redrivenAt: new Date().toISOString() });
      const now = start + minute * 60_000;
      // Two sweeps at once, as overlapping crons would run them.
      const runs = await Promise.all([evaluateAlerts(env, db, now), evaluateAlerts(env, db, now)]);
      return runs.reduce(
        (n, r) => ({ opened: n.opened + r.alerts_opened, closed: n.closed + r.alerts_closed }),
        {
          opened: 0,
          closed: 0,
        },
      );
    };
    expect(await sweepAt(0, true)).toEqual({ opened: 1, closed: 0 });
    // Flapping: clear and firing by turns, each clear stretch shorter than the quiet period.
    for (const [minute, firing] of [
      [5, false],
      [10, true],
      [15, false],
      [20, true],
      [25, false],
      [30, false],
      [35, false],
    ] as const) {
      expect(await sweepAt(minute, firing)).toEqual({ opened: 0, closed: 0 });
      const incidents = await incidentsOf();
      expect(incidents).toHaveLength(before + 1);
      expect(incidents[0]?.status).toBe('open');
    }
    // Clear since minute 25: the sweep at minute 40 finds the quiet period over and closes it, once.
    expect((await sweepAt(40, false)).closed).toBe(1);
    expect(await sweepAt(45, false)).toEqual({ opened: 0, closed: 0 });
    const [incident, ...older] = await incidentsOf();
    expect(older).toHaveLength(before);
    expect(incident?.status).toBe('closed');

    const changes = await env.DB.prepare(
      `SELECT id, type FROM events WHERE json_extract(data, '$.alert_id') = ? ORDER BY type`,
    )
      .bind(incident?.id)
      .all<{ id: string; type: string }>();
    expect(changes.results.map((e) => e.type)).toEqual(['alert.opened', 'alert.resolved']);
    // The admin's emails about this incident, by the cause each is keyed by (earlier tests' events may still
    // be on their way to every admin).
    const [opened, resolved] = changes.results;
    const keys = await Promise.all([
      sha256Hex(`${opened?.id}:alertOpened:${admin.userId}`),
      sha256Hex(`${resolved?.id}:alertResolved:${admin.userId}`),
    ]);
    await relayPending(env);
    const mails = await waitFor(async () => {
      const sent = await env.DB.prepare(
        'SELECT subject FROM email_logs WHERE dedupe_key IN (SELECT value FROM json_each(?))',
      )
        .bind(JSON.stringify(keys))
        .all<{ subject: string }>();
      return sent.results.length > 1 && sent.results;
    });
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Alert: Dead letters waiting',
      'Recovered: Dead letters waiting',
    ]);
  });
});
