// Calling an external dependency through its circuit breaker (durable-objects/circuit-breaker.ts).
import type { BreakerStatus } from '../../durable-objects/circuit-breaker';

export type BreakerName = 'stripe' | 'resend' | 'ai' | `webhook:${string}`;

/** Thrown instead of calling a dependency known to be down; queue consumers retry after `retryAfterSeconds`. */
export class BreakerOpenError extends Error {
  constructor(
    readonly breaker: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`The ${breaker} circuit is open; retry in ${retryAfterSeconds} s`);
    this.name = 'BreakerOpenError';
  }
}

const stub = (env: Env, name: string) => env.CIRCUIT_BREAKER.get(env.CIRCUIT_BREAKER.idFromName(name));

export function cooldownMs(env: Env): number | undefined {
  const seconds = Number(env.BREAKER_COOLDOWN_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * Runs `call` if the breaker lets it through and reports the outcome. `isFailure` decides which errors
 * count against the dependency (a 4xx caused by our input should not open the circuit).
 */
export async function withBreaker<T>(
  env: Env,
  name: BreakerName,
  call: () => Promise<T>,
  isFailure: (error: unknown) => boolean = () => true,
): Promise<T> {
  const breaker = stub(env, name);
  const gate = await breaker.acquire(name, cooldownMs(env));
  if (gate.retry_after_ms > 0) throw new BreakerOpenError(name, Math.ceil(gate.retry_after_ms / 1000));
  // A success only has something to report when there is a failure count or a trial to end: a breaker closed and
  // clean when the call began is left alone — one Durable Object round trip less per healthy call (the webhook
  // benchmark's deliveries spent 5 % of the Worker's time in breaker calls). The price: failures that concurrent
  // calls record while this one is in flight are not wiped by its success; they stand until a later success or,
  // if they opened the breaker, until its trial call after the cool-down.
  const clean = gate.state === 'closed' && gate.failures === 0;
  try {
    const result = await call();
    if (!clean) await breaker.recordSuccess(name);
    return result;
  } catch (error) {
    if (isFailure(error))
      await breaker.recordFailure(name, error instanceof Error ? error.message : String(error));
    else if (!clean) await breaker.recordSuccess(name);
    throw error;
  }
}

/** Seconds until a breaker lets calls through again (0 when closed): the delay for a queue retry. */
export async function breakerDelaySeconds(env: Env, name: BreakerName): Promise<number> {
  const status: BreakerStatus = await stub(env, name).inspect(name);
  return Math.ceil(status.retry_after_ms / 1000);
}
