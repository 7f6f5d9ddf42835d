// Heavy payout runs, and billing's Stripe invoices, continue through the payouts queue in bounded steps (each
// invocation does a budget of work, well inside Workers' subrequest and D1 query limits), instead of one cron
// doing everything.
import { createDb } from '../../db/client';
import { log } from '../../lib/logger';
import { invoiceNextStep } from '../billing/service';
import { runProcess } from './runs';

/** One step per message; while work remains, the step queues the next one. */
export async function processPayoutBatch(env: Env, batch: MessageBatch<unknown>): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body as { job?: unknown; run_started?: unknown } | null;
    if (body?.job === 'process' && typeof body.run_started === 'string') {
      await runProcess(env, 'queue', body.run_started);
    } else if (body?.job === 'invoice_periods') {
      await invoiceNextStep(env, createDb(env.DB));
    } else {
      log.error('unreadable payouts message dropped', { message_id: message.id });
    }
    message.ack();
  }
}
