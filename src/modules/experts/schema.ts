// Expert profiles: what everyone may see, and what the expert may change.
import { z } from '@hono/zod-openapi';
import { expertBillingDetailsSchema, updateExpertBillingDetailsSchema } from '../orgs/billing-details';

export const currencySchema = z
  .string()
  .regex(/^[a-z]{3}$/, 'ISO-4217 code in lower case, e.g. "eur"')
  .openapi({ example: 'eur' });

export const moduleCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'Module codes are upper case, e.g. "TENDER"')
  .openapi({ example: 'TENDER' });

export const rateSchema = z
  .object({
    amount: z.number().int().min(0).max(100_000_000).openapi({ description: 'Minor units', example: 450000 }),
    currency: currencySchema,
    interval: z.enum(['month', 'week']),
  })
  .openapi('Rate');

export const expertSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    headline: z.string(),
    skills: z.array(z.string()),
    modules: z.array(z.string()),
    rate: rateSchema,
    max_clients: z.number().int(),
    current_clients: z.number().int(),
    payouts_enabled: z.boolean(),
  })
  .openapi('Expert');

export const ownExpertSchema = expertSchema
  .extend({ stripe_account_id: z.string().nullable(), billing_details: expertBillingDetailsSchema })
  .openapi('OwnExpertProfile');

export const updateExpertSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    headline: z.string().max(200),
    skills: z.array(z.string().trim().min(1).max(60)).max(50),
    modules: z.array(moduleCodeSchema).max(20),
    rate: rateSchema,
    max_clients: z.number().int().min(1).max(100),
    billing_details: updateExpertBillingDetailsSchema,
  })
  .partial()
  .strict()
  .openapi('UpdateExpert');
export type UpdateExpertInput = z.infer<typeof updateExpertSchema>;
