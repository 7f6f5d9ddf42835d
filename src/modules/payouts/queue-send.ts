// The payouts queue's message: "process the next step of the run".
export interface PayoutJob {
  job: 'process';
}

export async function continueInQueue(env: Env): Promise<void> {
  await env.PAYOUTS_QUEUE.send({ job: 'process' } satisfies PayoutJob, { contentType: 'json' });
}
