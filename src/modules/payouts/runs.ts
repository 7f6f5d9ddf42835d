// Payout runs as operators see them: every prepare and process step (by cron, by hand, or continuing in the
// queue) recorded with its result and the D1 statements it issued.
import { z } from '@hono/zod-openapi';
import { desc, eq, inArray } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { experts, payoutRuns, payouts } from '../../db/schema';
import { chunks, IDS_PER_STATEMENT } from '../../lib/chunks';
import { newId } from '../../lib/ids';
import { log } from '../../lib/logger';
import { type AdminAction, auditStatements } from '../audit/record';
import { preparePayouts } from './prepare';
import { type ProcessSummary, processPayouts } from './process';
import { continueInQueue } from './queue-send';

/** Who started a step: a cron, the payouts queue continuing a run, or an admin by hand (then audited). */
export type RunTrigger = 'cron' | 'queue' | { admin: string };

/** The step's row, and an admin's audit row in the same batch (it names the run). */
async function record(
  env: Env,
  kind: 'prepare' | 'process',
  trigger: RunTrigger,
  startedAt: string,
  week: string | null,
  result: { statements: number } & Record<string, unknown>,
  audit: (runId: string) => AdminAction,
) {
  const { statements, ...rest } = result;
  const db = createDb(env.DB);
  const id = newId('payoutRun');
  const by = typeof trigger === 'string' ? trigger : 'admin';
  const audited =
    typeof trigger === 'string'
      ? []
      : auditStatements(db, { userId: trigger.admin, role: 'admin' }, audit(id));
  await db.batch([
    db.insert(payoutRuns).values({ id, kind, trigger: by, week, result: rest, statements, startedAt }),
    ...audited,
  ]);
  log.info(`payout ${kind} run`, { trigger: by, ...rest, statements });
  return rest;
}

export async function runPrepare(env: Env, week: string, trigger: RunTrigger) {
  const startedAt = new Date().toISOString();
  const result = await preparePayouts(env, week);
  return record(env, 'prepare', trigger, startedAt, week, { ...result }, (runId) => ({
    action: 'payout_run.prepare',
    targetId: runId,
    details: { week, prepared: result.prepared, amounts: result.amounts },
  }));
}

/** One bounded step; while payouts remain, the next step of the same run goes to the payouts queue. */
export async function runProcess(env: Env, trigger: RunTrigger, runStarted = new Date().toISOString()) {
  const startedAt = new Date().toISOString();
  const summary = await processPayouts(env, { runStarted });
  const moved = summary.processed + summary.failed + summary.skipped;
  if (summary.remaining > 0 && moved > 0) await continueInQueue(env, runStarted);
  const { processed, failed, skipped, remaining } = summary;
  return record(env, 'process', trigger, startedAt, null, { ...summary }, (runId) => ({
    action: 'payout_run.process',
    targetId: runId,
    details: { processed, failed, skipped, remaining },
  }));
}

export const payoutErrorSchema = z
  .object({
    payout_id: z.string(),
    expert_name: z.string().nullable().openapi({ description: 'Whom the payout is for' }),
    error: z.string(),
  })
  .openapi('PayoutError');

type PayoutError = { payout_id: string; error: string };

/** The errors a run recorded (its result is stored as it was returned; older rows may lack them). */
function errorsIn(result: Record<string, unknown>): PayoutError[] {
  const errors = Array.isArray(result.errors) ? (result.errors as unknown[]) : [];
  return errors.filter((e): e is PayoutError => {
    const item = e as Partial<Record<keyof PayoutError, unknown>> | null;
    return typeof item?.payout_id === 'string' && typeof item.error === 'string';
  });
}

/** The experts of the given payouts by name, in one joined query per 90 payouts. */
async function expertNames(db: Db, payoutIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const part of chunks([...new Set(payoutIds)], IDS_PER_STATEMENT)) {
    const rows = await db
      .select({ id: payouts.id, name: experts.name })
      .from(payouts)
      .innerJoin(experts, eq(experts.id, payouts.expertId))
      .where(inArray(payouts.id, part));
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}

const named = (errors: PayoutError[], names: Map<string, string>) =>
  errors.map((e) => ({
    payout_id: e.payout_id,
    expert_name: names.get(e.payout_id) ?? null,
    error: e.error,
  }));

/** A process step run by an admin: the outcome, each error naming the payout's expert. */
export async function runProcessByHand(env: Env, adminId: string) {
  const { processed, failed, skipped, remaining, errors } = (await runProcess(env, {
    admin: adminId,
  })) as Omit<ProcessSummary, 'statements'>;
  const names = await expertNames(
    createDb(env.DB),
    errors.map((e) => e.payout_id),
  );
  return { processed, failed, skipped, remaining, errors: named(errors, names) };
}

export async function listRuns(env: Env, limit = 50) {
  const db = createDb(env.DB);
  const rows = await db.select().from(payoutRuns).orderBy(desc(payoutRuns.id)).limit(limit);
  const names = await expertNames(
    db,
    rows.flatMap((r) => errorsIn(r.result).map((e) => e.payout_id)),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    week: r.week,
    result: r.result,
    errors: named(errorsIn(r.result), names),
    statements: r.statements,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
  }));
}
