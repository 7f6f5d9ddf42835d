// GET /health: each binding answers a cheap probe; 503 when any does not.
import { createRoute, z } from '@hono/zod-openapi';
import { oldestStrandedOf } from '../../../queues/registry';
import { loadConfig } from '../../config';
import { createDb } from '../../db/client';
import { createRouter, jsonResponse } from '../../lib/openapi';
import { secondsSince } from '../../lib/pages';
import { QUEUES } from '../../lib/queues';
import { providerFor } from '../email/service';
import { paymentsProvider } from '../payments/providers';

const checkSchema = z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() });
const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.record(z.string(), checkSchema),
    stranded: z
      .object({
        tasks_seconds: z.number().int().nullable(),
        extractions_seconds: z.number().int().nullable(),
      })
      .describe(
        'Age of the oldest stuck or unsent task and extraction (null: none); the sweep recovers them',
      ),
  })
  .openapi('Health');

async function probe(run: () => Promise<unknown>) {
  const started = Date.now();
  try {
    await run();
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return {
      ok: false,
      ms: Date.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** A queue cannot be read from a producer; a bound producer with its `send` is what can be checked. */
function queueBound(queue: Queue | undefined) {
  return async () => {
    if (typeof queue?.send !== 'function') throw new Error('queue binding missing');
  };
}

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Operations'],
  summary: 'Status of each binding (no authentication)',
  responses: {
    200: jsonResponse('All bindings answer', healthSchema),
    503: jsonResponse('Degraded', healthSchema),
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const env = c.env;
  const entries = await Promise.all(
    Object.entries({
      // Missing or invalid secrets make every API call fail; say so here too, by name.
      config: async () => loadConfig(env),
      d1: () => env.DB.prepare('SELECT 1').first(),
      r2: () => env.FILES.head('health/probe'),
      queue_tasks: queueBound(env.TASKS_QUEUE),
      queue_extractions: queueBound(env.EXTRACTIONS_QUEUE),
      queue_events: queueBound(env.EVENTS_QUEUE),
      engagement_room: () => env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName('health')).ping(),
      circuit_breaker: () => env.CIRCUIT_BREAKER.get(env.CIRCUIT_BREAKER.idFromName('health')).ping(),
      // Outside development the embedded providers refuse to run: a missing key is an outage, named.
      payments: async () => paymentsProvider(env),
      email: async () => providerFor(env),
    }).map(async ([name, run]) => [name, await probe(run)] as const),
  );
  const checks = Object.fromEntries(entries);
  const ok = entries.every(([, check]) => check.ok);
  const db = createDb(env.DB);
  // The queues' own figures (their registry hooks), under the names this endpoint has always answered with.
  const stranded = await Promise.all([
    oldestStrandedOf(db, [QUEUES.tasks, QUEUES.tasksHigh]),
    oldestStrandedOf(db, [QUEUES.extractions]),
  ]).then(
    ([task, extraction]) => ({
      tasks_seconds: secondsSince(task),
      extractions_seconds: secondsSince(extraction),
    }),
    () => ({ tasks_seconds: null, extractions_seconds: null }), // D1 down: its check says so
  );
  return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), checks, stranded }, ok ? 200 : 503);
});
