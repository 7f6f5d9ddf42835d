// EngagementRoom: one Durable Object per engagement, the live room its company members, expert and admins
// join over WebSockets (Hibernation API). Events arrive over RPC (`publish`), get a per-room `seq`, are
// kept in the room's SQLite for replay (`?since=`), and are pushed to every socket. The Worker
// authenticates and authorises before forwarding an upgrade here.
import { DurableObject } from 'cloudflare:workers';
import {
  PING,
  PONG,
  type PresenceMessage,
  type PublishedEvent,
  ROOM_HEADERS,
  type RoomMessage,
  SESSION_EXPIRED_CLOSE,
  type ServerMessage,
} from './room-protocol';

/** Events kept for replay; older ones are pruned by the alarm. */
export const RETAINED_EVENTS = 1000;
const PRUNE_DELAY_MS = 60 * 60 * 1000;

interface Attachment {
  userId: string;
  role: string;
  left?: boolean;
  /** The session token's expiry (ms): the alarm closes the socket then. */
  expiresAt?: number;
}

/** A room message before the room numbers it. */
type Unnumbered<M> = M extends RoomMessage ? Omit<M, 'seq'> : never;

interface StoredRow extends Record<string, SqlStorageValue> {
  seq: number;
  event_seq: number | null;
  type: string;
  data: string;
  at: string;
}

