// Cron triggers: each schedule in wrangler.toml maps to one job here.
import { relayPending } from './events/relay';
import { log } from './lib/logger';

export const CRONS = {
  preparePayouts: '0 9 * * 1',
  processPayouts: '0 9 * * 5',
  sweep: '*/5 * * * *',
} as const;

/** Every 5 minutes: relay outbox events a request's waitUntil did not get to. */
async function sweep(env: Env) {
  const relayed = await relayPending(env);
  return { relayed };
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
