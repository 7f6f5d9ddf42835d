// The engagement room's wire protocol, shared by the Durable Object, the Worker and clients.

/** Every message a room pushes: an engagement event (or presence change) in room order. */
export interface RoomMessage {
  /** Monotonically increasing per room; reconnect with `?since=<last seq seen>` to receive what was missed. */
  seq: number;
  /**
   * The event's place in the one event sequence (`seq` of GET /v1/events, the SSE id, a webhook body's
   * `seq`); null for presence. Reconnect with `?cursor=<last event_seq seen>` to resume on that cursor.
   */
  event_seq: number | null;
  type: string;
  data: Record<string, unknown>;
  at: string;
}

/**
 * Sent before a replay when events between `since` and `oldest_seq` are no longer kept: the client missed
 * some and should reload what it shows rather than apply the replay as if complete.
 */
export interface GapMessage {
  type: 'gap';
  since: number;
  oldest_seq: number;
  /** With `?cursor=`: the cursor asked for, and GET /v1/events?since= to page through what the room no longer holds. */
  cursor?: number;
}

/** Clients may send this; the room answers PONG without waking from hibernation. */
export const PING = '{"type":"ping"}';
export const PONG = '{"type":"pong"}';

/** Headers the Worker sets on the upgrade it forwards to the room, after authenticating the caller. */
export const ROOM_HEADERS = {
  engagement: 'X-Engage-Engagement',
  user: 'X-Engage-User',
  role: 'X-Engage-Role',
  /** When the caller's session token expires (ms since the epoch); absent for API keys. */
  expires: 'X-Engage-Expires',
} as const;

/** The close code of a socket whose session token expired: the client should sign in again, not retry. */
export const SESSION_EXPIRED_CLOSE = 4001;

/** What the Worker hands the room to publish: an outbox event. */
export interface PublishedEvent {
  id: string;
  /** Its place in the one event sequence (null only for events written before the sequence existed). */
  seq?: number | null;
  type: string;
  data: Record<string, unknown>;
  at: string;
}
