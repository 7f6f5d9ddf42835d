// Heavy payout runs, and billing's Stripe invoices, continue through the payouts queue in bounded steps (each
// invocation does a budget of work, well inside Workers' subrequest and D1 query limits), instead of one cron
// doing everything.
import type { PayoutMessage } from '../../../queues/messages';
import { createDb } from '../../db/client';
import { invoiceNextStep } from '../billing/service';
import { runProcess } from './runs';

/**
 * One step per message; while work remains, the step queues the next one. Bodies were read with the queue's
 * schema (queues/messages.ts) by the registry's dispatch.
 */
export async function processPayoutBatch(env: Env, batch: MessageBatch<PayoutMessage>): Promise<void> {
  for (const message of batch.messages) {
    const body = message.body;
    if (body.job === 'process') await runProcess(env, 'queue', body.run_started);
    else await invoiceNextStep(env, createDb(env.DB));
    message.ack();
  }
}
