// The tools that are not one REST operation as they stand: an upload (an agent sends bytes as base64 or a URL,
// the API takes them as the request body; see upload.ts) and the balance (a company's AI credits, an expert's
// earnings).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type CallContext, request, resultOf } from './call';
import type { JsonSchema, OpenApiDocument } from './schemas';
import { uploadFile } from './upload';

export interface SpecialTool {
  name: string;
  /** `METHOD /path` of the REST operation the tool runs for a caller of this role: its scope is the tool's. */
  operation: (role: string) => string;
  description: string;
  inputSchema: (doc: OpenApiDocument) => JsonSchema;
  run: (ctx: CallContext, args: Record<string, unknown>, role: string) => Promise<CallToolResult>;
}

const balancePath = (role: string) => (role === 'expert' ? '/v1/experts/me/balance' : '/v1/credits');

const getBalance: SpecialTool = {
  name: 'get_balance',
  operation: (role) => `GET ${balancePath(role)}`,
  description: "A company's AI credit balance (with prices and packs); an expert's earnings per currency.",
  inputSchema: () => ({ type: 'object', properties: {} }),
  async run(ctx, _args, role) {
    return resultOf(await request(ctx, 'GET', balancePath(role)));
  },
};

export const SPECIAL_TOOLS: SpecialTool[] = [uploadFile, getBalance];