export class EngagementRoom extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT UNIQUE,
          type TEXT NOT NULL, data TEXT NOT NULL, at TEXT NOT NULL);`);
      // Rooms created before events carried the one sequence get the column on first wake.
      const columns = ctx.storage.sql.exec<{ name: string }>('PRAGMA table_info(events)').toArray();
      if (!columns.some((column) => column.name === 'event_seq')) {
        ctx.storage.sql.exec('ALTER TABLE events ADD COLUMN event_seq INTEGER');
      }
      ctx.storage.sql.exec('CREATE INDEX IF NOT EXISTS events_event_seq ON events (event_seq)');
    });
    // Answered by the runtime itself, so a keep-alive never wakes a hibernating room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** The WebSocket upgrade, already authenticated and authorised by the Worker. */
  override async fetch(request: Request): Promise<Response> {
    const engagementId = request.headers.get(ROOM_HEADERS.engagement);
    const userId = request.headers.get(ROOM_HEADERS.user);
    const role = request.headers.get(ROOM_HEADERS.role) ?? 'unknown';
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket' || !engagementId || !userId) {
      return new Response('Expected an authorised WebSocket upgrade', { status: 400 });
    }
    this.remember(engagementId);
    const params = new URL(request.url).searchParams;
    const since = Number(params.get('since') ?? Number.NaN);
    const cursor = Number(params.get('cursor') ?? Number.NaN);

    const expires = Number(request.headers.get(ROOM_HEADERS.expires) ?? Number.NaN);
    const expiresAt = Number.isFinite(expires) ? expires : undefined;

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [userId]);
    server.serializeAttachment({ userId, role, expiresAt } satisfies Attachment);
    if (expiresAt !== undefined) await this.scheduleAlarm(expiresAt);
    // What the client missed comes first, in order, then it joins everyone else's stream. Only the last
    // RETAINED_EVENTS are replayed: a client further behind is told of the gap first, so it reloads.
    if (Number.isInteger(since) && since >= 0) {
      const missed = this.eventsAfter(since);
      const first = missed[0];
      if (first && first.seq > since + 1) server.send(frame({ type: 'gap', since, oldest_seq: first.seq }));
      for (const message of missed) server.send(frame(message));
    } else if (Number.isInteger(cursor) && cursor >= 0) {
      this.replayFromCursor(server, cursor);
    }
    this.append(null, presence('presence.joined', { user_id: userId, role, members: this.members() }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** RPC: store and push an engagement event; the same event id twice is stored and pushed once. */
  async publish(
    engagementId: string,
    event: PublishedEvent,
  ): Promise<{ seq: number | null; duplicate: boolean }> {
    this.remember(engagementId);
    const seq = this.append(event.id, fromPublished(event));
    return { seq, duplicate: seq === null };
  }

  /** RPC: several events in order (one call for a queue batch's events of this engagement). */
  async publishMany(engagementId: string, events: PublishedEvent[]): Promise<void> {
    this.remember(engagementId);
    for (const event of events) this.append(event.id, fromPublished(event));
  }

  /** RPC: the engagement this room belongs to (kept in storage, so it survives hibernation). */
  async engagementId(): Promise<string | null> {
    return this.storedEngagementId();
  }

  /** RPC: events after `since`, for tests and diagnostics. */
  async history(since = 0): Promise<RoomMessage[]> {
    return this.eventsAfter(since);
  }

  /** Health probe over RPC. */
  async ping(): Promise<'pong'> {
    return 'pong';
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // The only client message is ping, answered by the auto-response; anything else gets a hint.
    if (message !== PING) ws.send(frame({ type: 'error', message: 'Only {"type":"ping"} is accepted' }));
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    this.leave(ws);
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'bye');
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.leave(ws);
  }

  /** One alarm for both timers: sockets whose session expired are closed, old events pruned. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    for (const ws of this.ctx.getWebSockets()) {
      const attachment = ws.deserializeAttachment() as Attachment | null;
      if (attachment?.expiresAt === undefined || attachment.expiresAt > now) continue;
      this.leave(ws);
      try {
        ws.close(SESSION_EXPIRED_CLOSE, 'session expired: sign in again');
      } catch {
        // already closed
      }
    }
    // What is pruned is remembered by its last event_seq, so a `?cursor=` behind it is told of the gap.
    this.ctx.storage.sql.exec(
      `INSERT INTO meta (key, value) SELECT 'pruned_event_seq', CAST(MAX(event_seq) AS TEXT) FROM events
         WHERE seq <= (SELECT MAX(seq) FROM events) - ? HAVING MAX(event_seq) IS NOT NULL
       ON CONFLICT (key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
      RETAINED_EVENTS,
    );
    this.ctx.storage.sql.exec(
      'DELETE FROM events WHERE seq <= (SELECT MAX(seq) FROM events) - ?',
      RETAINED_EVENTS,
    );
    const next = this.nextExpiry();
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  /** The earliest session expiry of an open socket, if any. */
  private nextExpiry(): number | null {
    const expiries = this.ctx
      .getWebSockets()
      .map((ws) => (ws.deserializeAttachment() as Attachment | null)?.expiresAt)
      .filter((at): at is number => at !== undefined && !Number.isNaN(at));
    return expiries.length ? Math.min(...expiries) : null;
  }

  /** Moves the alarm earlier when `at` comes first; never later (a prune or another expiry may be due). */
  private async scheduleAlarm(at: number) {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  /** Announces a departure once per socket (an error is often followed by a close). */
  private leave(ws: WebSocket) {
    const attachment = ws.deserializeAttachment() as Attachment | null;
    if (!attachment || attachment.left) return;
    ws.serializeAttachment({ ...attachment, left: true } satisfies Attachment);
    const { userId, role } = attachment;
    const others = this.ctx.getWebSockets().filter((socket) => socket !== ws);
    this.append(
      null,
      presence('presence.left', { user_id: userId, role, members: membersOf(others) }),
      others,
    );
  }

  private members() {
    return membersOf(this.ctx.getWebSockets());
  }

  /** Stores an event (deduplicated by event id) and pushes it; returns its seq, or null for a duplicate. */
  private append(
    eventId: string | null,
    message: Unnumbered<RoomMessage>,
    sockets = this.ctx.getWebSockets(),
  ): number | null {
    const inserted = this.ctx.storage.sql
      .exec<{ seq: number }>(
        'INSERT INTO events (event_id, type, data, at, event_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING seq',
        eventId,
        message.type,
        JSON.stringify(message.data),
        message.at,
        message.event_seq,
      )
      .toArray();
    const seq = inserted[0]?.seq;
    if (seq === undefined) return null;
    const payload = frame({ seq, ...message });
    for (const socket of sockets) {
      try {
        socket.send(payload);
      } catch {
        // A socket that is closing misses nothing: it replays with `since` when it reconnects.
      }
    }
    void this.schedulePrune();
    return seq;
  }

  /** Events after `since`, at most the last RETAINED_EVENTS (the alarm prunes older ones only hourly). */
  private eventsAfter(since: number): RoomMessage[] {
    return this.ctx.storage.sql
      .exec<StoredRow>(
        'SELECT seq, event_seq, type, data, at FROM events WHERE seq > ? AND seq > (SELECT MAX(seq) FROM events) - ? ORDER BY seq',
        since,
        RETAINED_EVENTS,
      )
      .toArray()
      .map(toMessage);
  }

  /**
   * Engagement events after `cursor` in the one event sequence (presence is not replayed: it is live
   * state). A cursor behind what the room still holds gets a gap first, naming GET /v1/events to catch up.
   */
  private replayFromCursor(server: WebSocket, cursor: number) {
    const window = 'seq > (SELECT MAX(seq) FROM events) - ?';
    const missed = this.ctx.storage.sql
      .exec<StoredRow>(
        `SELECT seq, event_seq, type, data, at FROM events WHERE event_seq > ? AND ${window} ORDER BY event_seq`,
        cursor,
        RETAINED_EVENTS,
      )
      .toArray()
      .map(toMessage);
    const [pruned] = this.ctx.storage.sql
      .exec<{ value: string }>("SELECT value FROM meta WHERE key = 'pruned_event_seq'")
      .toArray();
    const [older] = this.ctx.storage.sql
      .exec(`SELECT 1 FROM events WHERE event_seq > ? AND NOT (${window}) LIMIT 1`, cursor, RETAINED_EVENTS)
      .toArray();
    if (older || (pruned && Number(pruned.value) > cursor)) {
      server.send(frame({ type: 'gap', since: cursor, cursor, oldest_seq: missed[0]?.seq ?? 0 }));
    }
    for (const message of missed) server.send(frame(message));
  }

  private remember(engagementId: string) {
    if (this.storedEngagementId() === null) {
      this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES ('engagement_id', ?)", engagementId);
    }
  }

  private storedEngagementId(): string | null {
    const [row] = this.ctx.storage.sql
      .exec<{ value: string }>("SELECT value FROM meta WHERE key = 'engagement_id'")
      .toArray();
    return row?.value ?? null;
  }

  private async schedulePrune() {
    await this.scheduleAlarm(Date.now() + PRUNE_DELAY_MS);
  }
}

