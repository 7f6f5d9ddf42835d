// Server-sent events for progress streams (extractions, task status): polls a source, writes each new
// item as an SSE message with its id (so EventSource resumes with Last-Event-ID), sends a heartbeat comment
// while idle, and closes once the source says it reached a terminal state (or after a maximum duration,
// after which the browser reconnects by itself).
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

export interface SseItem {
  id: string;
  event: string;
  data: unknown;
}

export interface SseSource {
  /** Items after `cursor` (the id of the last item sent, or the client's Last-Event-ID). */
  next(cursor: string | undefined): Promise<{ items: SseItem[]; done: boolean }>;
}

export interface SseOptions {
  pollMs?: number;
  heartbeatMs?: number;
  maxDurationMs?: number;
  /** Sleep between polls; injectable so tests need not wait for real time. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function eventStream(c: Context, source: SseSource, options: SseOptions = {}): Response {
  const { pollMs = 1000, heartbeatMs = 15_000, maxDurationMs = 5 * 60_000, sleep = realSleep } = options;
  let cursor = c.req.header('Last-Event-ID') || undefined;
  c.header('X-Accel-Buffering', 'no');
  const response = streamSSE(c, async (stream) => {
    let elapsed = 0;
    let idle = 0;
    while (!stream.aborted && elapsed < maxDurationMs) {
      const { items, done } = await source.next(cursor);
      for (const item of items) {
        await stream.writeSSE({ id: item.id, event: item.event, data: JSON.stringify(item.data) });
        cursor = item.id;
      }
      if (done) break;
      idle = items.length > 0 ? 0 : idle + pollMs;
      if (idle >= heartbeatMs) {
        await stream.write(': heartbeat\n\n');
        idle = 0;
      }
      await sleep(pollMs);
      elapsed += pollMs;
    }
    await stream.close();
  });
  // Set after streamSSE, which writes its own `no-cache`: no-transform keeps proxies from buffering to compress.
  response.headers.set('Cache-Control', 'no-cache, no-transform');
  return response;
}
