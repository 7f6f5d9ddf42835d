// Heavy payout runs continue through the payouts queue in bounded steps (each invocation processes a budget
// of payouts, well inside Workers' subrequest and D1 query limits), instead of one cron doing everything.
import { log } from '../../lib/logger';
import { processPayouts } from './process';

export interface PayoutJob {
  job: 'process';
}

export async function continueInQueue(env: Env): Promise<void> {
  await env.PAYOUTS_QUEUE.send({ job: 'process' } satisfies PayoutJob, { contentType: 'json' });
}

/** One step of a run per message; while payouts remain, the next step is queued. */
export async function processPayoutBatch(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  for (const message of batch.messages) {
    if ((message.body as Partial<PayoutJob> | null)?.job !== 'process') {
      log.error('unreadable payouts message dropped', { message_id: message.id });
      message.ack();
      continue;
    }
    const summary = await processPayouts(env);
    if (summary.remaining > 0 && summary.processed + summary.failed + summary.skipped > 0) {
      await continueInQueue(env);
    }
    message.ack();
  }
}
