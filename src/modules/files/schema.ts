// File shapes: upload parameters and the stored file's metadata.
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../lib/pagination';
import { PURPOSES } from './policy';

export const fileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number().int(),
    mime_type: z.string(),
    sha256: z.string(),
    purpose: z.enum(PURPOSES),
    engagement_id: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('File');

const fileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((n) => !hasControlCharacterOrSlash(n), 'No control characters or slashes');

function hasControlCharacterOrSlash(name: string): boolean {
  return Array.from(name).some((ch) => ch.charCodeAt(0) < 0x20 || ch === '/' || ch === '\\');
}

export const uploadQuerySchema = z.object({
  purpose: z.enum(PURPOSES).default('attachment'),
  name: fileName.optional().openapi({ description: 'File name for a raw-body upload' }),
  engagement_id: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: 'Attach to an engagement you can see' }),
});

export const listFilesQuerySchema = listQuerySchema.extend({ engagement_id: z.string().max(64).optional() });

export const signedUrlSchema = z.object({ url: z.string(), expires_at: z.string() }).openapi('SignedUrl');

export const signedQuerySchema = z.object({
  expires: z.coerce.number().int().positive(),
  signature: z.string().min(1).max(200),
  disposition: z.enum(['attachment', 'inline']).default('attachment').openapi({
    description: 'inline: shown in the browser (PDF and images only; anything else still downloads)',
  }),
});
