// The engagement room's wire protocol, shared by the Durable Object, the Worker and clients (the dashboard
// imports these types). Event messages are typed by the event catalog: checking `type` narrows `data`.
import type { CatalogEvent, EventType } from '../src/events/catalog';
import type { UserRoomEvent } from '../src/modules/notifications/notification';

/** What every message a room pushes carries besides its type and data. */
interface RoomEnvelope {
  /** Monotonically increasing per room; reconnect with `?since=<last seq seen>` to receive what was missed. */
  seq: number;
  /**
   * The event's place in the one event sequence (`seq` of GET /v1/events, the SSE id, a webhook body's
   * `seq`); null for presence. Reconnect with `?cursor=<last event_seq seen>` to resume on that cursor.
   */
  event_seq: number | null;
  at: string;
}

/** Data a consumer reads loosely, as the catalog's: fields added later must not break it. */
type Loose<T> = T & { [key: string]: unknown };
type LooseData<E> = E extends { type: infer T; data: infer D } ? { type: T; data: Loose<D> } : never;

/** An engagement event, `data` as the catalog declares for its type. */
export type EventMessage<T extends EventType = EventType> = RoomEnvelope & CatalogEvent<T>;

export interface RoomMember {
  user_id: string;
  role: string;
}

/** A socket joined or left: who, and everyone present now (one entry per user). */
export type PresenceMessage = RoomEnvelope & {
  event_seq: null;
  type: 'presence.joined' | 'presence.left';
  data: Loose<RoomMember & { members: RoomMember[] }>;
};

/** What the user's own room (`user:<id>`, GET /v1/notifications/room) pushes besides presence. */
export type NotificationMessage = RoomEnvelope & LooseData<UserRoomEvent>;

export type EngagementRoomMessage = EventMessage | PresenceMessage;
export type UserRoomMessage = NotificationMessage | PresenceMessage;

/** Every message a room pushes, in room order, and keeps for replay. */
export type RoomMessage = EventMessage | PresenceMessage | NotificationMessage;

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

/** The answer to any client frame but PING. */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** Every frame a room sends a client. */
export type ServerMessage = RoomMessage | GapMessage | { type: 'pong' } | ErrorMessage;

/** Clients may send this; the room answers PONG without waking from hibernation. */
export const PING = '{"type":"ping"}';
export const PONG = JSON.stringify({ type: 'pong' } satisfies ServerMessage);

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

/**
 * What the Worker hands the room to publish: an outbox event, or a user-room message. Loose at the RPC
 * boundary: the room stores and forwards `data` unchanged, typed where it was made (the outbox by the
 * catalog, pushToUser by UserRoomEvent).
 */
export interface PublishedEvent {
  id: string;
  /** Its place in the one event sequence (null only for events written before the sequence existed). */
  seq?: number | null;
  type: string;
  data: Record<string, unknown>;
  at: string;
}
