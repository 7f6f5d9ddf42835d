// CircuitBreaker: one Durable Object per external dependency (stripe, resend, ai, webhook:<host>).
// The backbone issue fills in the closed/open/half-open machine; for now it answers probes.
import { DurableObject } from 'cloudflare:workers';

export class CircuitBreaker extends DurableObject<Env> {
  /** Health probe over RPC. */
  async ping(): Promise<'pong'> {
    return 'pong';
  }
}
