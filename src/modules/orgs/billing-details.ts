// Billing details of a company or an expert, as printed on invoices and self-billing statements: one shape
// for both (experts add a tax number and the small-business flag), read and patched field by field.
import { z } from '@hono/zod-openapi';
import { compactVatId, vatIdFormatValid } from '../../lib/vat-id';

const line = (max: number) => z.string().trim().min(1).max(max).nullable();

const vatId = z
  .string()
  .transform(compactVatId)
  .refine(
    (id) => vatIdFormatValid(id) || /^EL\d{9}$/.test(id),
    'Not a VAT ID of a known format, e.g. DE123456789',
  )
  .nullable();

export const billingDetailsSchema = z
  .object({
    legal_name: z.string().nullable(),
    address_line1: z.string().nullable(),
    address_line2: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    country_code: z.string().nullable().openapi({ example: 'DE' }),
    vat_id: z.string().nullable().openapi({ example: 'DE123456789' }),
  })
  .openapi('BillingDetails');

export const updateBillingDetailsSchema = z
  .object({
    legal_name: line(200),
    address_line1: line(200),
    address_line2: line(200),
    postcode: line(20),
    city: line(100),
    country_code: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2, e.g. DE')
      .transform((v) => v.toUpperCase())
      .nullable(),
    vat_id: vatId,
  })
  .partial()
  .strict();

export const expertBillingDetailsSchema = billingDetailsSchema
  .extend({
    tax_number: z.string().nullable().describe('Steuernummer (Germany), printed when there is no VAT ID'),
    small_business: z.boolean().describe('Kleinunternehmer (§ 19 UStG): statements charge no VAT'),
  })
  .openapi('ExpertBillingDetails');

export const updateExpertBillingDetailsSchema = updateBillingDetailsSchema
  .extend({ tax_number: line(40), small_business: z.boolean() })
  .partial()
  .strict();

interface BillingRow {
  legalName: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postcode: string | null;
  city: string | null;
  countryCode: string | null;
  vatId: string | null;
}

export const toBillingDetailsView = (row: BillingRow) => ({
  legal_name: row.legalName,
  address_line1: row.addressLine1,
  address_line2: row.addressLine2,
  postcode: row.postcode,
  city: row.city,
  country_code: row.countryCode,
  vat_id: row.vatId,
});

/** The columns a patch sets (absent fields stay as they are; null clears). */
export function billingColumnsOf(input: z.infer<typeof updateExpertBillingDetailsSchema>) {
  const set = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return {
    ...set('legalName', input.legal_name),
    ...set('addressLine1', input.address_line1),
    ...set('addressLine2', input.address_line2),
    ...set('postcode', input.postcode),
    ...set('city', input.city),
    ...set('countryCode', input.country_code),
    ...set('vatId', input.vat_id),
    ...set('taxNumber', input.tax_number),
    ...set('smallBusiness', input.small_business),
  };
}
