// A rollup of the hours so far with each queue's backlog as it is now: what the five-minute sweep runs, and
// what an admin asks for with POST /v1/admin/metrics/rollup (charts current without waiting for the sweep).
import type { Db } from '../../db/client';
import { queueOverview } from '../admin/service';
import { type Actor, recordAudit } from '../audit/record';
import { rollupMetrics } from './rollup';

export async function rollupNow(env: Env, db: Db): Promise<number> {
  const queues = await queueOverview(env, db);
  const backlog = Object.fromEntries(queues.data.map((q) => [q.queue, q.backlog]));
  return rollupMetrics(db, Date.now(), { backlog });
}

/** An admin's rollup by hand: audited once done (the sweep's are not). */
export async function rollupByHand(env: Env, db: Db, admin: Actor): Promise<number> {
  const hours = await rollupNow(env, db);
  await recordAudit(db, admin, { action: 'metrics.rollup', targetId: null, details: { hours } });
  return hours;
}
