// Cron triggers: each schedule in wrangler.toml maps to one job here.
import { createDb } from './db/client';
import { relayPending } from './events/relay';
import { forgetExpiredKeys } from './lib/idempotency';
import { log } from './lib/logger';
import { isKnownModule } from './modules/ai/registry';
import { forgetOldAttempts } from './modules/auth/lockout';
import { finishStuckInstalls } from './modules/engagements/modules';
import { recoverExtractions } from './modules/extractions/recovery';
import { runPrepare, runProcess } from './modules/payouts/runs';
import { previousIsoWeek } from './modules/payouts/week';
import { recoverTasks } from './modules/tasks/recovery';
import { recoverDeliveries } from './modules/webhook-endpoints/deliver';

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
  const webhooksResent = await recoverDeliveries(env);
  await forgetExpiredKeys(db);
  await forgetOldAttempts(db);
  return {
    installs_finished: installsFinished,
    tasks_recovered: tasks.recovered,
    tasks_resent: tasks.resent,
    extractions_recovered: crawls.recovered,
    extractions_resent: crawls.resent,
    relayed,
    webhook_deliveries_resent: webhooksResent,
  };
}

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  switch (controller.cron) {
    case CRONS.sweep:
      log.info('sweep done', await sweep(env));
      return;
    case CRONS.preparePayouts:
      await runPrepare(env, previousIsoWeek(new Date(controller.scheduledTime)), 'cron');
      return;
    case CRONS.processPayouts:
      // A first step here; a heavy run continues through the payouts queue in bounded steps.
      await runProcess(env, 'cron');
      return;
    default:
      log.warn('cron without a job', { cron: controller.cron });
  }
}
