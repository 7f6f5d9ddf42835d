// Event handler: every engagement event is pushed to that engagement's room.
import type { EventHandler } from '../../events/dispatch';

export const pushToRoom: EventHandler = {
  name: 'room',
  // The room stores each event id once (UNIQUE) and pushes only what it stored.
  deduplicatesByEventId: true,
  async run(env, event) {
    if (!event.engagement_id) return;
    const room = env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(event.engagement_id));
    await room.publish(event.engagement_id, {
      id: event.id,
      seq: event.seq,
      type: event.type,
      data: event.data,
      at: event.created_at,
    });
  },
  async runMany(env, events) {
    // The dispatcher groups events by engagement; events of no engagement have no room.
    const engagementId = events[0]?.engagement_id;
    if (!engagementId) return;
    const room = env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(engagementId));
    await room.publishMany(
      engagementId,
      events.map((event) => ({
        id: event.id,
        seq: event.seq,
        type: event.type,
        data: event.data,
        at: event.created_at,
      })),
    );
  },
};
