// Request and response shapes of the credits routes.
import { z } from '@hono/zod-openapi';
import { listQuerySchema } from '../../lib/pagination';

export const creditEntrySchema = z
  .object({
    id: z.string(),
    amount: z.number().int().openapi({ description: 'Credits added (positive) or spent (negative)' }),
    kind: z.enum(['grant', 'purchase', 'consumption', 'refund', 'purchase_refund']),
    task_id: z.string().nullable(),
    payment_id: z.string().nullable(),
    note: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('CreditEntry');

const priceSchema = z.object({
  task: z.number().int().openapi({ description: 'Credits taken when a task of the module is created' }),
  page: z.number().int().openapi({ description: 'Credits per page beyond the included ones' }),
  included_pages: z.number().int(),
});

export const creditsSchema = z
  .object({
    org_id: z.string(),
    balance: z.number().int(),
    currency: z.string().nullable().openapi({ description: 'The currency packs are sold in' }),
    low_balance: z.boolean().openapi({ description: 'The balance is below the warning threshold' }),
    low_balance_threshold: z.number().int(),
    prices: z.record(z.string(), priceSchema).openapi({ description: 'What a task costs, per module' }),
    packs: z.array(
      z.object({
        name: z.string(),
        credits: z.number().int(),
        amount: z.number().int().openapi({ description: 'Minor units' }),
        currency: z.string(),
      }),
    ),
    usage: z
      .array(z.object({ day: z.string(), spent: z.number().int() }))
      .openapi({ description: 'Credits spent per UTC day, last 30 days (net of refunds)' }),
    entries: z.array(creditEntrySchema).openapi({ description: 'History, newest first (paged)' }),
    next_cursor: z.string().nullable(),
  })
  .openapi('Credits');

export const creditsQuerySchema = listQuerySchema.extend({
  org_id: z.string().max(64).optional().openapi({ description: 'Admins: the company to look at' }),
});

export const purchaseSchema = z
  .object({ pack: z.string().trim().min(1).max(32).openapi({ example: 'starter' }) })
  .openapi('PurchaseCredits');

export const grantSchema = z
  .object({
    org_id: z.string().min(1).max(64),
    credits: z
      .number()
      .int()
      .refine((n) => n !== 0, 'Not zero')
      .refine((n) => Math.abs(n) <= 1_000_000, 'At most 1,000,000 at once')
      .openapi({ description: 'Credits to add (negative: take back, never below zero)' }),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .openapi('GrantCredits');

export const grantResultSchema = z
  .object({ org_id: z.string(), balance: z.number().int() })
  .openapi('CreditGrant');
