// /v1/mcp: the Model Context Protocol server (Streamable HTTP, stateless: every POST carries its JSON-RPC
// messages and gets the answers back as JSON). Authenticated like any route — an API key (its scopes then
// limit each tool, as they limit the REST operation behind it) or a session token. HTTP-level refusals
// (malformed JSON-RPC, wrong Accept) are problem+json that still carry the JSON-RPC error.
import { createRoute, z } from '@hono/zod-openapi';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError, problemResponse } from '../../lib/errors';
import { bearerSecurity, createRouter, errorResponses } from '../../lib/openapi';
import type { Dispatch } from './call';
import { createMcpServer } from './server';

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

const otherRoute = (method: 'get' | 'delete') =>
  createRoute({
    method,
    path: '/',
    tags,
    security: bearerSecurity,
    summary: 'Not offered: the server is stateless (no standalone event stream, no session to end)',
    'x-scope': 'any',
    responses: errorResponses(401, 405),
  });

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
      const ctx = {
        dispatch: ((request) => dispatch(c, request)) satisfies Dispatch,
        origin: new URL(c.req.url).origin,
        authorization: c.req.header('Authorization') ?? '',
        requestId: c.var.requestId,
      };
      const server = createMcpServer(ctx, c.var.principal.role);
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      await server.connect(transport);
      try {
        const response = await transport.handleRequest(c.req.raw);
        return response.status >= 400 ? await asProblem(c, response) : response;
      } finally {
        await server.close();
      }
    })
    .openapi(otherRoute('get'), () => {
      throw new ApiError(405, 'This MCP server is stateless: POST JSON-RPC to /v1/mcp', {
        headers: { Allow: 'POST' },
      });
    })
    .openapi(otherRoute('delete'), () => {
      throw new ApiError(405, 'This MCP server keeps no sessions', { headers: { Allow: 'POST' } });
    });
}
