// Evaluating the rules (from the five-minute sweep): a firing rule with no open alert opens one — the
// partial unique index allows one open alert per rule, so concurrent sweeps open it once — and a rule that
// holds again closes it. Each change records its event in the same batch; the emails to admins come from
// those events (handlers.ts), once per incident and recovery however the sweep overlaps.
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { alerts } from '../../db/schema';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { recordEvent } from '../../lib/outbox';
import { ALERT_RULES } from './rules';

export async function evaluateAlerts(env: Env, db: Db, now = Date.now()) {
  const bounds = { taskP95Seconds: loadConfig(env).ALERT_TASK_P95_SECONDS };
  const open = new Map(
    (await db.select().from(alerts).where(eq(alerts.status, 'open'))).map((a) => [a.rule, a]),
  );
  let opened = 0;
  let closed = 0;
  const at = new Date(now).toISOString();
  for (const rule of ALERT_RULES) {
    let outcome: Awaited<ReturnType<typeof rule.check>>;
    try {
      outcome = await rule.check(db, now, bounds);
    } catch (error) {
      log.error('alert rule failed', { rule: rule.name, error: String(error) });
      continue;
    }
    const current = open.get(rule.name);
    const data = { rule: rule.name, detail: outcome.detail, value: outcome.value };
    if (outcome.firing && !current) {
      const id = newId('alert');
      await db.batch([
        db
          .insert(alerts)
          .values({
            id,
            rule: rule.name,
            status: 'open',
            detail: outcome.detail,
            value: outcome.value,
            openedAt: at,
          })
          .onConflictDoNothing(),
        recordEvent(
          db,
          { type: 'alert.opened', data: { alert_id: id, ...data } },
          { onlyIf: sql`EXISTS (SELECT 1 FROM ${alerts} WHERE ${alerts.id} = ${id})` },
        ),
      ]);
      opened++;
    } else if (!outcome.firing && current) {
      await db.batch([
        db
          .update(alerts)
          .set({ status: 'closed', closedAt: at, detail: outcome.detail, value: outcome.value })
          .where(and(eq(alerts.id, current.id), eq(alerts.status, 'open'))),
        recordEvent(
          db,
          { type: 'alert.resolved', data: { alert_id: current.id, ...data } },
          {
            onlyIf: sql`EXISTS (SELECT 1 FROM ${alerts} WHERE ${alerts.id} = ${current.id} AND ${alerts.closedAt} = ${at})`,
          },
        ),
      ]);
      closed++;
    }
  }
  return { alerts_opened: opened, alerts_closed: closed };
}
