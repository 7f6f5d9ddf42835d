// Cron triggers: each schedule in wrangler.toml maps to the jobs it runs here.
import { createDb } from './db/client';
import { relayPending } from './events/relay';
import { forgetExpiredKeys } from './lib/idempotency';
import { log } from './lib/logger';
import { isKnownModule } from './modules/ai/registry';
import { evaluateAlerts } from './modules/alerts/evaluate';
import { forgetOldAttempts } from './modules/auth/lockout';
import { applyProrations } from './modules/billing/proration';
import { billDuePeriods, openPeriodPayments } from './modules/billing/service';
import { recoverEmailJobs } from './modules/email/jobs';
import { startWeeklySummary } from './modules/email/weekly-summary';
import { finishStuckInstalls } from './modules/engagements/modules';
import { recoverExtractions } from './modules/extractions/recovery';
import { pruneIdleSessions, SESSION_IDLE_MS } from './modules/mcp/sessions';
import { rollupNow } from './modules/metrics/refresh';
import { runPrepare, runProcess } from './modules/payouts/runs';
import { previousIsoWeek } from './modules/payouts/week';
import { recoverTasks } from './modules/tasks/recovery';
import { recoverDeliveries } from './modules/webhook-endpoints/sweep';

export const CRONS = {
  monday: '0 9 * * 1',
  processPayouts: '0 9 * * 5',
  sweep: '*/5 * * * *',
  billing: '0 6 * * *',
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
  const emailChunksResent = await recoverEmailJobs(env, db);
  const billing = await openPeriodPayments(env, db);
  const prorations = await applyProrations(env, db);
  await forgetExpiredKeys(db);
  await forgetOldAttempts(db);
  const mcpSessionsForgotten = await pruneIdleSessions(db, new Date(Date.now() - SESSION_IDLE_MS));
  // The figures of the hours so far (with the queues' backlog as it is now), then the rules that read them.
  const metricHours = await rollupNow(env, db);
  const alertChanges = await evaluateAlerts(env, db);
  // What this sweep recorded itself (billing, prorations, alerts) goes out now, not at the next sweep: an
  // alert's email must not wait five minutes.
  const relayedAfter = await relayPending(env);
  return {
    installs_finished: installsFinished,
    tasks_recovered: tasks.recovered,
    tasks_resent: tasks.resent,
    extractions_recovered: crawls.recovered,
    extractions_resent: crawls.resent,
    relayed: relayed + relayedAfter,
    webhook_deliveries_resent: webhooksResent,
    email_chunks_resent: emailChunksResent,
    billing_payments_opened: billing.payments_opened,
    billing_invoices_created: billing.invoices_created,
    billing_prorations_applied: prorations,
    metric_hours_rolled_up: metricHours,
    mcp_sessions_forgotten: mcpSessionsForgotten.length,
    ...alertChanges,
  };
}

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  switch (controller.cron) {
    case CRONS.sweep:
      log.info('sweep done', await sweep(env));
      return;
    case CRONS.billing:
      log.info(
        'billing done',
        await billDuePeriods(env, createDb(env.DB), new Date(controller.scheduledTime)),
      );
      return;
    case CRONS.monday: {
      // Monday: last week's payouts are prepared and everyone gets last week's summary; one failing
      // does not keep the other from running (and each is idempotent, so a rerun of the cron is safe).
      const week = previousIsoWeek(new Date(controller.scheduledTime));
      const [prepared, summary] = await Promise.allSettled([
        runPrepare(env, week, 'cron'),
        startWeeklySummary(env, createDb(env.DB), week),
      ]);
      for (const outcome of [prepared, summary]) if (outcome.status === 'rejected') throw outcome.reason;
      return;
    }
    case CRONS.processPayouts:
      // A first step here; a heavy run continues through the payouts queue in bounded steps.
      await runProcess(env, 'cron');
      return;
    default:
      log.warn('cron without a job', { cron: controller.cron });
  }
}
