// Evaluating the rules (from the five-minute sweep): a firing rule with no open alert opens one — the
// partial unique index allows one open alert per rule, so concurrent sweeps open it once. An open alert closes
// only once its rule has held for the quiet period: the first clear sweep marks it `clear_since`, a sweep that
// finds it firing again clears the mark (a relapse stays the same incident: no new email), and the first sweep
// QUIET_PERIOD_MS after the mark closes it. So a flapping rule makes one incident, not one per flap. Each
// opening and closing records its event in the same batch; the emails to admins come from those events
// (handlers.ts), once per incident and recovery however the sweep overlaps.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { type Alert, alerts } from '../../db/schema';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { ALERT_RULES, type RuleOutcome } from './rules';

/** How long a rule must stay clear before its alert closes: three five-minute sweeps. */
export const QUIET_PERIOD_MS = 15 * 60_000;

export async function evaluateAlerts(env: Env, db: Db, now = Date.now()) {
  const bounds = { taskP95Seconds: loadConfig(env).ALERT_TASK_P95_SECONDS };
  const open = new Map(
    (await db.select().from(alerts).where(eq(alerts.status, 'open'))).map((a) => [a.rule, a]),
  );
  let opened = 0;
  let closed = 0;
  const at = new Date(now).toISOString();
  for (const rule of ALERT_RULES) {
    let outcome: RuleOutcome;
    try {
      outcome = await rule.check(db, now, bounds);
    } catch (error) {
      log.error('alert rule failed', { rule: rule.name, error: String(error) });
      continue;
    }
    const current = open.get(rule.name);
    if (outcome.firing && !current) {
      if (await openAlert(db, rule.name, outcome, at)) opened++;
    } else if (outcome.firing && current?.clearSince) {
      // A relapse within the quiet period: the same incident goes on.
      await db
        .update(alerts)
        .set({ clearSince: null })
        .where(and(eq(alerts.id, current.id), eq(alerts.status, 'open')));
    } else if (!outcome.firing && current && !current.clearSince) {
      await db
        .update(alerts)
        .set({ clearSince: at })
        .where(and(eq(alerts.id, current.id), eq(alerts.status, 'open'), isNull(alerts.clearSince)));
    } else if (!outcome.firing && current?.clearSince) {
      if (now - Date.parse(current.clearSince) < QUIET_PERIOD_MS) continue;
      if (await closeAlert(db, current, outcome, at)) closed++;
    }
  }
  return { alerts_opened: opened, alerts_closed: closed };
}

/** Opens the rule's alert unless a concurrent sweep did; true when this one did. */
async function openAlert(db: Db, rule: string, outcome: RuleOutcome, at: string) {
  const id = newId('alert');
  const eventId = newId('event');
  const { detail, value } = outcome;
  const [inserted] = await db.batch([
    db
      .insert(alerts)
      .values({ id, rule, status: 'open', detail, value, openedAt: at, lastEventId: eventId })
      .onConflictDoNothing()
      .returning({ id: alerts.id }),
    recordEvent(
      db,
      { id: eventId, type: 'alert.opened', data: { alert_id: id, rule, detail, value } },
      { onlyIf: sql`EXISTS (SELECT 1 FROM ${alerts} WHERE ${alerts.id} = ${id})` },
    ),
  ]);
  return inserted.length > 0;
}

/**
 * Closes the alert if it is still in the clear stretch this sweep read (a concurrent relapse or close wins):
 * the update stamps its event id, and the event is written only where that stamp landed. True when it did.
 */
async function closeAlert(db: Db, current: Alert, outcome: RuleOutcome, at: string) {
  const { detail, value } = outcome;
  const eventId = newId('event');
  const [updated] = await db.batch([
    db
      .update(alerts)
      .set({ status: 'closed', closedAt: at, detail, value, lastEventId: eventId })
      .where(
        and(
          eq(alerts.id, current.id),
          eq(alerts.status, 'open'),
          eq(alerts.clearSince, current.clearSince ?? ''),
        ),
      )
      .returning({ id: alerts.id }),
    recordEvent(
      db,
      {
        id: eventId,
        type: 'alert.resolved',
        data: { alert_id: current.id, rule: current.rule, detail, value },
      },
      {
        onlyIf: sql`EXISTS (SELECT 1 FROM ${alerts} WHERE ${alerts.id} = ${current.id} AND ${alerts.lastEventId} = ${eventId})`,
      },
    ),
  ]);
  return updated.length > 0;
}
