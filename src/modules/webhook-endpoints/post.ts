// One signed POST of an event to an endpoint, as Standard Webhooks prescribes: the SSRF rules checked at the
// attempt (DNS may point elsewhere than at creation), no redirects followed, 15 s to answer, the first 1 KB
// of the answer kept. The caller decides what the outcome means (breaker, retry, disabling).
import { loadConfig } from '../../config';
import type { WebhookEndpoint } from '../../db/schema';
import { checkUrl, type Resolver, UnsafeUrlError } from '../../lib/safe-fetch';
import { assertPublicHost, dohResolver } from '../../lib/safe-fetch/resolve';
import { signedHeaders } from './signing';

/** An attempt that has not answered within this is a failure. */
export const ATTEMPT_TIMEOUT_MS = 15_000;
const RESPONSE_KEPT_BYTES = 1024;

export interface WebhookEvent {
  id: string;
  seq: number | null;
  type: string;
  data: unknown;
  created_at: string;
}

export interface Outcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
  /** A 5xx, a timeout or a broken connection: the host looks down (its breaker counts it). */
  hostFailed: boolean;
}

export interface PostOptions {
  fetch?: typeof fetch;
  resolve?: Resolver;
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

export const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid';
  }
};

export async function postEvent(
  env: Env,
  endpoint: WebhookEndpoint,
  event: WebhookEvent,
  options: PostOptions,
  now: Date,
): Promise<Outcome> {
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
    const response = await fetchFn(checked.url.href, {
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
    const text = await readStart(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      durationMs: Date.now() - started,
      response: text,
      error: ok ? null : `HTTP ${response.status}`,
      hostFailed: response.status >= 500,
    };
  } catch (error) {
    const refused = error instanceof UnsafeUrlError;
    const message = refused
      ? `Refused by the SSRF rules: ${error.message}`
      : controller.signal.aborted
        ? `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`
        : error instanceof Error
          ? error.message
          : String(error);
    return {
      ok: false,
      statusCode: null,
      durationMs: Date.now() - started,
      response: null,
      error: message.slice(0, 500),
      hostFailed: !refused,
    };
  } finally {
    clearTimeout(timer);
  }
}

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
    const slice = part.subarray(0, all.length - offset);
    all.set(slice, offset);
    offset += slice.length;
    if (offset >= all.length) break;
  }
  return new TextDecoder().decode(all);
}
