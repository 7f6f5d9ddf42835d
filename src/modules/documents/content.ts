// What a document says, frozen when it is issued: the parties' details, lines and totals as of that moment.
// Stored with the document row, so it re-renders to the same bytes whatever changes later, and validated
// when read back.
import { z } from '@hono/zod-openapi';

export const partySchema = z.object({
  name: z.string(),
  /** Address lines as printed (street, postcode and city, country). */
  lines: z.array(z.string()),
  country_code: z.string().nullable(),
  vat_id: z.string().nullable(),
  tax_number: z.string().nullable().default(null),
});

const vatSchema = z.object({
  mode: z.enum(['standard', 'reverse_charge', 'small_business']),
  rate_bps: z.number().int(),
  note: z.string().nullable(),
});

const totalsSchema = z.object({ net: z.number().int(), vat: z.number().int(), gross: z.number().int() });

export const invoiceContentSchema = z.object({
  currency: z.string(),
  seller: partySchema,
  buyer: partySchema,
  /** Who rendered the service (the engaged expert). */
  provider: partySchema,
  engagement: z.object({ id: z.string(), title: z.string() }),
  period: z.object({ start: z.string(), end: z.string().describe('Last day, inclusive') }),
  payment_id: z.string(),
  description: z.string(),
  vat: vatSchema,
  totals: totalsSchema,
});

export const statementContentSchema = z.object({
  currency: z.string(),
  /** The supplier: the expert, in whose name the platform issues the statement. */
  supplier: partySchema,
  /** The recipient of the service and issuer of the statement: the platform. */
  recipient: partySchema,
  payout: z.object({ id: z.string(), week: z.string() }),
  period: z.object({ start: z.string(), end: z.string() }),
  entries: z.array(
    z.object({
      date: z.string(),
      kind: z.string(),
      engagement: z.string(),
      payment_id: z.string().nullable(),
      /** What the company paid (payments only). */
      paid: z.number().int().nullable(),
      fee: z.number().int().nullable(),
      /** What the entry credits (or debits) to the expert. */
      amount: z.number().int(),
    }),
  ),
  fees: z.number().int(),
  vat: vatSchema,
  totals: totalsSchema,
});

export const reportContentSchema = z.object({
  engagement: z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    started: z.string(),
    ended: z.string(),
    modules: z.array(z.string()),
  }),
  company: partySchema,
  expert: partySchema,
  tasks: z.array(z.object({ module: z.string(), status: z.string(), count: z.number().int() })),
  payments: z.object({
    currency: z.string(),
    count: z.number().int(),
    paid: z.number().int(),
    refunded: z.number().int(),
  }),
});

export type Party = z.infer<typeof partySchema>;
export type InvoiceContent = z.infer<typeof invoiceContentSchema>;
export type StatementContent = z.infer<typeof statementContentSchema>;
export type ReportContent = z.infer<typeof reportContentSchema>;

export const DOCUMENT_KINDS = ['invoice', 'payout_statement', 'engagement_report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const contentSchemas = {
  invoice: invoiceContentSchema,
  payout_statement: statementContentSchema,
  engagement_report: reportContentSchema,
} as const;
