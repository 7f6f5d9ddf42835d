// Heavy payout runs continue through the payouts queue in bounded steps (each invocation processes a budget
// of payouts, well inside Workers' subrequest and D1 query limits), instead of one cron doing everything.
import { log } from '../../lib/logger';
import type { PayoutJob } from './queue-send';
import { runProcess } from './runs';

/** One step of a run per message; while payouts remain, runProcess queues the next one. */
export async function processPayoutBatch(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body as Partial<PayoutJob> | null;
    if (body?.job !== 'process' || typeof body.run_started !== 'string') {
      log.error('unreadable payouts message dropped', { message_id: message.id });
      message.ack();
      continue;
    }
    await runProcess(env, 'queue', body.run_started);
    message.ack();
  }
}
