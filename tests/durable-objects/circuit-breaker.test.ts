import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FAILURE_THRESHOLD } from '../../durable-objects/breaker-config';
import { CircuitBreaker } from '../../durable-objects/circuit-breaker';
import { type BreakerName, BreakerOpenError, breakerDelaySeconds, withBreaker } from '../../src/lib/breaker';
import { call, createAdmin, expectProblem, json, signupCompany } from '../helpers';

const COOLDOWN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

let counter = 0;
/** A breaker of its own for each test, so states never leak between tests. */
function freshBreaker(label: string) {
  const name = `webhook:${label}-${++counter}.example`;
  return { name, stub: env.CIRCUIT_BREAKER.get(env.CIRCUIT_BREAKER.idFromName(name)) };
}

type Stub = ReturnType<typeof freshBreaker>['stub'];

async function fail(stub: Stub, name: string, times: number, now = T0) {
  let status = await stub.inspect(name, now);
  for (let i = 0; i < times; i++) status = await stub.recordFailure(name, `HTTP 503 #${i + 1}`, now);
  return status;
}

/** A breaker that opened at T0. */
async function openBreaker(label: string) {
  const breaker = freshBreaker(label);
  await breaker.stub.acquire(breaker.name, COOLDOWN, T0);
  await fail(breaker.stub, breaker.name, FAILURE_THRESHOLD);
  return breaker;
}

describe('CircuitBreaker', () => {
  it('stays closed and lets calls through under four consecutive failures', async () => {
    const { name, stub } = freshBreaker('four');
    const status = await fail(stub, name, 4);
    expect(status).toMatchObject({ state: 'closed', failures: 4, last_error: 'HTTP 503 #4' });
    expect(await stub.acquire(name, COOLDOWN, T0 + 1)).toMatchObject({ state: 'closed', retry_after_ms: 0 });
  });

  it('opens on the fifth consecutive failure', async () => {
    const { name, stub } = freshBreaker('five');
    const status = await fail(stub, name, 5);
    expect(status).toMatchObject({
      state: 'open',
      failures: 5,
      opened_at: new Date(T0).toISOString(),
      last_error: 'HTTP 503 #5',
    });
  });

  it('refuses calls while open, telling callers how much of the cool-down remains', async () => {
    const { name, stub } = await openBreaker('refuse');
    expect(await stub.acquire(name, COOLDOWN, T0 + 20_000)).toMatchObject({
      state: 'open',
      retry_after_ms: 40_000,
    });
    expect((await stub.acquire(name, COOLDOWN, T0 + 59_000)).retry_after_ms).toBe(1_000);
    expect((await stub.inspect(name, T0 + 45_000)).retry_after_ms).toBe(15_000);
  });

  it('admits exactly one trial once the cool-down has passed, refusing a concurrent caller', async () => {
    const { name, stub } = await openBreaker('trial');
    const after = T0 + COOLDOWN;
    const gates = await Promise.all([
      stub.acquire(name, COOLDOWN, after),
      stub.acquire(name, COOLDOWN, after),
    ]);
    expect(gates.map((gate) => gate.state)).toEqual(['half_open', 'half_open']);
    expect(gates.filter((gate) => gate.retry_after_ms === 0)).toHaveLength(1);
    expect(gates.filter((gate) => gate.retry_after_ms > 0)).toHaveLength(1);
    // Later callers are still refused while the trial runs.
    expect((await stub.acquire(name, COOLDOWN, after + 1_000)).retry_after_ms).toBeGreaterThan(0);
  });

  it('closes when the trial succeeds, with the failure count reset', async () => {
    const { name, stub } = await openBreaker('trial-ok');
    await stub.acquire(name, COOLDOWN, T0 + COOLDOWN);
    expect(await stub.recordSuccess(name, T0 + COOLDOWN + 500)).toMatchObject({
      state: 'closed',
      failures: 0,
      opened_at: null,
    });
    expect(await stub.acquire(name, COOLDOWN, T0 + COOLDOWN + 600)).toMatchObject({
      state: 'closed',
      retry_after_ms: 0,
    });
  });

  it('reopens for a whole new cool-down when the trial fails', async () => {
    const { name, stub } = await openBreaker('trial-fails');
    const trialAt = T0 + COOLDOWN + 5_000;
    await stub.acquire(name, COOLDOWN, trialAt);
    const status = await stub.recordFailure(name, 'still down', trialAt + 100);
    expect(status).toMatchObject({ state: 'open', opened_at: new Date(trialAt + 100).toISOString() });
    expect((await stub.acquire(name, COOLDOWN, trialAt + 100)).retry_after_ms).toBe(COOLDOWN);
  });

  it('counts only consecutive failures: a success in between starts the count again', async () => {
    const { name, stub } = freshBreaker('reset');
    await fail(stub, name, 4);
    expect(await stub.recordSuccess(name, T0)).toMatchObject({ state: 'closed', failures: 0 });
    expect(await fail(stub, name, 4)).toMatchObject({ state: 'closed', failures: 4 });
    expect(await fail(stub, name, 1)).toMatchObject({ state: 'open' });
  });

  it('keeps its state in its own SQLite storage', async () => {
    const { name, stub } = await openBreaker('storage');
    await runInDurableObject(stub, async (instance: CircuitBreaker, state) => {
      expect(instance).toBeInstanceOf(CircuitBreaker);
      const rows = state.storage.sql.exec('SELECT name, state, failures FROM breaker').toArray();
      expect(rows).toEqual([{ name, state: 'open', failures: 5 }]);
    });
  });
});

