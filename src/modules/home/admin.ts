// The operator's home: money through the platform this month and the fee on it, how much work the AI finished
// alone, the queues' health, open alerts and payments per day — the figures in one D1 batch, the queues as
// GET /v1/admin/queues reports them (the same function, so the two never disagree).
import { and, count, desc, eq, gte, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import { alerts, payments, tasks } from '../../db/schema';
import type { TenantScope } from '../../lib/tenancy';
import { queueOverview } from '../admin/service';
import { toAlertView } from '../alerts/routes';
import { automationTotalsQuery, toAutomationTotals } from '../tasks/automation';
import { AUTOMATION_DAYS, dayOf, daysAgo, lastDays, monthOf } from './periods';
import type { AdminHome } from './schema';
import { byDay, paidSinceQuery } from './shared';

const ALERTS_SHOWN = 5;

export async function adminHome(scope: TenantScope, env: Env, now: Date): Promise<AdminHome> {
  const { db } = scope;
  const { month, start } = monthOf(now);
  const days = lastDays(now);
  const day = dayOf(payments.paidAt);
  const isOpen = eq(alerts.status, 'open');

  const [[volume, automation, open, latest, perDay], queues] = await Promise.all([
    db.batch([
      paidSinceQuery(db, scope.paymentCondition(), start),
      automationTotalsQuery(
        db,
        and(scope.taskCondition(), gte(tasks.completedAt, daysAgo(now, AUTOMATION_DAYS))),
      ),
      db.select({ n: count() }).from(alerts).where(isOpen),
      db.select().from(alerts).where(isOpen).orderBy(desc(alerts.openedAt)).limit(ALERTS_SHOWN),
      db
        .select({
          day,
          currency: payments.currency,
          amount: sql<number>`coalesce(sum(${payments.amount}), 0)`,
          n: count(),
        })
        .from(payments)
        .where(and(scope.paymentCondition(), gte(payments.paidAt, `${days[0]}T00:00:00.000Z`)))
        .groupBy(day, payments.currency)
        .orderBy(payments.currency),
    ]),
    queueOverview(env, db),
  ]);

  const { rate, finished, completed_unseen } = toAutomationTotals(automation[0]);
  return {
    role: 'admin',
    month,
    volume_this_month: volume.map((r) => ({
      currency: r.currency,
      amount: Number(r.amount),
      payments: r.payments,
    })),
    fees_this_month: volume.map((r) => ({ currency: r.currency, amount: Number(r.fee) })),
    fee_bps: loadConfig(env).PLATFORM_FEE_BPS,
    automation: { days: AUTOMATION_DAYS, finished, completed_unseen, rate },
    queues: queues.data,
    alerts: { open: open[0]?.n ?? 0, latest: latest.map(toAlertView) },
    volume_per_day: byDay(days, perDay, (rows) => ({
      payments: rows.reduce((n, r) => n + r.n, 0),
      amounts: rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) })),
    })),
  };
}
