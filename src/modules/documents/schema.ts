// Document shapes: the listing's filters and a document's metadata (the bytes come from its signed URL).
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../lib/pagination';
import { DOCUMENT_KINDS } from './content';

export const documentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    number: z.string().openapi({ example: 'INV-2026-000042' }),
    status: z.enum(['pending', 'ready']),
    engagement_id: z.string().nullable(),
    payment_id: z.string().nullable().describe('The billed payment (invoices)'),
    payout_id: z.string().nullable().describe('The payout (statements)'),
    expert_id: z.string().nullable(),
    currency: z.string().nullable(),
    total: z.number().int().nullable().describe('Minor units: invoiced, credited, or paid net (reports)'),
    size: z.number().int(),
    sha256: z.string(),
    issued_at: z.string(),
    created_at: z.string(),
  })
  .openapi('Document');

export const listDocumentsQuerySchema = listQuerySchema.extend({
  kind: z.enum(DOCUMENT_KINDS).optional(),
  engagement_id: z.string().max(64).optional(),
  payment_id: z.string().max(64).optional(),
  payout_id: z.string().max(64).optional(),
});
