// upload_file: a document for a task, sent as base64 or named by a URL that the SSRF-safe fetcher fetches.
// Either way the bytes go to POST /v1/files as its raw body, so the type sniffing, the purpose's size limit,
// tenancy and idempotency are the REST upload's own; its scope (files:write) the server checks before the tool
// runs, so a key without it fetches nothing. A URL the fetcher refuses (a private address, the metadata IP, a
// port) or cannot fetch is a tool error carrying the problem+json, as a REST refusal is.
import { ApiError, tooLarge, unsafeUrlProblem, validationError } from '../../lib/errors';
import { FetchFailedError, type SafeFetchOptions, safeFetch, UnsafeUrlError } from '../../lib/safe-fetch';
import { UPLOAD_POLICIES } from '../files/policy';
import { uploadQuerySchema } from '../files/schema';
import { problemError, request, resultOf, toolError } from './call';
import { findOperation } from './schemas';
import type { SpecialTool } from './special-tools';

/** The most an agent uploads through the MCP server (JSON-RPC or a fetch held in memory); larger: POST /v1/files. */
export const MAX_TOOL_UPLOAD_BYTES = 20 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_TOOL_UPLOAD_BYTES / 3) * 4 + 4096; // room for line breaks
/** The REST upload the bytes go to (its scope, files:write, is checked before a URL is fetched). */
const UPLOAD_OPERATION = 'POST /v1/files';
/** A document server has this long for DNS, redirects and the whole file. */
const URL_FETCH_TIMEOUT_MS = 30_000;

/** The upload's bytes (or the problem why there are none) and the name the URL suggests. */
type Source = { bytes: Uint8Array; name?: string } | { problem: ApiError };

/**
 * Fetches the document at `url` through the SSRF-safe fetcher, at most `maxBytes` (the purpose's limit, capped
 * by what the server holds in memory). Refusals and failures become the problem to answer with.
 */
export async function fetchDocument(
  url: string,
  maxBytes: number,
  options: Pick<SafeFetchOptions, 'fetch' | 'resolve' | 'allowedHosts'> = {},
): Promise<Source> {
  try {
    const page = await safeFetch(url, {
      ...options,
      accept: 'any',
      maxBytes,
      timeoutMs: URL_FETCH_TIMEOUT_MS,
    });
    return { bytes: page.data ?? new Uint8Array(), name: nameIn(page.url) };
  } catch (error) {
    if (error instanceof UnsafeUrlError)
      return { problem: unsafeUrlProblem('The URL cannot be fetched safely', error) };
    if (!(error instanceof FetchFailedError)) throw error;
    if (error.kind === 'too_large')
      return { problem: tooLarge(`The file at the URL is larger than ${maxBytes} bytes`) };
    return {
      problem: new ApiError(422, 'The file could not be fetched from the URL', {
        errors: [{ path: 'url', message: error.message }],
        extensions: { reason: error.kind, ...(error.status ? { upstream_status: error.status } : {}) },
      }),
    };
  }
}

/** The URL's last path segment as a file name, when it makes one ("…/RE-2026-0815.pdf"). */
function nameIn(url: string): string | undefined {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '').trim();
    return uploadQuerySchema.shape.name.safeParse(last).data;
  } catch {
    return undefined; // a malformed escape: the upload keeps the default name
  }
}

function decodeBase64(data: unknown): Source | string {
  if (typeof data !== 'string' || data.length > MAX_BASE64_CHARS)
    return `content_base64 must be a base64 string of at most ${MAX_TOOL_UPLOAD_BYTES} bytes of data`;
  try {
    return { bytes: Uint8Array.from(atob(data.replace(/\s+/g, '')), (c) => c.charCodeAt(0)) };
  } catch {
    return 'content_base64 is not valid base64';
  }
}

export const uploadFile: SpecialTool = {
  name: 'upload_file',
  operation: () => UPLOAD_OPERATION,
  description:
    'Upload a document for a task: purpose invoice (PDF/PNG/JPEG/e-invoice XML) or rfp (PDF/DOCX/eForms XML), ' +
    `as content_base64 or as a public http(s) url Engage fetches (at most ${MAX_TOOL_UPLOAD_BYTES / 1024 / 1024} MB ` +
    'either way). Returns the file; pass its id as input.file_id to create_task.',
  inputSchema(doc) {
    // The upload route's own query parameters (purpose, name, engagement_id), plus the bytes or where they are.
    const params = findOperation(doc, UPLOAD_OPERATION).spec.parameters ?? [];
    const properties: Record<string, unknown> = Object.fromEntries(
      params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]),
    );
    properties.content_base64 = {
      type: 'string',
      description: 'The file, base64-encoded (give this or url)',
      maxLength: MAX_BASE64_CHARS,
    };
    properties.url = {
      type: 'string',
      format: 'uri',
      maxLength: 2048,
      description:
        'A public http(s) URL of the file (give this or content_base64); private addresses are refused',
    };
    properties.content_type = {
      type: 'string',
      description: 'e.g. application/pdf (the bytes decide anyway)',
    };
    properties.idempotency_key = { type: 'string', maxLength: 255 };
    return { type: 'object', properties, required: ['purpose'] };
  },
  async run(ctx, args) {
    if ((args.content_base64 === undefined) === (args.url === undefined))
      return toolError('Give the file as exactly one of content_base64 or url');
    const query = uploadQuerySchema.pick({ purpose: true }).safeParse({ purpose: args.purpose });
    if (!query.success) return problemError(ctx, validationError(query.error));
    const { purpose } = query.data;
    let source: Source;
    if (args.url !== undefined) {
      if (typeof args.url !== 'string') return toolError('url must be a string');
      const limit = Math.min(UPLOAD_POLICIES[purpose].maxBytes, MAX_TOOL_UPLOAD_BYTES);
      source = await fetchDocument(args.url, limit);
    } else {
      const decoded = decodeBase64(args.content_base64);
      if (typeof decoded === 'string') return toolError(decoded);
      source = decoded;
    }
    if ('problem' in source) return problemError(ctx, source.problem);

    const params = new URLSearchParams({ purpose });
    const name = typeof args.name === 'string' ? args.name : source.name;
    if (name !== undefined) params.set('name', name);
    if (typeof args.engagement_id === 'string') params.set('engagement_id', args.engagement_id);
    const response = await request(ctx, 'POST', '/v1/files', {
      query: params,
      body: source.bytes,
      contentType: typeof args.content_type === 'string' ? args.content_type : 'application/octet-stream',
      ...(typeof args.idempotency_key === 'string' ? { idempotencyKey: args.idempotency_key } : {}),
    });
    return resultOf(response);
  },
};
