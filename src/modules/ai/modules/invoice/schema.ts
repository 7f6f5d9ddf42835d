// The output of CTAX/process_invoice: what a bookkeeper needs to book an incoming invoice.
import { z } from '@hono/zod-openapi';
import {
  currencySchema,
  isoDateSchema,
  languageSchema,
  minorUnitsSchema,
  readingExtrasSchema,
  sourceMapSchema,
  sourceRefSchema,
} from '../shared/schema';

const partySchema = z.object({
  name: z.string().nullable(),
  address: z.string().nullable().describe('Street, postcode and city on one line, comma-separated'),
  vat_id: z.string().nullable().describe('VAT identification number, compact and upper-case (DE123456789)'),
});

export const lineItemSchema = z.object({
  description: z.string(),
  quantity: z.number().nullable(),
  unit_price: minorUnitsSchema.nullable(),
  discount_percent: z
    .number()
    .optional()
    .describe(
      "The row's discount in percent, where the table prints one: amount = quantity × unit price − it",
    ),
  amount: minorUnitsSchema,
  source: sourceRefSchema,
});

export const vatCategorySchema = z.object({
  category: z
    .string()
    .nullable()
    .describe(
      'EN 16931 VAT category: S standard, Z zero, E exempt, AE reverse charge, K intra-EU, G export, O',
    ),
  rate: z.number().nullable().describe('Percent'),
  net: minorUnitsSchema.nullable().describe('Taxable amount of the category'),
  vat: minorUnitsSchema.nullable(),
});

export const invoiceOutputSchema = z.object({
  document_type: z
    .enum(['invoice', 'credit_note'])
    .default('invoice')
    .describe('A credit note carries its amounts negative, as booked'),
  invoice_number: z.string().nullable(),
  issue_date: isoDateSchema.nullable(),
  service_date: isoDateSchema.nullable().describe('Date of supply, when a single date is given'),
  service_period: z.object({ from: isoDateSchema, to: isoDateSchema }).nullable(),
  due_date: isoDateSchema.nullable(),
  supplier: partySchema,
  recipient: partySchema,
  currency: currencySchema.nullable(),
  net: minorUnitsSchema.nullable(),
  vat_rate: z.number().nullable().describe('Percent, e.g. 19; null when several rates apply'),
  vat_amount: minorUnitsSchema.nullable(),
  vat_breakdown: z.array(vatCategorySchema).default([]).describe('VAT per category and rate'),
  gross: minorUnitsSchema
    .nullable()
    .describe(
      'The total the invoice names as such: net + VAT, or, where it states its total after an income tax withheld (a Spanish "Total a pagar" after IRPF), that amount',
    ),
  withholding: minorUnitsSchema
    .nullable()
    .default(null)
    .describe(
      "Income tax the payer withholds and pays to the tax office (IRPF retención, ritenuta d'acconto, TDS), positive; not VAT. What is paid is net + VAT − it",
    ),
  iban: z.string().nullable().describe('Compact, upper-case; only an IBAN that passes the mod-97 check'),
  line_items: z.array(lineItemSchema),
  language: languageSchema,
  learned: z
    .array(z.string())
    .default([])
    .describe("Fields read where an expert's earlier correction of this supplier's invoices showed them"),
  source: sourceMapSchema,
  ...readingExtrasSchema,
});

export type InvoiceOutput = z.infer<typeof invoiceOutputSchema>;
