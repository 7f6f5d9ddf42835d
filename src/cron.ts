// Cron triggers: each schedule in wrangler.toml maps to one job here.
import { log } from './lib/logger';

export const CRONS = {
  preparePayouts: '0 9 * * 1',
  processPayouts: '0 9 * * 5',
  sweep: '*/5 * * * *',
} as const;

export async function handleScheduled(controller: ScheduledController, _env: Env): Promise<void> {
  const job = Object.entries(CRONS).find(([, schedule]) => schedule === controller.cron)?.[0];
  // The payouts and backbone issues attach their jobs here.
  log.info('cron fired', {
    cron: controller.cron,
    job: job ?? 'unknown',
    scheduled_time: controller.scheduledTime,
  });
}
