// The alert rules, declared as data: each looks at the last minutes of what the platform records and says
// whether it fires, with a figure and a sentence. Bounds come from configuration where an operator may want
// another (ALERT_TASK_P95_SECONDS).
import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { breakerStates, deadLetters, payouts, webhookAttempts } from '../../db/schema';
import { taskLatencies } from '../metrics/rollup';

export interface RuleOutcome {
  firing: boolean;
  value: number | null;
  detail: string;
}

export interface AlertRule {
  name: string;
  description: string;
  check: (db: Db, now: number, bounds: { taskP95Seconds: number }) => Promise<RuleOutcome>;
}

const MINUTE = 60_000;
const ago = (now: number, minutes: number) => new Date(now - minutes * MINUTE).toISOString();

export const ALERT_RULES: AlertRule[] = [
  {
    name: 'webhook_failure_rate',
    description: 'More than 10 % of webhook delivery attempts failed over the last 15 minutes (at least 5)',
    async check(db, now) {
      const [row] = await db
        .select({ n: sql<number>`count(*)`, ok: sql<number>`coalesce(sum(${webhookAttempts.succeeded}), 0)` })
        .from(webhookAttempts)
        .where(gte(webhookAttempts.createdAt, ago(now, 15)));
      const n = Number(row?.n ?? 0);
      const failed = n - Number(row?.ok ?? 0);
      const rate = n ? failed / n : 0;
      return {
        firing: n >= 5 && rate > 0.1,
        value: rate,
        detail: `${failed} of ${n} webhook delivery attempts failed in the last 15 minutes (${Math.round(rate * 100)} %).`,
      };
    },
  },
  {
    name: 'dead_letter_waiting',
    description: 'A dead letter has waited more than 15 minutes without being redriven',
    async check(db, now) {
      const [row] = await db
        .select({ n: sql<number>`count(*)`, oldest: sql<string | null>`min(${deadLetters.createdAt})` })
        .from(deadLetters)
        .where(and(isNull(deadLetters.redrivenAt), lt(deadLetters.createdAt, ago(now, 15))));
      const n = Number(row?.n ?? 0);
      return {
        firing: n > 0,
        value: n,
        detail: n
          ? `${n} dead letter(s) waiting for more than 15 minutes, the oldest since ${readableUtc(row?.oldest)}. Redrive or discard them.`
          : 'No dead letter waits.',
      };
    },
  },
  {
    name: 'breaker_open',
    description: 'A circuit breaker has been open for more than 10 minutes',
    async check(db, now) {
      const open = await db
        .select({ name: breakerStates.name })
        .from(breakerStates)
        .where(and(eq(breakerStates.state, 'open'), lt(breakerStates.openedAt, ago(now, 10))));
      return {
        firing: open.length > 0,
        value: open.length,
        detail: open.length
          ? `Open for more than 10 minutes: ${open.map((b) => b.name).join(', ')}. Calls to it are held back.`
          : 'Every breaker is closed or recovering.',
      };
    },
  },
  {
    name: 'task_latency_p95',
    description:
      'Tasks took longer than the bound to complete (95th percentile over the last hour, at least 5)',
    async check(db, now, bounds) {
      const latency = (await taskLatencies(db, ago(now, 60))).get('');
      const completed = latency?.n ?? 0;
      const p95 = latency?.p95 ?? 0;
      return {
        firing: completed >= 5 && p95 > bounds.taskP95Seconds,
        value: p95,
        detail: `Tasks completed in the last hour: ${completed}, 95th percentile ${Math.round(p95)} s (bound ${bounds.taskP95Seconds} s).`,
      };
    },
  },
  {
    name: 'payout_failures',
    description: 'A payout transfer failed in the last 24 hours and has not gone through since',
    async check(db, now) {
      const [row] = await db
        .select({ n: sql<number>`count(*)` })
        .from(payouts)
        .where(and(eq(payouts.status, 'failed'), gte(payouts.updatedAt, ago(now, 24 * 60))));
      const n = Number(row?.n ?? 0);
      return {
        firing: n > 0,
        value: n,
        detail: n ? `${n} payout(s) failed; the next run retries them.` : 'No failed payout.',
      };
    },
  },
];

/** "2026-11-02T09:00:00.000Z" as "2026-11-02 09:00 UTC": an alert's text is read in emails, not parsed. */
function readableUtc(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'an unknown time';
}
