// One HTTP attempt at a delivery: the SSRF rules checked again (DNS may point elsewhere than at creation),
// through the host's circuit breaker, signed as Standard Webhooks prescribes. Never throws: every way an
// attempt can go wrong becomes an Outcome the consumer records, except an open breaker, which is no attempt.
import { loadConfig } from '../../config';
import type { WebhookEndpoint } from '../../db/schema';
import { BreakerOpenError, withBreaker } from '../../lib/breaker';
import { checkUrl, type Resolver, UnsafeUrlError } from '../../lib/safe-fetch';
import { assertPublicHost, dohResolver } from '../../lib/safe-fetch/resolve';
import { signedHeaders } from './signing';

/** An attempt that has not answered within this is a failure. */
export const ATTEMPT_TIMEOUT_MS = 15_000;
const RESPONSE_KEPT_BYTES = 1024;

export interface Outcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
}

/** The event as its webhook body needs it. */
export interface WebhookEvent {
  id: string;
  seq: number | null;
  type: string;
  data: unknown;
  created_at: string;
}

/** The body every endpoint receives: `{type, timestamp, data}`, with the event's id and place. */
export function webhookBody(event: WebhookEvent) {
  return JSON.stringify({
    type: event.type,
    timestamp: event.created_at,
    data: event.data,
    id: event.id,
    seq: event.seq,
  });
}

export interface AttemptOptions {
  fetch?: typeof fetch;
  resolve?: Resolver;
}

export const hostOfUrl = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
};

const failed = (error: string, durationMs = 0): Outcome => ({
  ok: false,
  statusCode: null,
  durationMs,
  response: null,
  error: error.slice(0, 500),
});

/** POSTs the event to the endpoint once; an open breaker comes back as the BreakerOpenError itself. */
export async function postEvent(
  env: Env,
  endpoint: WebhookEndpoint,
  event: WebhookEvent | undefined,
  now: Date,
  options: AttemptOptions = {},
): Promise<Outcome | BreakerOpenError> {
  if (!event) return failed('The event no longer exists');
  const started = Date.now();
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const body = webhookBody(event);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
  try {
    const checked = checkUrl(endpoint.url, loadConfig(env).WEBHOOK_ALLOWED_HOSTS);
    if (!checked.allowlisted)
      await assertPublicHost(
        checked.url.hostname,
        options.resolve ?? dohResolver(fetchFn, controller.signal),
        endpoint.url,
      );
    const response = await withBreaker(env, `webhook:${hostOfUrl(endpoint.url)}`, async () => {
      const answer = await fetchFn(checked.url.href, {
        method: 'POST',
        redirect: 'manual', // a redirect is no delivery: the endpoint must answer itself
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Engage-Webhooks/1.0',
          ...signedHeaders(endpoint, event.id, body, now),
        },
        body,
      });
      if (answer.status >= 500) throw Object.assign(new Error(`HTTP ${answer.status}`), { answer });
      return answer;
    }).catch((error: unknown) => {
      const answer = (error as { answer?: Response }).answer;
      if (answer) return answer;
      throw error;
    });
    const text = await readStart(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      durationMs: Date.now() - started,
      response: text,
      error: ok ? null : `HTTP ${response.status}`,
    };
  } catch (error) {
    if (error instanceof BreakerOpenError) return error;
    const message =
      error instanceof UnsafeUrlError
        ? `Refused by the SSRF rules: ${error.message}`
        : controller.signal.aborted
          ? `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`
          : error instanceof Error
            ? error.message
            : String(error);
    return failed(message, Date.now() - started);
  } finally {
    clearTimeout(timer);
  }
}

/** The first KB of the answer, kept for the deliveries list; the rest is not read. */
async function readStart(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < RESPONSE_KEPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const all = new Uint8Array(Math.min(bytes, RESPONSE_KEPT_BYTES));
  let offset = 0;
  for (const part of parts) {
    const piece = part.subarray(0, all.length - offset);
    all.set(piece, offset);
    offset += piece.length;
    if (offset >= all.length) break;
  }
  return new TextDecoder().decode(all);
}
