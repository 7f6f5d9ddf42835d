// Request and response shapes of the payment routes.
import { z } from '@hono/zod-openapi';
import { currencyFilter, oneOrMore, searchListQuerySchema } from '../../lib/list-query';

export const currencySchema = z
  .string()
  .regex(/^[a-z]{3}$/, 'A lower-case ISO 4217 code, e.g. eur')
  .openapi({ example: 'eur' });

export const createPaymentSchema = z
  .object({
    amount: z
      .number()
      .int('Integer minor units (cents)')
      .min(50, 'At least 50 minor units (Stripe’s minimum charge)')
      .max(99_999_999)
      .openapi({ example: 150000, description: 'Integer minor units (cents)' }),
    currency: currencySchema,
    description: z.string().trim().min(1).max(500).optional(),
  })
  .openapi('CreatePayment');

export const confirmPaymentSchema = z
  .object({
    payment_method: z.string().min(1).max(100).openapi({
      example: 'pm_card_visa',
      description: 'pm_card_visa or pm_card_chargeDeclined (test mode)',
    }),
  })
  .openapi('ConfirmPayment');

export const paymentSchema = z
  .object({
    id: z.string(),
    purpose: z.enum(['engagement', 'credits']).openapi({
      description: 'engagement: work of an engagement, shared with its expert; credits: a pack of AI credits',
    }),
    engagement_id: z.string().nullable().openapi({ description: 'Null for a credits purchase' }),
    expert_id: z.string().nullable().openapi({ description: 'Null for a credits purchase' }),
    credit_pack: z.string().nullable(),
    credits: z.number().int().nullable().openapi({ description: 'Credits added once paid (a pack)' }),
    amount: z.number().int(),
    currency: z.string(),
    description: z.string().nullable(),
    status: z.enum(['pending', 'paid', 'failed', 'refunded', 'void']),
    provider: z.enum(['stripe', 'embedded']),
    provider_payment_id: z.string().nullable(),
    provider_invoice_id: z.string().nullable().openapi({
      description: 'A billed period’s invoice (Stripe Invoice in_…, or the embedded provider’s)',
    }),
    hosted_invoice_url: z
      .string()
      .nullable()
      .openapi({
        description:
          'A billed period’s invoice on Stripe’s hosted page, where the company pays it by any method it allows ' +
          '(null with the embedded provider: pay with the test card through confirm)',
      }),
    retry_at: z.string().nullable().openapi({
      description: 'Failed, and Stripe retries the invoice at this time (smart retries); null otherwise',
    }),
    client_secret: z
      .string()
      .nullable()
      .openapi({ description: 'For Stripe.js confirmation in the browser' }),
    fee_amount: z.number().int().nullable(),
    amount_refunded: z.number().int(),
    dispute_status: z.enum(['open', 'won', 'lost']).nullable().openapi({
      description: 'A chargeback: open while the bank decides; won gives the expert their share back',
    }),
    amount_disputed: z.number().int(),
    failure_reason: z.string().nullable(),
    created_at: z.string(),
    paid_at: z.string().nullable(),
  })
  .openapi('Payment');

/** Orders a payment list can be read in (`-key` descending); an unpaid payment's paid_at comes first. */
export const PAYMENT_SORTS = ['created_at', 'amount', 'status', 'paid_at'] as const;

export const listPaymentsQuerySchema = searchListQuerySchema(
  PAYMENT_SORTS,
  "the description, id, engagement id and the engagement's title",
).extend({
  status: oneOrMore(
    ['pending', 'paid', 'failed', 'refunded', 'void'],
    'Only payments in these states',
  ).optional(),
  engagement_id: z.string().max(64).optional().openapi({ description: 'Only this engagement' }),
  currency: currencyFilter.optional(),
});
export type ListPaymentsQuery = z.infer<typeof listPaymentsQuerySchema>;

export const balanceSchema = z
  .object({
    expert_id: z.string(),
    balances: z.array(
      z.object({
        currency: z.string(),
        balance: z
          .number()
          .int()
          .openapi({ description: 'All credits − debits − payouts (may be negative)' }),
        unpaid: z.number().int().openapi({ description: 'Not yet in any payout' }),
      }),
    ),
  })
  .openapi('Balance');

export const connectSchema = z
  .object({
    account_id: z.string(),
    onboarding_url: z.string().nullable(),
    payouts_enabled: z.boolean(),
  })
  .openapi('ConnectAccount');
