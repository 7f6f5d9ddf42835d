// A company's home: its open tasks, how much of its work the AI finished alone, what it spent this month,
// its credits, its tasks per day and what happened lately — one D1 batch of aggregates, all through its scope.
import { and, count, gte, inArray } from 'drizzle-orm';
import { loadConfig } from '../../config';
import { tasks } from '../../db/schema';
import type { TenantScope } from '../../lib/tenancy';
import { balanceFrom, balanceQuery } from '../credits/balance';
import { automationTotalsQuery, toAutomationTotals } from '../tasks/automation';
import { AUTOMATION_DAYS, dayOf, daysAgo, lastDays, monthOf } from './periods';
import type { CompanyHome } from './schema';
import { byDay, paidSinceQuery, recentActivityQuery, toHomeActivity } from './shared';

const OPEN = ['queued', 'in_progress', 'needs_review'] as const;

export async function companyHome(scope: TenantScope, env: Env, now: Date): Promise<CompanyHome> {
  const { db } = scope;
  const ownTasks = scope.taskCondition();
  const { month, start } = monthOf(now);
  const days = lastDays(now);
  const day = dayOf(tasks.createdAt);

  const [open, automation, spend, balance, created, activity] = await db.batch([
    db
      .select({ status: tasks.status, n: count() })
      .from(tasks)
      .where(and(ownTasks, inArray(tasks.status, [...OPEN])))
      .groupBy(tasks.status),
    automationTotalsQuery(db, and(ownTasks, gte(tasks.completedAt, daysAgo(now, AUTOMATION_DAYS)))),
    paidSinceQuery(db, scope.paymentCondition(), start),
    balanceQuery(db, scope.principal.orgId ?? ''),
    db
      .select({ day, n: count() })
      .from(tasks)
      .where(and(ownTasks, gte(tasks.createdAt, `${days[0]}T00:00:00.000Z`)))
      .groupBy(day),
    recentActivityQuery(scope),
  ]);

  const byStatus = Object.fromEntries(
    OPEN.map((s) => [s, open.find((r) => r.status === s)?.n ?? 0]),
  ) as Record<(typeof OPEN)[number], number>;
  const credits = balanceFrom(balance);
  const { rate, finished, completed_unseen } = toAutomationTotals(automation[0]);
  return {
    role: 'company',
    open_tasks: { ...byStatus, total: byStatus.queued + byStatus.in_progress + byStatus.needs_review },
    automation: { days: AUTOMATION_DAYS, finished, completed_unseen, rate },
    month,
    spend_this_month: spend.map((r) => ({
      currency: r.currency,
      amount: Number(r.amount),
      payments: r.payments,
    })),
    credits: { balance: credits, low_balance: credits < loadConfig(env).CREDITS_LOW_BALANCE },
    tasks_per_day: byDay(days, created, ([row]) => ({ created: row?.n ?? 0 })),
    recent_activity: toHomeActivity(activity),
  };
}
