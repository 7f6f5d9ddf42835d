// /v1/files: upload (multipart or raw body), list, download, signed URLs.
import { createRoute, z } from '@hono/zod-openapi';
import { loadConfig } from '../../config';
import { readIdempotencyKey } from '../../lib/idempotency';
import {
  bearerSecurity,
  createRouter,
  errorResponses,
  idParam,
  jsonResponse,
  limitBody,
} from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { PURPOSES, UPLOAD_POLICIES } from './policy';
import {
  fileSchema,
  listFilesQuerySchema,
  signedQuerySchema,
  signedUrlSchema,
  uploadQuerySchema,
} from './schema';
import { fileForSignedUrl, fileResponse, listFiles, signedUrl, uploadFile } from './service';
import { readUploadInput } from './upload-input';

const tags = ['Files'];
const security = bearerSecurity;
const binary = { schema: z.string().openapi({ type: 'string', format: 'binary' }) };
// Plain OpenAPI objects, not zod: uploads are parsed by hand so any type can arrive and be judged by its bytes.
const binaryDoc = { schema: { type: 'string' as const, format: 'binary' } };
const multipartDoc = {
  schema: {
    type: 'object' as const,
    required: ['file'],
    properties: {
      file: { type: 'string' as const, format: 'binary' },
      purpose: { type: 'string' as const, enum: [...PURPOSES] },
      engagement_id: { type: 'string' as const },
    },
  },
};

/**
 * The largest purpose's limit plus room for multipart framing: anything above is refused at once. The
 * purpose's own limit is enforced while the body streams to R2 (files/store.ts).
 */
const MAX_UPLOAD_BODY_BYTES = Math.max(...Object.values(UPLOAD_POLICIES).map((p) => p.maxBytes)) + 64 * 1024;

const uploadRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  security,
  middleware: limitBody(MAX_UPLOAD_BODY_BYTES),
  summary:
    'Upload a file: multipart `file` (+ optional `purpose`, `engagement_id`), or the raw body with ?name=',
  description:
    'Types are checked from the bytes. Limits: rfp 50 MB PDF/DOCX; invoice 20 MB PDF/PNG/JPEG or e-invoice XML (UBL 2.1 Invoice/CreditNote, CII); attachment 100 MB PDF/images/ZIP/DOCX; avatar 5 MB PNG/JPEG/WebP.',
  request: {
    query: uploadQuerySchema,
    body: {
      required: true,
      content: { 'multipart/form-data': multipartDoc, 'application/octet-stream': binaryDoc },
    },
  },
  responses: {
    201: jsonResponse('Stored', fileSchema),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  security,
  summary: 'Files you can see, newest first',
  request: { query: listFilesQuerySchema },
  responses: {
    200: jsonResponse('A page of files', pageSchema(fileSchema)),
    ...errorResponses(401, 404, 422),
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  security,
  summary: 'Download (streamed)',
  request: { params: idParam('fil') },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': binary } },
    ...errorResponses(401, 404),
  },
});

const urlRoute = createRoute({
  method: 'get',
  path: '/{id}/url',
  tags,
  security,
  summary: 'A signed download URL valid for 5 minutes',
  request: { params: idParam('fil') },
  responses: { 200: jsonResponse('Signed URL', signedUrlSchema), ...errorResponses(401, 404) },
});

const signedDownloadRoute = createRoute({
  method: 'get',
  path: '/{id}/content',
  tags,
  summary: 'Download through a signed URL (no other authentication)',
  request: { params: idParam('fil'), query: signedQuerySchema },
  responses: {
    200: { description: 'The file', content: { 'application/octet-stream': binary } },
    ...errorResponses(403, 404, 422),
  },
});

export const fileRoutes = createRouter({ scope: 'files' })
  .openapi(uploadRoute, async (c) => {
    const claim = readIdempotencyKey(c);
    const input = await readUploadInput(c, c.req.valid('query'));
    const result = await uploadFile(c.var.scope, c.env.FILES, input, claim);
    if ('file' in result) return c.json(result.file, 201);
    const replayed: z.infer<typeof fileSchema> = JSON.parse(result.replay.body);
    return c.json(replayed, 201, { 'Idempotent-Replayed': 'true' });
  })
  .openapi(listRoute, async (c) => c.json(await listFiles(c.var.scope, c.req.valid('query')), 200))
  .openapi(downloadRoute, async (c) =>
    fileResponse(c.env.FILES, await c.var.scope.file(c.req.valid('param').id), c.var.requestId),
  )
  .openapi(urlRoute, async (c) => {
    const file = await c.var.scope.file(c.req.valid('param').id);
    return c.json(await signedUrl(loadConfig(c.env).JWT_SECRET, new URL(c.req.url).origin, file), 200);
  });

/** Mounted without authentication: the signature in the URL is the credential. */
export const signedFileRoutes = createRouter().openapi(signedDownloadRoute, async (c) => {
  const { id } = c.req.valid('param');
  const { expires, signature, disposition } = c.req.valid('query');
  const file = await fileForSignedUrl(c.var, loadConfig(c.env).JWT_SECRET, id, expires, signature);
  return fileResponse(c.env.FILES, file, c.var.requestId, disposition);
});
