// EngagementRoom: one Durable Object per engagement, the live room everyone on it joins (WebSocket
// Hibernation API). The backbone issue fills in joining, fan-out and replay; for now it answers probes.
import { DurableObject } from 'cloudflare:workers';

export class EngagementRoom extends DurableObject<Env> {
  /** Health probe over RPC. */
  async ping(): Promise<'pong'> {
    return 'pong';
  }
}
