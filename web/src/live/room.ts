// The engagement room as a hook: one WebSocket per open engagement page, pushed events handed to the page,
// automatic reconnects that ask the room for what was missed (`?since=<last seq>`), and a state for the
// connection indicator. No polling: everything the page shows live arrives through here.
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  EngagementRoomMessage,
  RoomMessage,
  ServerMessage,
  UserRoomMessage,
} from '../../../durable-objects/room-protocol';
import { session } from '../session';

/** What a room pushes, typed by the event catalog (the server's protocol; types only, no server code). */
export type RoomEvent = RoomMessage;
export type EngagementRoomEvent = EngagementRoomMessage;
export type UserRoomEvent = UserRoomMessage;

/** Narrows an event to one family by its type's prefix: `inFamily(event, 'task.')` gives the task events. */
export function inFamily<E extends RoomEvent, P extends string>(
  event: E,
  prefix: P,
): event is Extract<E, { type: `${P}${string}` }> {
  return event.type.startsWith(prefix);
}

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

const PING_MS = 25_000;
const MAX_BACKOFF_MS = 10_000;

export function roomUrl(engagementId: string, token: string, since: number | null): string {
  return socketUrl(roomPath(engagementId), token, since);
}

const roomPath = (engagementId: string) => `/v1/engagements/${encodeURIComponent(engagementId)}/room`;

/** A room's WebSocket URL: `path` is an engagement's room or the user's own (/v1/notifications/room). */
export function socketUrl(path: string, token: string, since: number | null): string {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  if (since !== null) url.searchParams.set('since', String(since));
  return url.toString();
}

/**
 * Joins the room of `engagementId`. `onEvent` receives every event in room order, each once (replays after
 * a reconnect are deduplicated by seq). `onSynced` runs when the first connection opens, and again when the
 * room says it no longer keeps all that was missed (a `gap` message): the page reloads
 * what it showed, closing the gap between its first load and the socket's start.
 */
export function useRoom(
  engagementId: string | undefined,
  onEvent: (event: EngagementRoomEvent) => void,
  onSynced?: () => void,
): { state: LiveState; members: number } {
  return useRoomAt(engagementId && roomPath(engagementId), onEvent, onSynced);
}

/**
 * useRoom for any room speaking the same protocol, by its path (the user's own room too). `E` is what that
 * room pushes: the path decides it, so the caller names it (EngagementRoomEvent, UserRoomEvent).
 */
export function useRoomAt<E extends RoomEvent = RoomEvent>(
  path: string | undefined,
  onEvent: (event: E) => void,
  onSynced?: () => void,
): { state: LiveState; members: number } {
  const [state, setState] = useState<LiveState>('connecting');
  const [members, setMembers] = useState(0);
  const handlers = useRef({ onEvent, onSynced });
  handlers.current = { onEvent, onSynced };

  useEffect(() => {
    if (!path) return;
    let socket: WebSocket | null = null;
    let lastSeq: number | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;

    const connect = () => {
      const token = session.token();
      if (!token || stopped) return;
      setState(attempt === 0 && lastSeq === null ? 'connecting' : 'reconnecting');
      const ws = new WebSocket(socketUrl(path, token, lastSeq));
      socket = ws;
      ws.onopen = () => {
        const first = attempt === 0 && lastSeq === null;
        attempt = 0;
        // From now on a reconnect replays what it missed, even if nothing arrived yet.
        lastSeq ??= 0;
        setState('live');
        pingTimer = setInterval(
          () => ws.readyState === WebSocket.OPEN && ws.send('{"type":"ping"}'),
          PING_MS,
        );
        if (first) handlers.current.onSynced?.();
      };
      ws.onmessage = (message) => {
        // The room kept too little to replay all that was missed: reload, as on first sync.
        if (isGap(message.data)) return handlers.current.onSynced?.();
        const event = parse(message.data);
        if (!event) return;
        if (lastSeq !== null && event.seq <= lastSeq) return;
        lastSeq = event.seq;
        if (inFamily(event, 'presence.')) setMembers(event.data.members.length);
        handlers.current.onEvent(event as E);
      };
      ws.onclose = (event) => {
        clearInterval(pingTimer);
        if (stopped) return;
        // The room closes at the session's expiry (4001, SESSION_EXPIRED_CLOSE): sign in again, no retry.
        if (event.code === 4001) return session.expire();
        setState(navigator.onLine === false ? 'offline' : 'reconnecting');
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt++) * (0.75 + Math.random() / 2);
        retryTimer = setTimeout(connect, delay);
      };
    };

    const reconnectNow = () => {
      if (socket?.readyState === WebSocket.OPEN || stopped) return;
      clearTimeout(retryTimer);
      connect();
    };
    addEventListener('online', reconnectNow);
    connect();
    return () => {
      stopped = true;
      removeEventListener('online', reconnectNow);
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socket?.close(1000, 'page closed');
    };
  }, [path]);

  return { state, members };
}

function isGap(raw: unknown): boolean {
  return typeof raw === 'string' && raw.startsWith('{"type":"gap"');
}

function parse(raw: unknown): RoomEvent | null {
  if (typeof raw !== 'string') return null;
  try {
    // The room writes only its protocol's frames (durable-objects/room-protocol.ts).
    const message = JSON.parse(raw) as ServerMessage;
    return 'seq' in message && typeof message.seq === 'number' ? message : null; // gap, pong, error: no seq
  } catch {
    return null;
  }
}
