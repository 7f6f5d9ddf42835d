// An expert's home: the review queue, what they earned (paid out this month, and owed), the next payout run
// with what it will transfer, the requests waiting for their answer and what happened lately — one D1 batch.
import { and, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { CRONS } from '../../cron';
import { engagements, experts, orgs, payouts, tasks } from '../../db/schema';
import type { TenantScope } from '../../lib/tenancy';
import { expertBalanceQuery } from '../payments/service';
import { monthOf, nextWeeklyRun } from './periods';
import type { ExpertHome } from './schema';
import { recentActivityQuery, toHomeActivity } from './shared';

/** Payouts the next run transfers: prepared, failed last time, or claimed by a run that has not finished. */
const AWAITING = ['pending', 'processing', 'failed'] as const;
const REQUESTS_SHOWN = 5;

export async function expertHome(scope: TenantScope, now: Date): Promise<ExpertHome> {
  const { db } = scope;
  const expertId = scope.principal.expertId ?? '';
  const { month, start } = monthOf(now);
  const payoutSums = (where: ReturnType<typeof and>) =>
    db
      .select({ currency: payouts.currency, amount: sql<number>`coalesce(sum(${payouts.amount}), 0)` })
      .from(payouts)
      .where(and(scope.payoutCondition(), where))
      .groupBy(payouts.currency)
      .orderBy(payouts.currency);
  const requested = and(scope.engagementCondition(), eq(engagements.status, 'pending'));

  const [queue, paid, balances, awaiting, profile, waiting, latest, activity] = await db.batch([
    db
      .select({ n: count() })
      .from(tasks)
      .where(and(scope.taskCondition(), eq(tasks.status, 'needs_review'))),
    payoutSums(and(eq(payouts.status, 'completed'), gte(payouts.processedAt, start))),
    expertBalanceQuery(db, expertId),
    payoutSums(inArray(payouts.status, [...AWAITING])),
    db.select({ payoutsEnabled: experts.payoutsEnabled }).from(experts).where(eq(experts.id, expertId)),
    db.select({ n: count() }).from(engagements).where(requested),
    db
      .select({
        id: engagements.id,
        title: engagements.title,
        company: orgs.name,
        requestedAt: engagements.createdAt,
      })
      .from(engagements)
      .innerJoin(orgs, eq(orgs.id, engagements.orgId))
      .where(requested)
      .orderBy(desc(engagements.id))
      .limit(REQUESTS_SHOWN),
    recentActivityQuery(scope),
  ]);

  const currencies = [...new Set([...paid, ...balances].map((r) => r.currency))].sort();
  return {
    role: 'expert',
    review_queue: queue[0]?.n ?? 0,
    month,
    earnings: currencies.map((currency) => ({
      currency,
      paid_this_month: Number(paid.find((r) => r.currency === currency)?.amount ?? 0),
      pending: Number(balances.find((r) => r.currency === currency)?.balance ?? 0),
    })),
    next_payout: {
      at: nextWeeklyRun(CRONS.processPayouts, now).toISOString(),
      amounts: awaiting.map((r) => ({ currency: r.currency, amount: Number(r.amount) })),
      payouts_enabled: profile[0]?.payoutsEnabled ?? false,
    },
    requests: {
      waiting: waiting[0]?.n ?? 0,
      latest: latest.map((r) => ({
        id: r.id,
        title: r.title,
        company: r.company,
        requested_at: r.requestedAt,
      })),
    },
    recent_activity: toHomeActivity(activity),
  };
}
