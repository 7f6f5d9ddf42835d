// Benchmark worker: the real EngagementRoom next to a bare Durable Object that only broadcasts, so both
// fan out the same message to the same number of sockets in the same run. Auth is not measured here:
// upgrades are forwarded with the headers the API sets after authenticating.
import { DurableObject } from 'cloudflare:workers';
import { ROOM_HEADERS } from '../../durable-objects/room-protocol';

export { EngagementRoom } from '../../durable-objects/engagement-room';

/** The baseline: accept (hibernatable) sockets, send one string to all of them. */
export class BareRoom extends DurableObject {
  override async fetch(): Promise<Response> {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async broadcast(message: string): Promise<number> {
    const sockets = this.ctx.getWebSockets();
    for (const socket of sockets) socket.send(message);
    return sockets.length;
  }

  async count(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }
}

interface BenchEnv {
  ENGAGEMENT_ROOM: DurableObjectNamespace<import('../../durable-objects/engagement-room').EngagementRoom>;
  BARE_ROOM: DurableObjectNamespace<BareRoom>;
}

const ENGAGEMENT = 'eng_BENCHFANOUT0000000000000';

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    const room = env.ENGAGEMENT_ROOM.get(env.ENGAGEMENT_ROOM.idFromName(ENGAGEMENT));
    const bare = env.BARE_ROOM.get(env.BARE_ROOM.idFromName('bare'));
    switch (url.pathname) {
      case '/room/ws': {
        const headers = new Headers(request.headers);
        headers.set(ROOM_HEADERS.engagement, ENGAGEMENT);
        headers.set(ROOM_HEADERS.user, `usr_bench_${url.searchParams.get('n') ?? '0'}`);
        headers.set(ROOM_HEADERS.role, 'company');
        return room.fetch(new Request(request.url, { headers }));
      }
      case '/bare/ws':
        return bare.fetch(request);
      case '/room/publish': {
        const data = { round: Number(url.searchParams.get('round')), pad: 'x'.repeat(200) };
        const result = await room.publish(ENGAGEMENT, {
          id: crypto.randomUUID(),
          type: 'task.completed',
          data,
          at: new Date().toISOString(),
        });
        return Response.json(result);
      }
      case '/bare/publish': {
        const data = { round: Number(url.searchParams.get('round')), pad: 'x'.repeat(200) };
        const message = JSON.stringify({
          seq: Number(url.searchParams.get('round')),
          type: 'task.completed',
          data,
          at: new Date().toISOString(),
        });
        return Response.json({ sent: await bare.broadcast(message) });
      }
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
