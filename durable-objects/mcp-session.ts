// McpSessionStream: one Durable Object per MCP session, holding the session's event stream (GET /v1/mcp,
// Server-Sent Events) and the notifications it carries. The Worker authenticates the caller and checks the
// session is theirs before forwarding a stream request here; events reach `notify` over RPC from the event
// handler (modules/mcp/notify.ts). Notifications are kept (the last RETAINED) with increasing ids, so a
// client that reconnects with `Last-Event-ID` misses none; the same event twice is kept once.
import { DurableObject } from 'cloudflare:workers';

/** Notifications kept for a reconnecting client. */
const RETAINED = 200;
/**
 * A stream is closed after this long: the client reconnects at once with `Last-Event-ID` and is
 * authenticated again, so a revoked key or a disabled account stops hearing within this time.
 */
export const STREAM_LIFETIME_MS = 15 * 60_000;
/** An SSE comment this often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 25_000;
/** Storage of a session nobody has touched for a day is deleted (the sweep forgets the session in D1). */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

const encoder = new TextEncoder();

type Writer = WritableStreamDefaultWriter<Uint8Array>;

export class McpSessionStream extends DurableObject<Env> {
  private readonly streams = new Set<Writer>();

  /** Whether the table exists in this instance's storage (`forget` deletes it). */
  private tableReady = false;

  /** Created on first use: `end` and the alarm delete all storage, and the object may be asked again after. */
  private notes(): SqlStorage {
    if (!this.tableReady) {
      this.ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS notes (seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE, message TEXT NOT NULL)`);
      this.tableReady = true;
    }
    return this.ctx.storage.sql;
  }

  private async forget(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.tableReady = false;
  }

  /** Opens the event stream (already authorised by the Worker), replaying what followed `Last-Event-ID`. */
  override async fetch(request: Request): Promise<Response> {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    this.streams.add(writer);
    const lastSeen = Number(request.headers.get('last-event-id') ?? Number.NaN);
    const missed = Number.isSafeInteger(lastSeen)
      ? this.notes()
          .exec<{ seq: number; message: string }>(
            'SELECT seq, message FROM notes WHERE seq > ? ORDER BY seq',
            lastSeen,
          )
          .toArray()
      : [];
    this.send(writer, 'retry: 1000\n\n');
    for (const note of missed) this.send(writer, frame(note.seq, note.message));
    // The priming event (an id, no data), so a client reconnecting after a quiet stream resumes from here.
    if (missed.length === 0) this.send(writer, `id: ${this.latestSeq()}\ndata: \n\n`);
    const keepalive = setInterval(() => this.send(writer, ': keep-alive\n\n'), KEEPALIVE_MS);
    const lifetime = setTimeout(() => this.drop(writer), STREAM_LIFETIME_MS);
    // Closed by us, or errored by the client going away: either way the stream is over.
    const over = () => {
      clearInterval(keepalive);
      clearTimeout(lifetime);
      this.streams.delete(writer);
    };
    writer.closed.then(over, over);
    await this.forgetLater();
    return new Response(readable, {
      headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform' },
    });
  }

  /** Tells the session which resources each event changed (once per event, however often it is delivered). */
  async notify(changes: { eventId: string; uris: string[] }[]): Promise<void> {
    const told = changes.flatMap(({ eventId, uris }) =>
      uris.map((uri) => ({ key: `${eventId} ${uri}`, uri })),
    );
    for (const { key, uri } of told) {
      const message = JSON.stringify({
        jsonrpc: '2.0',
        method: 'notifications/resources/updated',
        params: { uri },
      });
      const row = this.notes()
        .exec<{ seq: number }>(
          'INSERT INTO notes (event_id, message) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING seq',
          key,
          message,
        )
        .toArray()[0];
      if (!row) continue; // this event was told already
      for (const writer of this.streams) this.send(writer, frame(row.seq, message));
    }
    this.notes().exec('DELETE FROM notes WHERE seq <= ?', this.latestSeq() - RETAINED);
    await this.forgetLater();
  }

  /** The session ended: its streams close and its storage goes. */
  async end(): Promise<void> {
    for (const writer of this.streams) this.drop(writer);
    await this.ctx.storage.deleteAlarm();
    await this.forget();
  }

  override async alarm(): Promise<void> {
    if (this.streams.size > 0) return this.forgetLater();
    await this.forget();
  }

  private latestSeq(): number {
    return this.notes().exec<{ seq: number | null }>('SELECT max(seq) AS seq FROM notes').one().seq ?? 0;
  }

  private send(writer: Writer, text: string): void {
    writer.write(encoder.encode(text)).catch(() => this.drop(writer));
  }

  private drop(writer: Writer): void {
    this.streams.delete(writer);
    writer.close().catch(() => {
      // already closed or errored by the client going away
    });
  }

  private forgetLater(): Promise<void> {
    return this.ctx.storage.setAlarm(Date.now() + FORGET_AFTER_MS);
  }
}

const frame = (seq: number, message: string) => `id: ${seq}\ndata: ${message}\n\n`;
