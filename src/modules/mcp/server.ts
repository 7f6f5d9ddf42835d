// One MCP server per request (stateless Streamable HTTP: Workers keep no session in memory), speaking for
// the caller: tools from catalog.ts and special-tools.ts, and tasks and extractions as readable resources
// (`engage://tasks/{id}`, `engage://extractions/{id}`). Input schemas come from the OpenAPI document, which
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
} from '@modelcontextprotocol/sdk/types.js';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/cfworker';
import { log } from '../../lib/logger';
import { type CallContext, callOperation, request, toolError } from './call';
import { OPERATION_TOOLS } from './catalog';
import { type OpenApiDocument, toolInputSchema } from './schemas';
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

const RESOURCE_KINDS = [
  { kind: 'tasks', name: 'Task', path: '/v1/tasks' },
  { kind: 'extractions', name: 'Extraction', path: '/v1/extractions' },
] as const;

export function createMcpServer(ctx: CallContext, role: string): Server {
  const server = new Server(
    { name: 'engage', version: '1.0.0' },
    {
      capabilities: { tools: {}, resources: {} },
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

  server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
    const args = (params.arguments ?? {}) as Record<string, unknown>;
    try {
      const operation = OPERATION_TOOLS.find((t) => t.name === params.name);
      if (operation) return await callOperation(ctx, await openApiDocument(ctx), operation, args);
      const special = SPECIAL_TOOLS.find((t) => t.name === params.name);
      if (special) return await special.run(ctx, args, role);
      return toolError(`No tool named ${params.name}`);
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

  // The 20 newest tasks the caller can see, as resources to read.
  server.setRequestHandler(ListResourcesRequestSchema, async () => {
    const response = await request(ctx, 'GET', '/v1/tasks', { query: new URLSearchParams({ limit: '20' }) });
    if (!response.ok) return { resources: [] };
    const page = (await response.json()) as { data: { id: string; title: string; status: string }[] };
    return {
      resources: page.data.map((task) => ({
        uri: `engage://tasks/${task.id}`,
        name: `${task.title} (${task.status})`,
        mimeType: 'application/json',
      })),
    };
  });

  server.setRequestHandler(ReadResourceRequestSchema, async ({ params }) => {
    const match = /^engage:\/\/(tasks|extractions)\/([A-Za-z0-9_]{1,64})$/.exec(params.uri);
    const kind = RESOURCE_KINDS.find((k) => k.kind === match?.[1]);
    if (!match || !kind) throw new McpError(ErrorCode.InvalidParams, `Unknown resource ${params.uri}`);
    const response = await request(ctx, 'GET', `${kind.path}/${match[2]}`);
    const text = await response.text();
    // Someone else's (or nothing) is not found, exactly as over REST.
    if (!response.ok) throw new McpError(-32002, `Resource not found: ${params.uri}`, { problem: text });
    return { contents: [{ uri: params.uri, mimeType: 'application/json', text }] };
  });

  return server;
}
