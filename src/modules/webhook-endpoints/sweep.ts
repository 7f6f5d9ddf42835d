// What the cron sweep and the admin queues page ask of webhook deliveries: those whose queue message was
// lost are sent again, and the backlog and its oldest stranded delivery are counted.
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { webhookDeliveries } from '../../db/schema';
import { sendDeliveries } from './fan-out';

/** A delivery not yet finished: due, retrying, in flight, or waiting in its line. */
export const UNFINISHED = ['pending', 'waiting'] as const;

/** Sweep: deliveries whose message was lost (due long ago, or waiting long) are sent again. */
export async function recoverDeliveries(env: Env, now = Date.now()): Promise<number> {
  const db = createDb(env.DB);
  const stale = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      or(
        and(
          eq(webhookDeliveries.status, 'pending'),
          lt(webhookDeliveries.nextAttemptAt, new Date(now - 5 * 60_000).toISOString()),
        ),
        // Waiting long with nobody handing the line on: looked at again (re-marked if still behind).
        and(
          eq(webhookDeliveries.status, 'waiting'),
          lt(webhookDeliveries.updatedAt, new Date(now - 5 * 60_000).toISOString()),
        ),
      ),
    )
    .limit(1000);
  await sendDeliveries(
    env,
    stale.map((row) => row.id),
  );
  return stale.length;
}

/** Deliveries not yet finished (due, retrying or waiting in their line): the webhooks backlog. */
export async function deliveryBacklog(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.status, [...UNFINISHED]));
  return row?.n ?? 0;
}

/** When the longest-overdue delivery was due (its message presumably lost); null: none. */
export async function oldestStrandedDelivery(db: Db, now = Date.now()): Promise<string | null> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${webhookDeliveries.nextAttemptAt})` })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lt(webhookDeliveries.nextAttemptAt, new Date(now - 5 * 60_000).toISOString()),
      ),
    );
  return row?.at ?? null;
}
