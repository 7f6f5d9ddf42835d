// The SSE source of an extraction's progress: each poll reads the row (one primary-key lookup) and emits a
// `progress` event when its version moved, then the whole extraction as `completed` or `failed`, and ends.
// The row's version is the event id, so a reconnecting EventSource (Last-Event-ID) gets only what is new.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { extractions } from '../../db/schema';
import type { SseItem, SseSource } from '../../lib/sse';
import { viewOf } from './service';

export function progressSource(db: Db, id: string): SseSource {
  return {
    async next(cursor) {
      const row = await db.query.extractions.findFirst({ where: eq(extractions.id, id) });
      if (!row) return { items: [], done: true };
      const eventId = String(row.version);
      const terminal = row.status === 'completed' || row.status === 'failed';
      // The closing event has its own id: a client that dropped between the last progress and it (its
      // Last-Event-ID is the progress id) still receives it on reconnect.
      const endId = `${eventId}:end`;
      if (cursor === endId || (cursor === eventId && !terminal)) return { items: [], done: terminal };
      const items: SseItem[] = [];
      if (cursor !== eventId) {
        items.push({
          id: eventId,
          event: 'progress',
          data: { id, status: row.status, progress: row.progress },
        });
      }
      if (terminal) items.push({ id: endId, event: row.status, data: await viewOf(db, row) });
      return { items, done: terminal };
    },
  };
}
