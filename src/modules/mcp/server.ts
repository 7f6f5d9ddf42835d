// One MCP server per request (Workers keep no session in memory), speaking for the caller: tools from
// catalog.ts and special-tools.ts, and tasks and extractions as readable and subscribable resources
// (`engage://tasks/{id}`, `engage://extractions/{id}`; subscriptions are kept per session in D1, see
// sessions.ts, and their notifications travel on the session's stream, see notify.ts). Input schemas come from the OpenAPI document, which
// is the same for every request and read once per isolate.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { log } from '../../lib/logger';
import { type CallContext, callOperation, request, scopeError, toolError } from './call';
import { OPERATION_TOOLS } from './catalog';
import { type OpenApiDocument, toolInputSchema } from './schemas';
import { MAX_SUBSCRIPTIONS } from './sessions';
import { SPECIAL_TOOLS } from './special-tools';

let documentOnce: Promise<OpenApiDocument> | undefined;

async function openApiDocument(ctx: CallContext): Promise<OpenApiDocument> {
  documentOnce ??= ctx.dispatch(new Request(`${ctx.origin}/v1/openapi.json`)).then(async (response) => {
    if (!response.ok) throw new Error(`openapi.json answered ${response.status}`);
    return (await response.json()) as OpenApiDocument;
  });
  return documentOnce.catch((error) => {
    documentOnce = undefined; // try again next time
    throw error;
  });
}

type Listed = { id: string; status: string; title?: string; url?: string };

/** The readable kinds: each a REST collection whose items are `engage://{kind}/{id}`. */
const RESOURCE_KINDS = [
  { kind: 'tasks', name: 'Task', path: '/v1/tasks', label: (item: Listed) => item.title },
  { kind: 'extractions', name: 'Extraction', path: '/v1/extractions', label: (item: Listed) => item.url },
] as const;

/** The MCP session of the request (from `Mcp-Session-Id`), where the client has one. */
export interface McpSessionContext {
  subscribe(uri: string): Promise<boolean>;
  unsubscribe(uri: string): Promise<void>;
}

/** MCP's code for an unknown resource (the spec's -32002). */
const RESOURCE_NOT_FOUND = -32002;
const NO_SESSION =
  'Subscriptions need a session: send the Mcp-Session-Id header returned by initialize with every request';

export function createMcpServer(ctx: CallContext, session?: McpSessionContext): Server {
  const { role } = ctx.principal;
  const server = new Server(
    { name: 'engage', version: '1.0.0' },
    {
      capabilities: { tools: {}, resources: { subscribe: true } },
      // The SDK's default validator (ajv) generates code at run time, which workerd forbids.
      jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
      instructions:
        'Engage processes documents (invoices, RFPs) and websites with AI on engagements between companies and ' +
        'experts. Upload a file, create a task with its file_id, then read the task until it is completed or ' +
        'needs_review.',
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => {
    const doc = await openApiDocument(ctx);
    return {
      tools: [
        ...OPERATION_TOOLS.map((tool) => ({
          name: tool.name,
          description: tool.description,
          inputSchema: toolInputSchema(doc, tool) as { type: 'object' },
        })),
        ...SPECIAL_TOOLS.map((tool) => ({
          name: tool.name,
          description: tool.description,
          inputSchema: tool.inputSchema(doc) as { type: 'object' },
        })),
      ],
    };
  });

  /** A tool by name: the REST operation whose scope it needs, and how it runs. */
  function findTool(name: string) {
    const operation = OPERATION_TOOLS.find((t) => t.name === name);
    if (operation) {
      return {
        operation: operation.operation,
        run: (doc: OpenApiDocument, args: Record<string, unknown>) =>
          callOperation(ctx, doc, operation, args),
      };
    }
    const special = SPECIAL_TOOLS.find((t) => t.name === name);
    if (!special) return undefined;
    return {
      operation: special.operation(role),
      run: (_doc: OpenApiDocument, args: Record<string, unknown>) => special.run(ctx, args, role),
    };
  }

  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    const args = (params.arguments ?? {}) as Record<string, unknown>;
    try {
      const tool = findTool(params.name);
      if (!tool) return toolError(`No tool named ${params.name}`);
      const doc = await openApiDocument(ctx);
      // Every tool needs its operation's scope, checked before the tool does anything (an upload fetches a URL).
      const refused = scopeError(ctx, doc, tool.operation);
      if (refused) return refused;
      return await tool.run(doc, args);
    } catch (error) {
      // A tool error, not a protocol failure: the agent can read it and try otherwise.
      log.error('mcp tool failed', { tool: params.name, error: String(error) });
      return toolError(`The tool failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: RESOURCE_KINDS.map(({ kind, name }) => ({
      uriTemplate: `engage://${kind}/{id}`,
      name,
      mimeType: 'application/json',
    })),
  }));

  // The 20 newest tasks and extractions the caller can see, as resources to read (a kind the caller may not
  // list, such as an expert's extractions or a key without its scope, adds none).
  server.setRequestHandler(ListResourcesRequestSchema, async () => {
    const lists = await Promise.all(
      RESOURCE_KINDS.map(async ({ kind, path, label }) => {
        const response = await request(ctx, 'GET', path, { query: new URLSearchParams({ limit: '20' }) });
        if (!response.ok) return [];
        const page = (await response.json()) as { data: Listed[] };
        return page.data.map((item) => ({
          uri: `engage://${kind}/${item.id}`,
          name: `${label(item) ?? item.id} (${item.status})`,
          mimeType: 'application/json',
        }));
      }),
    );
    return { resources: lists.flat() };
  });

  /** The resource as the caller may read it; someone else's (or nothing) is not found, exactly as over REST. */
  async function readResource(uri: string): Promise<string> {
    const match = /^engage:\/\/(tasks|extractions)\/([A-Za-z0-9_]{1,64})$/.exec(uri);
    const kind = RESOURCE_KINDS.find((k) => k.kind === match?.[1]);
    if (!match || !kind) throw new McpError(ErrorCode.InvalidParams, `Unknown resource ${uri}`);
    const response = await request(ctx, 'GET', `${kind.path}/${match[2]}`);
    const text = await response.text();
    if (!response.ok) throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { problem: text });
    return text;
  }

  server.setRequestHandler(ReadResourceRequestSchema, async ({ params }) => ({
    contents: [{ uri: params.uri, mimeType: 'application/json', text: await readResource(params.uri) }],
  }));

  // Subscriptions live in the session: only resources the caller can read, told on the session's stream.
  server.setRequestHandler(SubscribeRequestSchema, async ({ params }) => {
    if (!session) throw new McpError(ErrorCode.InvalidRequest, NO_SESSION);
    await readResource(params.uri);
    if (!(await session.subscribe(params.uri))) {
      throw new McpError(
        ErrorCode.InvalidRequest,
        `This session holds ${MAX_SUBSCRIPTIONS} subscriptions already`,
      );
    }
    return {};
  });

  server.setRequestHandler(UnsubscribeRequestSchema, async ({ params }) => {
    if (!session) throw new McpError(ErrorCode.InvalidRequest, NO_SESSION);
    await session.unsubscribe(params.uri);
    return {};
  });

  return server;
}
