// The user's own live room: the engagement room's Durable Object class under another name (`user:<id>`), so
// what concerns one person reaches each tab they have open, in order, with replay after a reconnect
// (`?since=`) — the protocol the dashboard already speaks for engagements.
import { log } from '../../lib/logger';
import type { UserRoomEvent } from './notification';

/** A message for the user's room: its id (the room stores each once), type, data as the type declares, time. */
export type UserRoomPush = UserRoomEvent & { id: string; at: string };

export const userRoomName = (userId: string) => `user:${userId}`;

export function userRoom(env: Env, userId: string) {
  return env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(userRoomName(userId)));
}

/** The room stores each message id once: pushing the same id again (a retried handler) pushes nothing. */
export async function pushToUser(env: Env, userId: string, message: UserRoomPush): Promise<void> {
  await userRoom(env, userId).publish(userRoomName(userId), message);
}

/** For pushes a request makes on the side: a room that cannot be reached must not fail the request. */
export async function pushToUserQuietly(env: Env, userId: string, message: UserRoomPush): Promise<void> {
  try {
    await pushToUser(env, userId, message);
  } catch (error) {
    log.warn('user room push failed', {
      user_id: userId,
      type: message.type,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
