// The red-team benchmark's HTTP client: every request goes through `send`, which tallies it against the check
// running (requests, 5xx, 4xx that are not application/problem+json, timeouts) and retries once what the local
// wrangler proxy drops (ECONNRESET, or its own 503 "restarted mid-request"), counting those apart as resets.

export interface Tally {
  name: string;
  requests: number;
  /** Answers ≥ 500 from the Worker (the local proxy's own 503 is a reset, not this). */
  serverErrors: number;
  /** 4xx answers from the Worker whose Content-Type is not application/problem+json. */
  nonProblem: number;
  /** 4xx answers the local runtime gave before the Worker ran (no X-Request-Id, e.g. 431 for a 70 KB URL). */
  platform: number;
  /** Local proxy resets retried once (ECONNRESET, socket closed, 503 "restarted mid-request"). */
  resets: number;
  /** No answer within the timeout, or a transport error that a retry did not cure. */
  transport: number;
  statuses: Map<number, number>;
  /** Reproductions of what went wrong: method, path, request body excerpt, status, answer excerpt. */
  defects: Defect[];
}

export interface Defect {
  check: string;
  kind:
    | '5xx'
    | 'non-problem-4xx'
    | 'platform-4xx'
    | 'transport'
    | 'leak'
    | 'not-401'
    | 'double-effect'
    | 'canary'
    | 'other';
  method: string;
  path: string;
  status: number;
  request: string;
  response: string;
}

export const newTally = (name: string): Tally => ({
  name,
  requests: 0,
  serverErrors: 0,
  nonProblem: 0,
  platform: 0,
  resets: 0,
  transport: 0,
  statuses: new Map(),
  defects: [],
});

/** The check currently running: `send` counts into it. */
export const tallies: Tally[] = [];
let current: Tally = newTally('setup');
export const setup = current;
export function startCheck(name: string): Tally {
  current = newTally(name);
  tallies.push(current);
  return current;
}
export const currentTally = () => current;
/** Counts into an earlier check again (a late pass of it). */
export function resumeCheck(tally: Tally) {
  current = tally;
}

export interface Reply {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, and checked where it matters
  json: any;
}

export interface SendOptions {
  token?: string;
  /** Sent as JSON unless `raw` is given. `undefined` sends no body. */
  body?: unknown;
  raw?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Not tallied as a defect when ≥ 500 (a probe that expects a documented 503, e.g.). */
  quiet?: boolean;
}

const excerpt = (value: unknown, max = 300) => {
  const text =
    typeof value === 'string'
      ? value
      : value instanceof Uint8Array
        ? `<${value.length} bytes>`
        : JSON.stringify(value);
  if (text === undefined) return '';
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
};

const RESET_TEXT = 'restarted mid-request';

function isReset(error: unknown): boolean {
  const text = `${(error as { code?: string }).code ?? ''} ${String(error)}`;
  return /ECONNRESET|ECONNREFUSED|socket connection was closed|ConnectionClosed|EPIPE|other side closed/i.test(
    text,
  );
}

export function createClient(base: string) {
  async function once(method: string, path: string, options: SendOptions): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && options.contentType !== '')
      headers['content-type'] ??= options.contentType ?? 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const type = response.headers.get('content-type') ?? '';
    let text = '';
    if (type.includes('text/event-stream')) {
      // A stream stays open: its headers are the answer; the body is dropped at once.
      await response.body?.cancel().catch(() => undefined);
      text = '<event stream>';
    } else {
      text = await response.text();
    }
    let json: unknown;
    try {
      json = text && type.includes('json') ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, type, headers: response.headers, text, json };
  }

  /** One request, tallied against the running check; a local proxy reset is retried once. */
  async function send(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
    const tally = current;
    tally.requests++;
    let reply: Reply | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        reply = await once(method, path, options);
        if (reply.status === 503 && reply.text.includes(RESET_TEXT) && attempt === 0) {
          tally.resets++;
          reply = undefined;
          continue;
        }
        break;
      } catch (error) {
        if (attempt === 0 && isReset(error)) {
          tally.resets++;
          continue;
        }
        tally.transport++;
        tally.defects.push({
          check: tally.name,
          kind: 'transport',
          method,
          path: excerpt(path, 200),
          status: 0,
          request: excerpt(options.raw ?? options.body),
          response: String(error).slice(0, 300),
        });
        return { status: 0, type: '', headers: new Headers(), text: String(error), json: undefined };
      }
    }
    if (!reply) throw new Error('unreachable');
    tally.statuses.set(reply.status, (tally.statuses.get(reply.status) ?? 0) + 1);
    if (reply.status >= 500 && !options.quiet) {
      tally.serverErrors++;
      tally.defects.push({
        check: tally.name,
        kind: '5xx',
        method,
        path: excerpt(path, 200),
        status: reply.status,
        request: excerpt(options.raw ?? options.body),
        response: excerpt(reply.text),
      });
    }
    if (reply.status >= 400 && reply.status < 500 && !reply.type.startsWith('application/problem+json')) {
      // Every answer of the Worker carries X-Request-Id; one without it came from the runtime in front of it.
      const fromWorker = reply.headers.has('x-request-id');
      if (fromWorker) tally.nonProblem++;
      else tally.platform++;
      tally.defects.push({
        check: tally.name,
        kind: fromWorker ? 'non-problem-4xx' : 'platform-4xx',
        method,
        path: excerpt(path, 200),
        status: reply.status,
        request: excerpt(options.raw ?? options.body),
        response: `${reply.type}: ${excerpt(reply.text, 200)}`,
      });
    }
    return reply;
  }

  return { send };
}

/** Runs `fn` over `items`, at most `limit` at once. */
export async function pool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index] as T, index);
    }
  });
  await Promise.all(workers);
}

export function recordDefect(defect: Omit<Defect, 'check'>) {
  current.defects.push({ check: current.name, ...defect });
}
