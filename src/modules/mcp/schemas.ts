// A tool's input schema from its OpenAPI operation: path and query parameters and the JSON body's fields as
// one flat object, every `$ref` resolved (agents get self-contained schemas), plus `idempotency_key` for
// operations that create something.
import type { OperationTool } from './catalog';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  'x-scope'?: string;
}

export interface ResolvedOperation {
  method: string;
  path: string;
  spec: OpenApiOperation;
}

export function findOperation(doc: OpenApiDocument, operation: string): ResolvedOperation {
  const [method = '', path = ''] = operation.split(' ');
  const spec = doc.paths[path]?.[method.toLowerCase()];
  if (!spec) throw new Error(`MCP tool names an operation the API does not have: ${operation}`);
  return { method, path, spec };
}

function resolve(doc: OpenApiDocument, schema: unknown, depth = 0): unknown {
  if (depth > 20 || schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((s) => resolve(doc, s, depth + 1));
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const target = doc.components?.schemas?.[ref.slice('#/components/schemas/'.length)];
    return resolve(doc, target ?? {}, depth + 1);
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
}

/** The body's JSON Schema, resolved; an object schema's fields become the tool's arguments. */
export function bodySchema(doc: OpenApiDocument, op: ResolvedOperation): JsonSchema | undefined {
  const schema = op.spec.requestBody?.content?.['application/json']?.schema;
  return schema ? (resolve(doc, schema) as JsonSchema) : undefined;
}

export function toolInputSchema(doc: OpenApiDocument, tool: OperationTool): JsonSchema {
  const op = findOperation(doc, tool.operation);
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const param of op.spec.parameters ?? []) {
    if (param.in !== 'path' && param.in !== 'query') continue;
    const name = tool.rename?.[param.name] ?? param.name;
    properties[name] = {
      ...(resolve(doc, param.schema ?? {}) as JsonSchema),
      ...(param.description ? { description: param.description } : {}),
    };
    if (param.required || param.in === 'path') required.push(name);
  }
  const body = bodySchema(doc, op);
  if (body) {
    Object.assign(properties, (body.properties as Record<string, unknown>) ?? {});
    required.push(...((body.required as string[]) ?? []));
  }
  if (op.method === 'POST') {
    properties.idempotency_key = {
      type: 'string',
      maxLength: 255,
      description: 'Sent as Idempotency-Key: the same key and arguments within 24 h return the first answer',
    };
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}
