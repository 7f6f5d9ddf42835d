// The SSE source of a batch's progress: each poll reads the batch row (one primary-key lookup) and emits a
// `progress` event with the counts when its version moved, then the whole batch as `completed` or
// `cancelled`, and ends. The version is the event id, so a reconnecting EventSource gets only what is new.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { extractionBatches } from '../../db/schema';
import type { SseItem, SseSource } from '../../lib/sse';
import { toBatchView } from './view';

export function batchProgressSource(db: Db, id: string): SseSource {
  return {
    async next(cursor) {
      const row = await db.query.extractionBatches.findFirst({ where: eq(extractionBatches.id, id) });
      if (!row) return { items: [], done: true };
      const eventId = String(row.version);
      const terminal = row.status !== 'running';
      const endId = `${eventId}:end`;
      if (cursor === endId || (cursor === eventId && !terminal)) return { items: [], done: terminal };
      const items: SseItem[] = [];
      if (cursor !== eventId) {
        items.push({ id: eventId, event: 'progress', data: { id, status: row.status, counts: row.counts } });
      }
      if (terminal) items.push({ id: endId, event: row.status, data: toBatchView(row) });
      return { items, done: terminal };
    },
  };
}
