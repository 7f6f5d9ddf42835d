// The tools that are not one REST operation as they stand: an upload (an agent sends bytes as base64, the
// API takes them as the request body) and the balance (a company's AI credits, an expert's earnings).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type CallContext, request, resultOf, toolError } from './call';
import { findOperation, type JsonSchema, type OpenApiDocument } from './schemas';

export interface SpecialTool {
  name: string;
  description: string;
  inputSchema: (doc: OpenApiDocument) => JsonSchema;
  run: (ctx: CallContext, args: Record<string, unknown>, role: string) => Promise<CallToolResult>;
}

/** Base64 of the largest upload an agent should send through JSON-RPC (larger files: POST /v1/files). */
const MAX_BASE64_CHARS = 28 * 1024 * 1024;

const uploadFile: SpecialTool = {
  name: 'upload_file',
  description:
    'Upload a document (base64) for a task: purpose invoice (PDF/PNG/JPEG/e-invoice XML) or rfp (PDF/DOCX/eForms ' +
    'XML). Returns the file; pass its id as input.file_id to create_task.',
  inputSchema(doc) {
    // The upload route's own query parameters (purpose, name, engagement_id), plus the bytes.
    const params = findOperation(doc, 'POST /v1/files').spec.parameters ?? [];
    const properties: Record<string, unknown> = Object.fromEntries(
      params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]),
    );
    properties.content_base64 = {
      type: 'string',
      description: 'The file, base64-encoded',
      maxLength: MAX_BASE64_CHARS,
    };
    properties.content_type = {
      type: 'string',
      description: 'e.g. application/pdf (the bytes decide anyway)',
    };
    properties.idempotency_key = { type: 'string', maxLength: 255 };
    return { type: 'object', properties, required: ['purpose', 'content_base64'] };
  },
  async run(ctx, args) {
    const data = args.content_base64;
    if (typeof data !== 'string' || data.length > MAX_BASE64_CHARS)
      return toolError('content_base64 must be a base64 string of at most 20 MB of data');
    let bytes: Uint8Array;
    try {
      bytes = Uint8Array.from(atob(data.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
    } catch {
      return toolError('content_base64 is not valid base64');
    }
    const query = new URLSearchParams();
    for (const key of ['purpose', 'name', 'engagement_id'])
      if (typeof args[key] === 'string') query.set(key, args[key] as string);
    const response = await request(ctx, 'POST', '/v1/files', {
      query,
      body: bytes,
      contentType: typeof args.content_type === 'string' ? args.content_type : 'application/octet-stream',
      ...(typeof args.idempotency_key === 'string' ? { idempotencyKey: args.idempotency_key } : {}),
    });
    return resultOf(response);
  },
};

const getBalance: SpecialTool = {
  name: 'get_balance',
  description: "A company's AI credit balance (with prices and packs); an expert's earnings per currency.",
  inputSchema: () => ({ type: 'object', properties: {} }),
  async run(ctx, _args, role) {
    const path = role === 'expert' ? '/v1/experts/me/balance' : '/v1/credits';
    return resultOf(await request(ctx, 'GET', path));
  },
};

export const SPECIAL_TOOLS: SpecialTool[] = [uploadFile, getBalance];
