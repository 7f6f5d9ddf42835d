// /v1/mcp: the Model Context Protocol server (Streamable HTTP: every POST carries its JSON-RPC messages and
// gets the answers back as JSON; `initialize` opens a session, whose GET stream carries the change
// notifications of the resources it subscribed to, and DELETE ends it). Authenticated like any route — an
// API key (its scopes then limit each tool, as they limit the REST operation behind it) or a session token.
// HTTP-level refusals (malformed JSON-RPC, wrong Accept) are problem+json that still carry the JSON-RPC error.
import { createRoute, z } from '@hono/zod-openapi';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Context } from 'hono';
import { createDb } from '../../db/client';
import type { AppEnv } from '../../env';
import { ApiError, problemResponse } from '../../lib/errors';
import { bearerSecurity, createRouter, errorResponses } from '../../lib/openapi';
import type { Dispatch } from './call';
import { createMcpServer } from './server';
import { endSession, openSession, subscribe, unsubscribe, useSession } from './sessions';

const tags = ['MCP'];

const jsonRpc = z
  .object({ jsonrpc: z.literal('2.0') })
  .passthrough()
  .openapi('JsonRpcMessage', { description: 'A JSON-RPC 2.0 message (or a batch of them)' });

const postRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: bearerSecurity,
  summary: 'Model Context Protocol (Streamable HTTP): initialize, tools/list, tools/call, resources/read …',
  description:
    'Send JSON-RPC with `Accept: application/json, text/event-stream`. Tools mirror the REST operations; an API ' +
    "key's scopes apply to each tool as to its operation.",
  // Each tool checks the scope of its own operation.
  'x-scope': 'any',
  responses: {
    200: { description: 'JSON-RPC answers', content: { 'application/json': { schema: jsonRpc } } },
    202: { description: 'Accepted (notifications and responses only)' },
    ...errorResponses(400, 401, 406, 413, 415),
  },
});

const sessionHeader = z.object({
  'mcp-session-id': z
    .string()
    .max(64)
    .optional()
    .openapi({ description: 'The session id returned by `initialize` (header `Mcp-Session-Id`)' }),
});

const streamRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearerSecurity,
  summary: "The session's event stream (Server-Sent Events): resource change notifications",
  description:
    'Send `Accept: text/event-stream` and the `Mcp-Session-Id` of your session. Carries ' +
    '`notifications/resources/updated` for the resources the session subscribed to (`resources/subscribe`); ' +
    'reconnect with `Last-Event-ID` to receive what you missed. The server closes a stream after 15 minutes; ' +
    'clients reconnect at once.',
  'x-scope': 'any',
  request: { headers: sessionHeader },
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(400, 401, 404, 406),
  },
});

const endRoute = createRoute({
  method: 'delete',
  path: '/',
  tags,
  security: bearerSecurity,
  summary: 'End the session: its subscriptions and stream end',
  'x-scope': 'any',
  request: { headers: sessionHeader },
  responses: { 204: { description: 'Ended' }, ...errorResponses(400, 401, 404) },
});

const SESSION_NOT_FOUND = 'Session not found: initialize a new one';

/** The session named by `Mcp-Session-Id`, if it is the caller's; 404 otherwise (as the MCP spec asks). */
async function callersSession(c: Context<AppEnv>): Promise<string> {
  const id = c.req.header('mcp-session-id');
  if (!id) throw new ApiError(400, 'Send the Mcp-Session-Id header returned by initialize');
  if (!(await useSession(createDb(c.env.DB), id, c.var.principal))) {
    throw new ApiError(404, SESSION_NOT_FOUND, { extensions: rpcError(-32001, SESSION_NOT_FOUND) });
  }
  return id;
}

const rpcError = (code: number, message: string) => ({ jsonrpc: '2.0', error: { code, message }, id: null });

/** An `initialize` is a few hundred bytes; a larger body (a file as base64) is not parsed twice for it. */
const MAX_INITIALIZE_BYTES = 64 * 1024;

/** Whether the POSTed JSON-RPC (one message or a batch) opens a session. */
async function isInitialize(request: Request): Promise<boolean> {
  // A request of a session does not open another.
  if (request.headers.has('mcp-session-id')) return false;
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (!(length <= MAX_INITIALIZE_BYTES)) return false;
  try {
    const body: unknown = await request.clone().json();
    return (Array.isArray(body) ? body : [body]).some((message) => isInitializeRequest(message));
  } catch {
    return false; // not JSON: the transport answers it
  }
}

const sessionStub = (env: Env, id: string) => env.MCP_SESSION.get(env.MCP_SESSION.idFromName(id));

/** A refusal of the transport, as problem+json with its JSON-RPC error kept alongside. */
async function asProblem(c: Context<AppEnv>, response: Response): Promise<Response> {
  const text = await response.text();
  let rpc: { error?: { code?: number; message?: string }; id?: unknown } = {};
  try {
    rpc = JSON.parse(text);
  } catch {
    // not JSON: the status says enough
  }
  const detail = rpc.error?.message ?? (text || 'The MCP request was refused');
  return problemResponse(c, response.status, detail, {
    extensions: { jsonrpc: '2.0', error: rpc.error ?? { code: -32600, message: detail }, id: rpc.id ?? null },
    headers: Object.fromEntries([...response.headers].filter(([name]) => name.toLowerCase() === 'allow')),
  });
}

export function createMcpRoutes(dispatch: (c: Context<AppEnv>, request: Request) => Promise<Response>) {
  return createRouter()
    .openapi(postRoute, async (c) => {
      const db = createDb(c.env.DB);
      // Tools need no session; subscriptions do. `initialize` opens one, later requests name it.
      const opening = await isInitialize(c.req.raw);
      const sessionId = opening
        ? await openSession(db, c.var.principal)
        : c.req.header('mcp-session-id')
          ? await callersSession(c)
          : null;
      const ctx = {
        dispatch: ((request) => dispatch(c, request)) satisfies Dispatch,
        origin: new URL(c.req.url).origin,
        authorization: c.req.header('Authorization') ?? '',
        requestId: c.var.requestId,
        principal: c.var.principal,
      };
      const session = sessionId
        ? {
            subscribe: (uri: string) => subscribe(db, sessionId, uri),
            unsubscribe: (uri: string) => unsubscribe(db, sessionId, uri),
          }
        : undefined;
      const server = createMcpServer(ctx, session);
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined, // sessions are ours (sessions.ts): the SDK's live only in memory
        enableJsonResponse: true,
      });
      await server.connect(transport);
      try {
        const response = await transport.handleRequest(c.req.raw);
        if (response.status >= 400) return await asProblem(c, response);
        if (!opening || !sessionId) return response;
        const headers = new Headers(response.headers);
        headers.set('Mcp-Session-Id', sessionId);
        return new Response(response.body, { status: response.status, headers });
      } finally {
        await server.close();
      }
    })
    .openapi(streamRoute, async (c) => {
      if (!(c.req.header('Accept') ?? '').includes('text/event-stream')) {
        throw new ApiError(406, 'The event stream needs Accept: text/event-stream');
      }
      const id = await callersSession(c);
      const headers = new Headers();
      const lastEventId = c.req.header('Last-Event-ID');
      if (lastEventId) headers.set('Last-Event-ID', lastEventId);
      return sessionStub(c.env, id).fetch(new Request('https://mcp-session/stream', { headers }));
    })
    .openapi(endRoute, async (c) => {
      const id = await callersSession(c);
      await endSession(createDb(c.env.DB), id);
      await sessionStub(c.env, id).end();
      return c.body(null, 204);
    });
}
