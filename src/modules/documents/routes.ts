// /v1/documents: generated PDFs (invoices, self-billing statements, engagement reports), tenant-scoped.
import { createRoute, z } from '@hono/zod-openapi';
import { loadConfig } from '../../config';
import { bearerSecurity, createRouter, errorResponses, idParam, jsonResponse } from '../../lib/openapi';
import { pageSchema } from '../../lib/pagination';
import { signedQuerySchema, signedUrlSchema } from '../files/schema';
import { documentSchema, listDocumentsQuerySchema } from './schema';
import {
  documentForSignedUrl,
  documentResponse,
  documentUrl,
  listDocuments,
  toDocumentView,
} from './service';

const tags = ['Documents'];
const security = bearerSecurity;
const pdf = { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  security,
  summary: 'Documents you can see, newest first',
  description:
    'Companies: their invoices and engagement reports. Experts: their self-billing statements and the reports of their engagements.',
  request: { query: listDocumentsQuerySchema },
  responses: {
    200: jsonResponse('A page of documents', pageSchema(documentSchema)),
    ...errorResponses(401, 422),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  security,
  summary: 'One document',
  request: { params: idParam('doc') },
  responses: { 200: jsonResponse('The document', documentSchema), ...errorResponses(401, 404) },
});

const urlRoute = createRoute({
  method: 'get',
  path: '/{id}/url',
  tags,
  security,
  summary: 'A signed download URL of the PDF, valid for 5 minutes',
  request: { params: idParam('doc') },
  responses: { 200: jsonResponse('Signed URL', signedUrlSchema), ...errorResponses(401, 404) },
});

const contentRoute = createRoute({
  method: 'get',
  path: '/{id}/content',
  tags,
  summary: 'The PDF through a signed URL (no other authentication)',
  request: { params: idParam('doc'), query: signedQuerySchema },
  responses: { 200: { description: 'The PDF', content: pdf }, ...errorResponses(403, 404, 422) },
});

export const documentRoutes = createRouter({ scope: 'documents' })
  .openapi(listRoute, async (c) => c.json(await listDocuments(c.var.scope, c.req.valid('query')), 200))
  .openapi(getRoute, async (c) =>
    c.json(toDocumentView(await c.var.scope.document(c.req.valid('param').id)), 200),
  )
  .openapi(urlRoute, async (c) => {
    const row = await c.var.scope.document(c.req.valid('param').id);
    return c.json(await documentUrl(loadConfig(c.env).JWT_SECRET, new URL(c.req.url).origin, row), 200);
  });

/** Mounted without authentication: the signature in the URL is the credential. */
export const signedDocumentRoutes = createRouter().openapi(contentRoute, async (c) => {
  const { id } = c.req.valid('param');
  const { expires, signature, disposition } = c.req.valid('query');
  const row = await documentForSignedUrl(c.var.db, loadConfig(c.env).JWT_SECRET, { id, expires, signature });
  return documentResponse(c.env.FILES, row, c.var.requestId, disposition);
});
