// The payouts queue's message: "process the next step of the run that started at runStarted".
export interface PayoutJob {
  job: 'process';
  run_started: string;
}

export async function continueInQueue(env: Env, runStarted: string): Promise<void> {
  await env.PAYOUTS_QUEUE.send({ job: 'process', run_started: runStarted } satisfies PayoutJob, {
    contentType: 'json',
  });
}
