// Zod pieces shared by the modules' output schemas: where a value was found, dates, money.
import { z } from '@hono/zod-openapi';
import type { SourceRef } from '../../types';

export const sourceRefSchema = z
  .object({
    page: z.number().int().positive().nullable().describe('1-based page (PDF), null for DOCX and text'),
    line: z.number().int().positive().nullable().describe('1-based line within the page or document'),
    text: z.string().describe('The line the value was read from'),
  })
  .describe('Where the value was found') satisfies z.ZodType<SourceRef>;

/** One entry per extracted field, keyed by its path in the output ("supplier.vat_id"). */
export const sourceMapSchema = z
  .record(z.string(), sourceRefSchema)
  .describe('Where each field was found, keyed by its path in this object, e.g. "supplier.vat_id"');

export const boxSchema = z
  .object({
    page: z.number().int().positive(),
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    w: z.number().min(0).max(1),
    h: z.number().min(0).max(1),
  })
  .describe('Where on the page: fractions of its width and height, origin top-left');

/** What a reading says about itself beyond the values: per-field trust, where each field is printed. */
export const readingExtrasSchema = {
  field_confidence: z
    .record(z.string(), z.number().int().min(0).max(100))
    .optional()
    .describe('0–100 per field path; fields a failed check concerns carry that check’s cap'),
  boxes: z.record(z.string(), boxSchema).optional().describe('Where each field is printed, by field path'),
  printed: z
    .record(z.string(), z.string())
    .optional()
    .describe(
      'Values as printed that a check rejected (an IBAN failing mod-97), so a reviewer can correct them',
    ),
};

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const isoDateTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/);
export const minorUnitsSchema = z.number().int().describe('Integer minor units (cents)');
export const currencySchema = z
  .string()
  .regex(/^[a-z]{3}$/)
  .describe('Lower-case ISO 4217 code');
export const languageSchema = z.enum(['de', 'en', 'fr', 'nl', 'es', 'it', 'unknown']);

/** Options a task type does not define still pass through (file_id, text and review notes among them). */
export const openInputSchema = z.object({}).loose();

/** Input of a type that reads a document: exactly one of an uploaded file or inline text. */
export const documentInputSchema = openInputSchema.refine(
  (input) => (typeof input.file_id === 'string') !== (typeof input.text === 'string'),
  { message: 'Give exactly one of file_id or text' },
);