/** Every frame a client receives is written here, so each is one of the protocol's messages. */
const frame = (message: ServerMessage) => JSON.stringify(message);

const presence = (
  type: PresenceMessage['type'],
  data: PresenceMessage['data'],
): Unnumbered<PresenceMessage> => ({
  event_seq: null,
  type,
  data,
  at: new Date().toISOString(),
});

/**
 * The room does not parse what it publishes: catalog events were typed when recorded (lib/outbox), user-room
 * messages when pushed (notifications/live), so `data` is passed on as their type declares.
 */
const fromPublished = (event: PublishedEvent) =>
  ({
    event_seq: event.seq ?? null,
    type: event.type,
    data: event.data,
    at: event.at,
  }) as Unnumbered<RoomMessage>;

/** A stored row is what append stored from a typed message. */
const toMessage = (row: StoredRow) =>
  ({
    seq: row.seq,
    event_seq: row.event_seq,
    type: row.type,
    data: JSON.parse(row.data),
    at: row.at,
  }) as RoomMessage;

function membersOf(sockets: WebSocket[]) {
  const users = new Map<string, string>();
  for (const socket of sockets) {
    const attachment = socket.deserializeAttachment() as Attachment | null;
    if (attachment && !attachment.left) users.set(attachment.userId, attachment.role);
  }
  return [...users].map(([user_id, role]) => ({ user_id, role }));
}
