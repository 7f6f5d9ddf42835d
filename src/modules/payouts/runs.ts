// Payout runs as operators see them: every prepare and process step (by cron, by hand, or continuing in the
// queue) recorded with its result and the D1 statements it issued.
import { desc } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { payoutRuns } from '../../db/schema';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { preparePayouts } from './prepare';
import { processPayouts } from './process';
import { continueInQueue } from './queue-send';

export type RunTrigger = 'cron' | 'admin' | 'queue';

async function record(
  env: Env,
  kind: 'prepare' | 'process',
  trigger: RunTrigger,
  startedAt: string,
  week: string | null,
  result: { statements: number } & Record<string, unknown>,
) {
  const { statements, ...rest } = result;
  await createDb(env.DB)
    .insert(payoutRuns)
    .values({ id: newId('payoutRun'), kind, trigger, week, result: rest, statements, startedAt });
  log.info(`payout ${kind} run`, { trigger, ...rest, statements });
  return rest;
}

export async function runPrepare(env: Env, week: string, trigger: RunTrigger) {
  const startedAt = new Date().toISOString();
  const result = await preparePayouts(env, week);
  return record(env, 'prepare', trigger, startedAt, week, { ...result });
}

/** One bounded step; while payouts remain, the next step of the same run goes to the payouts queue. */
export async function runProcess(env: Env, trigger: RunTrigger, runStarted = new Date().toISOString()) {
  const startedAt = new Date().toISOString();
  const summary = await processPayouts(env, { runStarted });
  const moved = summary.processed + summary.failed + summary.skipped;
  if (summary.remaining > 0 && moved > 0) await continueInQueue(env, runStarted);
  return record(env, 'process', trigger, startedAt, null, { ...summary });
}

export async function listRuns(env: Env, limit = 50) {
  const rows = await createDb(env.DB).select().from(payoutRuns).orderBy(desc(payoutRuns.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    week: r.week,
    result: r.result,
    statements: r.statements,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
  }));
}
