// Request and response shapes of the extraction-batch routes (zod: validation, types and the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { BATCH_ROW_STATUSES, BATCH_STATUSES } from '../../db/schema';
import { listQuerySchema } from '../../lib/pagination';
import { MAX_BATCH_ROWS } from './csv-in';

export const createBatchJsonSchema = z
  .object({
    urls: z
      .array(z.string().max(2048))
      .min(1)
      .max(MAX_BATCH_ROWS)
      .openapi({ example: ['https://www.firma-mueller.de', 'beispiel-handel.de'] }),
  })
  .openapi('CreateExtractionBatch');

export const createBatchQuerySchema = z.object({
  url_column: z.string().trim().min(1).max(200).optional().openapi({
    description: 'CSV only: the header of the column holding the URLs, when it is not obvious',
    example: 'Website',
  }),
});

export const batchCountsSchema = z
  .object({
    total: z.number().int(),
    queued: z.number().int(),
    running: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    cancelled: z.number().int(),
  })
  .openapi('ExtractionBatchCounts');

export const batchSchema = z
  .object({
    id: z.string(),
    status: z.enum(BATCH_STATUSES).openapi({
      description: 'running until every row is done; cancelled when a cancel stopped rows before they began',
    }),
    source: z.enum(['csv', 'json']),
    columns: z.array(z.string()).openapi({ description: 'The input’s columns, as the export repeats them' }),
    url_column: z.string(),
    counts: batchCountsSchema,
    sites: z.number().int().openapi({ description: 'Distinct sites (registrable domains): one crawl each' }),
    reused: z.number().int().openapi({ description: 'Sites answered by a result of the last 24 hours' }),
    cancel_requested_at: z.string().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .openapi('ExtractionBatch');

export type BatchView = z.infer<typeof batchSchema>;

export const batchRowSchema = z
  .object({
    row: z.number().int().openapi({ description: '1-based position among the data rows' }),
    url: z.string().nullable(),
    normalized_url: z.string().nullable(),
    site: z.string().nullable(),
    status: z.enum(BATCH_ROW_STATUSES),
    error: z.string().nullable(),
    extraction_id: z.string().nullable(),
  })
  .openapi('ExtractionBatchRow');

export const listBatchRowsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional()
    .openapi({ description: 'next_cursor of the previous page' }),
  status: z.enum(BATCH_ROW_STATUSES).optional(),
});

export const listBatchesQuerySchema = listQuerySchema.extend({ status: z.enum(BATCH_STATUSES).optional() });
