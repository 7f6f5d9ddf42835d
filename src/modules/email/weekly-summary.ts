// The weekly summary (Monday, for the week before): each company member hears how many of their tasks
// completed, how many of those the AI finished unseen, and what was paid; each expert the same for their
// engagements plus the payouts sent. Everyone with a live engagement or something to report gets one.
// It is an email job with cause `weekly:<week>` and messages keyed `weekly:<week>:<user>`, so however
// often the cron runs (or a run is retried half-way), a user gets one summary per week.
import { and, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { engagements, payments, payouts, tasks, users } from '../../db/schema';
import { weekBounds } from '../payouts/week';
import { startEmailJob } from './jobs';
import type { EmailRequest } from './service';
import { formatMoney, type Locale, templatesFor } from './templates';

interface TaskFigures {
  completed: number;
  unseen: number;
}

type Amounts = Map<string, { currency: string; amount: number }[]>;

const byKey = <T extends { key: string | null }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const row of rows) if (row.key) map.set(row.key, [...(map.get(row.key) ?? []), row]);
  return map;
};

/** All figures of the week in one D1 batch: grouped per company and per expert, never per task. */
async function weekFigures(db: Db, week: string) {
  const { start, end } = weekBounds(week);
  const from = start.toISOString();
  const to = end.toISOString();
  const completedInWeek = and(
    eq(tasks.status, 'completed'),
    gte(tasks.completedAt, from),
    lt(tasks.completedAt, to),
  );
  const completed = sql<number>`count(*)`;
  // As the automation report counts it: trusted at the threshold, never put in front of the expert.
  const unseen = sql<number>`coalesce(sum(${tasks.aiHandled} = 'full' AND ${tasks.review} IS NULL), 0)`;
  const [orgTasks, expertTasks, paid, paidOut, live, people] = await db.batch([
    db
      .select({ key: tasks.orgId, completed, unseen })
      .from(tasks)
      .where(completedInWeek)
      .groupBy(tasks.orgId),
    db
      .select({ key: tasks.expertId, completed, unseen })
      .from(tasks)
      .where(completedInWeek)
      .groupBy(tasks.expertId),
    db
      .select({
        key: payments.orgId,
        currency: payments.currency,
        amount: sql<number>`sum(${payments.amount})`,
      })
      .from(payments)
      .where(and(eq(payments.status, 'paid'), gte(payments.paidAt, from), lt(payments.paidAt, to)))
      .groupBy(payments.orgId, payments.currency),
    db
      .select({
        key: payouts.expertId,
        currency: payouts.currency,
        amount: sql<number>`sum(${payouts.amount})`,
      })
      .from(payouts)
      .where(
        and(eq(payouts.status, 'completed'), gte(payouts.processedAt, from), lt(payouts.processedAt, to)),
      )
      .groupBy(payouts.expertId, payouts.currency),
    db
      .selectDistinct({ orgId: engagements.orgId, expertId: engagements.expertId })
      .from(engagements)
      .where(eq(engagements.status, 'active')),
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        orgId: users.orgId,
        expertId: users.expertId,
        locale: users.locale,
      })
      .from(users)
      .where(and(isNull(users.disabledAt), inArray(users.role, ['company', 'expert']))),
  ]);
  const taskMap = (rows: (TaskFigures & { key: string | null })[]) =>
    new Map(rows.flatMap((row) => (row.key ? [[row.key, row] as const] : [])));
  return {
    orgTasks: taskMap(orgTasks),
    expertTasks: taskMap(expertTasks),
    paid: byKey(paid) as Amounts,
    paidOut: byKey(paidOut) as Amounts,
    liveOrgs: new Set(live.map((row) => row.orgId)),
    liveExperts: new Set(live.map((row) => row.expertId)),
    people,
  };
}

const taskLine = (figures: TaskFigures | undefined, locale: Locale) => {
  if (!figures?.completed)
    return locale === 'de' ? 'Es wurden keine Aufgaben erledigt.' : 'No tasks were completed.';
  const rate = Math.round((figures.unseen / figures.completed) * 100);
  return locale === 'de'
    ? `${figures.completed} ${figures.completed === 1 ? 'Aufgabe' : 'Aufgaben'} erledigt, davon ${figures.unseen} (${rate} %) von der KI ohne Prüfung.`
    : `${figures.completed} task${figures.completed === 1 ? '' : 's'} completed, ${figures.unseen} of them (${rate} %) by the AI without review.`;
};

const LABELS = {
  en: { paid: 'Paid', paidOut: 'Payouts sent to you', none: 'none' },
  de: { paid: 'Bezahlt', paidOut: 'An Sie ausgezahlt', none: 'nichts' },
} as const;

const amountLine = (
  label: 'paid' | 'paidOut',
  amounts: Amounts extends Map<string, infer V> ? V | undefined : never,
  locale: Locale,
) =>
  amounts?.length
    ? `${LABELS[locale][label]}: ${amounts.map((a) => formatMoney(a.amount, a.currency, locale)).join(', ')}.`
    : `${LABELS[locale][label]}: ${LABELS[locale].none}.`;

/** Starts (once) the summary job of `week` (`2026-W48`); returns the job. */
export async function startWeeklySummary(env: Env, db: Db, week: string) {
  const figures = await weekFigures(db, week);
  const url = loadConfig(env).APP_URL;
  const messages: EmailRequest[] = [];
  for (const person of figures.people) {
    let lines: string[] | null = null;
    if (person.orgId) {
      const taskFigures = figures.orgTasks.get(person.orgId);
      const paid = figures.paid.get(person.orgId);
      if (figures.liveOrgs.has(person.orgId) || taskFigures || paid)
        lines = [taskLine(taskFigures, person.locale), amountLine('paid', paid, person.locale)];
    } else if (person.expertId) {
      const taskFigures = figures.expertTasks.get(person.expertId);
      const paidOut = figures.paidOut.get(person.expertId);
      if (figures.liveExperts.has(person.expertId) || taskFigures || paidOut)
        lines = [taskLine(taskFigures, person.locale), amountLine('paidOut', paidOut, person.locale)];
    }
    if (!lines) continue; // nothing live and nothing to report: no email
    messages.push({
      template: 'weeklySummary',
      to: person.email,
      cause: `weekly:${week}:${person.id}`,
      content: templatesFor(person.locale).weeklySummary({ name: person.name, week, lines, url }),
    });
  }
  const { job } = await startEmailJob(env, db, {
    kind: 'weekly_summary',
    template: 'weeklySummary',
    cause: `weekly:${week}`,
    subject: `Weekly summary ${week}`,
    createdBy: null,
    messages,
  });
  return job;
}
