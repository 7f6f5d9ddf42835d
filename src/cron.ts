// Cron triggers: each schedule in wrangler.toml maps to one job here.
import { createDb } from './db/client';
import { relayPending } from './events/relay';
import { forgetExpiredKeys } from './lib/idempotency';
import { log } from './lib/logger';
import { isKnownModule } from './modules/ai/registry';
import { forgetOldAttempts } from './modules/auth/lockout';
import { finishStuckInstalls } from './modules/engagements/modules';
import { recoverExtractions } from './modules/extractions/recovery';
import { recoverTasks } from './modules/tasks/recovery';

export const CRONS = {
  preparePayouts: '0 9 * * 1',
  processPayouts: '0 9 * * 5',
  sweep: '*/5 * * * *',
} as const;

/**
 * Every 5 minutes: finish what a crash interrupted (module installs, tasks and crawls whose worker vanished),
 * relay outbox events no request got to (after the installs, so their events go out in the same run), and forget expired bookkeeping.
 */
export async function sweep(env: Env) {
  const db = createDb(env.DB);
  const installsFinished = await finishStuckInstalls(db, isKnownModule);
  const tasks = await recoverTasks(env, db);
  const crawls = await recoverExtractions(env, db);
  const relayed = await relayPending(env);
  await forgetExpiredKeys(db);
  await forgetOldAttempts(db);
  return {
    installs_finished: installsFinished,
    tasks_recovered: tasks.recovered,
    tasks_resent: tasks.resent,
    extractions_recovered: crawls.recovered,
    extractions_resent: crawls.resent,
    relayed,
  };
}

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  switch (controller.cron) {
    case CRONS.sweep:
      log.info('sweep done', await sweep(env));
      return;
    default:
      // The payouts issue attaches the Monday and Friday jobs here.
      log.info('cron fired without a job yet', { cron: controller.cron });
  }
}
