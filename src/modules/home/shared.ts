// Statements more than one role's home reads: money that came in since an instant per currency, and the
// recent activity of the caller's engagements (told as GET /v1/engagements/:id/activity tells it, with the
// actor joined in the same statement, so the home stays one D1 batch).
import { and, count, desc, eq, gte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { engagements, events, payments, users } from '../../db/schema';
import type { TenantScope } from '../../lib/tenancy';
import { eventActorId, toActivity } from '../activity/service';
import type { HomeActivity } from './schema';

const RECENT = 10;

/** Payments that succeeded (were paid, whatever came later) since `start`, per currency, with the fee. */
export const paidSinceQuery = (db: Db, where: SQL | undefined, start: string) =>
  db
    .select({
      currency: payments.currency,
      amount: sql<number>`coalesce(sum(${payments.amount}), 0)`,
      fee: sql<number>`coalesce(sum(${payments.feeAmount}), 0)`,
      payments: count(),
    })
    .from(payments)
    .where(and(where, gte(payments.paidAt, start)))
    .groupBy(payments.currency)
    .orderBy(desc(sql`sum(${payments.amount})`));

export const recentActivityQuery = (scope: TenantScope) =>
  scope.db
    .select({
      event: events,
      title: engagements.title,
      // Named apart from the event's own columns: a D1 batch reads rows by column name, and two `id`s collide.
      actorId: sql<string | null>`${users.id}`.as('actor_id'),
      actorName: sql<string | null>`${users.name}`.as('actor_name'),
      actorRole: sql<(typeof users.$inferSelect)['role'] | null>`${users.role}`.as('actor_role'),
    })
    .from(events)
    .innerJoin(engagements, eq(engagements.id, events.engagementId))
    .leftJoin(users, eq(users.id, eventActorId))
    .where(scope.engagementCondition())
    .orderBy(desc(events.id))
    .limit(RECENT);

type ActivityRow = Awaited<ReturnType<typeof recentActivityQuery>>[number];

export const toHomeActivity = (rows: ActivityRow[]): HomeActivity[] =>
  rows.map((row) => ({
    ...toActivity(
      row.event,
      row.actorId && row.actorName && row.actorRole
        ? { id: row.actorId, name: row.actorName, role: row.actorRole }
        : null,
    ),
    engagement_id: row.event.engagementId ?? '',
    engagement_title: row.title,
  }));

/** Every day of `days` with its figures from the rows of that day (rows grouped by day), zero on a quiet one. */
export function byDay<R extends { day: string }, T extends object>(
  days: string[],
  rows: R[],
  figures: (rowsOfDay: R[]) => T,
) {
  return days.map((day) => ({ day, ...figures(rows.filter((r) => r.day === day)) }));
}
