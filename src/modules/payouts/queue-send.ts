// The payouts queue carries the money work that runs in bounded steps: "process the next step of the payout
// run that started at run_started", and "invoice the next billed periods with Stripe" (billing/invoices.ts).
import type { PayoutMessage } from '../../../queues/messages';

export async function continueInQueue(env: Env, runStarted: string): Promise<void> {
  await sendJob(env, { job: 'process', run_started: runStarted });
}

export async function sendJob(env: Env, job: PayoutMessage): Promise<void> {
  await env.PAYOUTS_QUEUE.send(job, { contentType: 'json' });
}
