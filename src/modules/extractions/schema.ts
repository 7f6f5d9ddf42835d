// Request and response shapes of the extraction routes (zod: validation, types and the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { oneOrMore, searchListQuerySchema } from '../../lib/list-query';
import { extractionMachine } from './machine';

export const ENTITY_TYPES = [
  'EMAIL',
  'PHONE',
  'PERSON',
  'COMPANY_NAME',
  'ADDRESS',
  'VAT_ID',
  'REGISTER',
] as const;

export const createExtractionSchema = z
  .object({
    url: z.string().trim().min(1).max(2048).openapi({
      example: 'https://www.example-gmbh.de',
      description: 'The company website (http or https)',
    }),
  })
  .openapi('CreateExtraction');

export type CreateExtractionInput = z.infer<typeof createExtractionSchema>;

export const emailVerificationSchema = z
  .object({
    mx: z.enum(['present', 'null', 'none', 'unknown']).openapi({
      description: 'The domain’s MX: present; null (RFC 7505, takes no mail); none; unknown (DNS failed)',
    }),
    role: z.boolean().openapi({ description: 'A function’s mailbox (info@, sales@…), not a person’s' }),
    free: z.boolean().openapi({ description: 'A free-mail provider (gmail.com, web.de…)' }),
    disposable: z.boolean().openapi({ description: 'A throwaway-address domain' }),
    status: z.enum(['deliverable', 'risky', 'undeliverable']).openapi({
      description:
        'undeliverable: bad syntax or a domain taking no mail; risky: disposable or DNS could not say; no SMTP probing',
    }),
  })
  .openapi('EmailVerification');

export const entitySchema = z
  .object({
    type: z.enum(ENTITY_TYPES),
    value: z.string().openapi({ description: 'E.164 for phones, compact upper-case for VAT IDs' }),
    confidence: z.number().int().min(0).max(100),
    source_url: z.string().openapi({ description: 'The page the value was found on (the best of several)' }),
    role: z.string().optional().openapi({ description: 'For PERSON: e.g. Geschäftsführer, CEO' }),
    verification: emailVerificationSchema.optional(),
  })
  .openapi('ExtractedEntity');

export const pageSchema = z
  .object({
    url: z.string(),
    page_type: z.string().openapi({ example: 'impressum' }),
    status_code: z.number().int().nullable().openapi({ description: 'Null when no response came' }),
    fetch_ms: z.number().int(),
    error: z.string().nullable(),
  })
  .openapi('ExtractionPage');

export const extractionSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    normalized_url: z.string(),
    status: z.enum(extractionMachine.states),
    progress: z.number().int().min(0).max(100),
    confidence: z.number().int().nullable(),
    error: z.string().nullable(),
    task_id: z.string().nullable(),
    /** True when this answer is a result for the same normalised URL from the last 24 hours. */
    reused: z.boolean().optional(),
    entities: z.array(entitySchema),
    pages: z.array(pageSchema),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .openapi('Extraction');

export type ExtractionView = z.infer<typeof extractionSchema>;

export const extractionSummarySchema = extractionSchema
  .omit({ entities: true, pages: true, reused: true })
  .extend({ entity_count: z.number().int() })
  .openapi('ExtractionSummary');

/** Orders an extraction list can be read in (`-key` descending); `url` is the normalised URL. */
export const siteMemorySchema = z
  .object({
    site: z.string().openapi({ description: 'The registrable domain (with a port that is not the default)' }),
    extraction_id: z.string().openapi({ description: 'The run the changes are told against' }),
    runs: z
      .number()
      .int()
      .openapi({ description: "This company's completed runs of the site, up to this one" }),
    previous_extraction_id: z
      .string()
      .nullable()
      .openapi({ description: 'The run before it; null for the first' }),
    entities: z.array(
      z.object({
        type: z.enum(ENTITY_TYPES),
        value: z.string(),
        role: z.string().optional(),
        change: z.enum(['new', 'kept', 'gone']).openapi({
          description:
            'new: first found in this run; kept: found before and again; gone: found before, not now',
        }),
        first_seen_at: z.string(),
        last_seen_at: z.string(),
        runs: z.number().int().openapi({ description: 'How many runs found it' }),
        sources: z.array(z.string()).openapi({ description: 'Pages it was found on (at most 5)' }),
      }),
    ),
  })
  .openapi('SiteMemory');

export type SiteMemory = z.infer<typeof siteMemorySchema>;

export const EXTRACTION_SORTS = ['created_at', 'url', 'status', 'confidence'] as const;

export const listExtractionsQuerySchema = searchListQuerySchema(
  EXTRACTION_SORTS,
  'the URL (as given and normalised) and id',
).extend({
  status: oneOrMore(extractionMachine.states, 'Only extractions in these states').optional(),
});
export type ListExtractionsQuery = z.infer<typeof listExtractionsQuerySchema>;