describe('withBreaker', () => {
  const failing = () => {
    const fn = {
      calls: 0,
      run: async (): Promise<never> => Promise.reject(new Error(`timeout #${++fn.calls}`)),
    };
    return fn;
  };

  it('opens after five failing calls, then refuses the sixth without calling the dependency', async () => {
    const name: BreakerName = `webhook:down-${++counter}.example`;
    const fn = failing();
    for (let i = 1; i <= 5; i++)
      await expect(withBreaker(env, name, fn.run)).rejects.toThrow(`timeout #${i}`);
    expect(fn.calls).toBe(5);

    const refused = await withBreaker(env, name, fn.run).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BreakerOpenError);
    expect(refused).toMatchObject({ breaker: name });
    expect((refused as BreakerOpenError).retryAfterSeconds).toBeGreaterThan(55);
    expect((refused as BreakerOpenError).retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(fn.calls).toBe(5);
  });

  it('returns the result and keeps the breaker closed when calls succeed', async () => {
    const name: BreakerName = `webhook:up-${++counter}.example`;
    for (let i = 0; i < 6; i++) expect(await withBreaker(env, name, async () => i * 2)).toBe(i * 2);
    expect(await breakerDelaySeconds(env, name)).toBe(0);
  });

  it('lets a call that succeeds after failures start the count again (healthy calls skip the report, these do not)', async () => {
    const name: BreakerName = `webhook:flaky-${++counter}.example`;
    const fn = failing();
    for (let i = 0; i < 4; i++) await withBreaker(env, name, fn.run).catch(() => undefined);
    expect(await withBreaker(env, name, async () => 'up')).toBe('up');
    for (let i = 0; i < 4; i++) await withBreaker(env, name, fn.run).catch(() => undefined);
    expect(await breakerDelaySeconds(env, name)).toBe(0); // four in a row again, not eight
    await withBreaker(env, name, fn.run).catch(() => undefined);
    expect(await breakerDelaySeconds(env, name)).toBeGreaterThan(55);
  });

  it('gives queue consumers the delay until half-open: 0 when closed, about the cool-down when open', async () => {
    const name: BreakerName = `webhook:delay-${++counter}.example`;
    const fn = failing();
    expect(await breakerDelaySeconds(env, name)).toBe(0);
    for (let i = 0; i < 5; i++) await withBreaker(env, name, fn.run).catch(() => undefined);
    const delay = await breakerDelaySeconds(env, name);
    expect(delay).toBeGreaterThan(55);
    expect(delay).toBeLessThanOrEqual(Number(env.BREAKER_COOLDOWN_SECONDS));
  });

  it('does not count errors that isFailure says are ours, not the dependency’s', async () => {
    const name: BreakerName = `webhook:client-error-${++counter}.example`;
    const fn = failing();
    const notTheirFault = () => false;
    for (let i = 0; i < 7; i++)
      await expect(withBreaker(env, name, fn.run, notTheirFault)).rejects.toThrow('timeout');
    expect(fn.calls).toBe(7);
    expect(await breakerDelaySeconds(env, name)).toBe(0);
  });
});

describe('GET /v1/admin/breakers', () => {
  it('shows each breaker’s state as mirrored to D1, next to the known dependencies', async () => {
    const name: BreakerName = `webhook:mirrored-${++counter}.example`;
    for (let i = 0; i < 5; i++)
      await withBreaker(env, name, async () => Promise.reject(new Error('connection refused'))).catch(
        () => undefined,
      );
    const admin = await createAdmin();
    const response = await call('/v1/admin/breakers', { token: admin.token });
    expect(response.status).toBe(200);
    const { data } = await json(response);
    expect(data.find((b: { name: string }) => b.name === name)).toMatchObject({
      state: 'open',
      failures: 5,
      last_error: 'connection refused',
    });
    const open = data.find((b: { name: string }) => b.name === name);
    expect(open.opened_at).toEqual(expect.any(String));
    // The configured cool-down (BREAKER_COOLDOWN_SECONDS = 60 in the tests) after it opened.
    expect(Date.parse(open.next_trial_at) - Date.parse(open.opened_at)).toBe(60_000);
    expect(data.find((b: { name: string }) => b.name === 'resend')).toMatchObject({
      state: 'closed',
      next_trial_at: null,
    });
  });

  it('is for admins only: 403 for a company, 401 without credentials', async () => {
    const company = await signupCompany();
    await expectProblem(await call('/v1/admin/breakers', { token: company.token }), 403);
    await expectProblem(await call('/v1/admin/breakers'), 401);
  });
});
