// Queue consumers work on behalf of the request that queued the message: its id, carried in the message,
// is on what they record. Messages queued before the id was carried still run, on behalf of none.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { processEventBatch } from '../../queues/events';
import type { TaskMessage } from '../../queues/messages';
import { processTaskBatch } from '../../queues/tasks';
import { events } from '../../src/db/schema';
import type { EventMessage } from '../../src/events/message';
import { currentRequestId } from '../../src/lib/request-context';
import { activeEngagement, db, insertTask } from '../tasks/fixtures';

async function requestIdsOfEvents(taskId: string) {
  return db
    .select({ type: events.type, requestId: events.requestId })
    .from(events)
    .where(eq(sql`json_extract(${events.data}, '$.task_id')`, taskId))
    .orderBy(events.id);
}

describe('request ids on queue messages', () => {
  it('records each task of a mixed batch under the request that queued it', async () => {
    const parties = await activeEngagement();
    const [first, second, old] = [
      await insertTask(parties),
      await insertTask(parties),
      await insertTask(parties),
    ];
    const batch = createMessageBatch<TaskMessage>('engage-tasks', [
      { id: 'r-1', timestamp: new Date(), attempts: 1, body: { task_id: first.id, request_id: 'req-first' } },
      {
        id: 'r-2',
        timestamp: new Date(),
        attempts: 1,
        body: { task_id: second.id, request_id: 'req-second' },
      },
      // Queued before request ids were carried: still parses, and runs on behalf of no request.
      { id: 'r-3', timestamp: new Date(), attempts: 1, body: { task_id: old.id } },
    ]);
    const ctx = createExecutionContext();
    await processTaskBatch(env, batch);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(3);

    expect(await requestIdsOfEvents(first.id)).toEqual([
      { type: 'task.started', requestId: 'req-first' },
      { type: 'task.completed', requestId: 'req-first' },
    ]);
    expect(await requestIdsOfEvents(second.id)).toEqual([
      { type: 'task.started', requestId: 'req-second' },
      { type: 'task.completed', requestId: 'req-second' },
    ]);
    expect(await requestIdsOfEvents(old.id)).toEqual([
      { type: 'task.started', requestId: null },
      { type: 'task.completed', requestId: null },
    ]);
  });

  it('runs event handlers on behalf of the event’s request, and of none for an event without one', async () => {
    const seen: Record<string, string | null> = {};
    const registry = {
      'task.created': [
        {
          name: 'spy',
          deduplicatesByEventId: true,
          async run(_env: Env, event: EventMessage) {
            seen[event.id] = currentRequestId();
          },
        },
      ],
    };
    const message = (id: string, extra: Record<string, unknown>) => ({
      id: `m-${id}`,
      timestamp: new Date(),
      attempts: 1,
      body: {
        id,
        type: 'task.created',
        seq: null,
        engagement_id: null,
        org_id: null,
        data: {},
        created_at: new Date().toISOString(),
        ...extra,
      },
    });
    const batch = createMessageBatch<EventMessage>('engage-events', [
      message('evt_traced', { request_id: 'req-event' }),
      message('evt_untraced', {}),
    ]);
    const ctx = createExecutionContext();
    await processEventBatch(env, batch, registry);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(2);
    expect(seen).toEqual({ evt_traced: 'req-event', evt_untraced: null });
  });
});
