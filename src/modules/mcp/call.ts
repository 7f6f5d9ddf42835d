// Running a tool: its arguments become the operation's path, query and JSON body, the request goes through
// the app with the caller's own credentials, and the answer becomes the tool's result — a problem+json
// refusal becomes a tool error carrying it, so an agent reads the same detail a REST client would. Before any
// of that, the caller's API key must hold the operation's scope (as declared in the OpenAPI document).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../../env';
import { type ApiError, problemBody } from '../../lib/errors';
import { SCOPES, type Scope, scopeRefusal } from '../api-keys/scopes';
import type { OperationTool } from './catalog';
import { findOperation, type OpenApiDocument } from './schemas';

/** A request through the whole app (authentication, scopes, validation, tenancy, idempotency). */
export type Dispatch = (request: Request) => Promise<Response>;

export interface CallContext {
  dispatch: Dispatch;
  origin: string;
  authorization: string;
  /** The MCP request's id: the operations a tool runs record their events under it. */
  requestId: string;
  principal: Pick<Principal, 'role' | 'apiKeyId' | 'scopes'>;
}

export function toolError(detail: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: detail }] };
}

/** A refusal of the MCP server itself (not of the operation behind a tool) as a tool error with its problem+json. */
export const problemError = (ctx: CallContext, error: ApiError) =>
  toolError(JSON.stringify(problemBody(error.status, error.detail, error.options, '/v1/mcp', ctx.requestId)));

const KNOWN_SCOPES: readonly string[] = ['any', '*', ...SCOPES];

/**
 * The REST route's 403 (naming the scope) when the caller's API key lacks the scope `operation` declares in the
 * OpenAPI document (`x-scope`, the one enforcement reads; anything else there means people only). Asked
 * before a tool does any work of its own, so a refused upload fetches no URL.
 */
export function scopeError(
  ctx: CallContext,
  doc: OpenApiDocument,
  operation: string,
): CallToolResult | undefined {
  const declared = findOperation(doc, operation).spec['x-scope'] ?? '';
  const scope = KNOWN_SCOPES.includes(declared) ? (declared as Scope) : undefined;
  const refusal = scopeRefusal(ctx.principal, scope);
  return refusal && problemError(ctx, refusal);
}

/** The API's answer as a tool result: JSON as text (and structured), refusals as tool errors. */
export async function resultOf(
  response: Response,
  resource?: (body: Record<string, unknown>) => string | undefined,
) {
  const text = await response.text();
  if (!response.ok) return toolError(text || `${response.status} ${response.statusText}`);
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    return { content: [{ type: 'text', text }] } satisfies CallToolResult;
  }
  const object =
    body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  const uri = object && resource?.(object);
  return {
    content: [
      { type: 'text', text },
      ...(uri ? [{ type: 'resource_link' as const, uri, name: uri, mimeType: 'application/json' }] : []),
    ],
    ...(object ? { structuredContent: object } : {}),
  } satisfies CallToolResult;
}

export function request(
  ctx: CallContext,
  method: string,
  path: string,
  init: { query?: URLSearchParams; body?: BodyInit; contentType?: string; idempotencyKey?: string } = {},
) {
  const query = init.query?.toString();
  const headers: Record<string, string> = { Authorization: ctx.authorization, 'X-Request-Id': ctx.requestId };
  if (init.body !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
  if (init.idempotencyKey) headers['Idempotency-Key'] = init.idempotencyKey;
  return ctx.dispatch(
    new Request(`${ctx.origin}${path}${query ? `?${query}` : ''}`, { method, headers, body: init.body }),
  );
}

export async function callOperation(
  ctx: CallContext,
  doc: OpenApiDocument,
  tool: OperationTool,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  const op = findOperation(doc, tool.operation);
  const original = Object.fromEntries(Object.entries(tool.rename ?? {}).map(([from, to]) => [to, from]));
  const params = new Map((op.spec.parameters ?? []).map((p) => [p.name, p.in]));
  let path = op.path;
  const query = new URLSearchParams();
  const body: Record<string, unknown> = {};
  let idempotencyKey: string | undefined;
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const name = original[key] ?? key;
    const where = key === 'idempotency_key' ? 'idempotency' : params.get(name);
    if (where !== 'idempotency' && where !== 'path' && where !== 'query') {
      body[key] = value;
      continue;
    }
    // Parameters travel as text: an object or a list there is the caller's mistake, said as such.
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return toolError(`${key} must be a string`);
    if (where === 'idempotency') idempotencyKey = String(value);
    else if (where === 'path') path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
    else query.set(name, String(value));
  }
  const missing = /\{(\w+)\}/.exec(path)?.[1];
  if (missing) return toolError(`Missing argument ${tool.rename?.[missing] ?? missing}`);
  const response = await request(ctx, op.method, path, {
    query,
    ...(op.method === 'GET' ? {} : { body: JSON.stringify(body) }),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
  return resultOf(response, tool.resource);
}
