// The output of TENDER/parse_rfp: what a bidder needs to decide whether and how to bid.
import { z } from '@hono/zod-openapi';
import {
  currencySchema,
  isoDateTimeSchema,
  languageSchema,
  minorUnitsSchema,
  readingExtrasSchema,
  sourceMapSchema,
  sourceRefSchema,
} from '../shared/schema';

export const rfpOutputSchema = z.object({
  issuer: z.string().nullable().describe('The contracting authority'),
  title: z.string().nullable(),
  reference_number: z.string().nullable(),
  submission_deadline: isoDateTimeSchema
    .nullable()
    .describe('YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time of the issuer as printed'),
  other_dates: z.array(z.object({ label: z.string(), date: isoDateTimeSchema, source: sourceRefSchema })),
  lots: z.array(
    z.object({ number: z.number().int().positive(), title: z.string(), source: sourceRefSchema }),
  ),
  requirements: z.array(
    z.object({
      text: z.string(),
      level: z.enum(['must', 'should']).describe('must: mandatory, exclusion criterion; should: desirable'),
      source: sourceRefSchema,
    }),
  ),
  budget: z.object({ amount: minorUnitsSchema, currency: currencySchema.nullable() }).nullable(),
  contact: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  language: languageSchema,
  source: sourceMapSchema,
  ...readingExtrasSchema,
});

export type RfpOutput = z.infer<typeof rfpOutputSchema>;
export type Requirement = RfpOutput['requirements'][number];
