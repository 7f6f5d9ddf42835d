// OASIS UBL 2.1 Invoice and CreditNote (XRechnung UBL, Peppol BIS Billing 3.0, EN 16931 UBL) read into
// the EInvoice model.

import { attr, kid, kids, text, type XNode } from '../xml';
import { CREDIT_NOTE_CODES } from './cii';
import {
  addressLine,
  decimal,
  type EInvoice,
  type ELine,
  type EParty,
  type EVatCategory,
  isoDate,
  toUnits,
} from './model';
import { ublProfile } from './profile';

function party(node: XNode | undefined): EParty {
  const address = kid(node, 'PostalAddress');
  const vat = kids(node, 'PartyTaxScheme').find((s) => text(s, 'TaxScheme', 'ID')?.toUpperCase() === 'VAT');
  return {
    // BT-27 (legal name) before BT-28 (trading name), as the invoice's parties are booked.
    name: text(node, 'PartyLegalEntity', 'RegistrationName') ?? text(node, 'PartyName', 'Name'),
    address: addressLine({
      lines: [
        text(address, 'StreetName'),
        text(address, 'AdditionalStreetName'),
        text(address, 'AddressLine', 'Line'),
      ],
      postcode: text(address, 'PostalZone'),
      city: text(address, 'CityName'),
      country: text(address, 'Country', 'IdentificationCode'),
    }),
    vatId: text(vat, 'CompanyID'),
  };
}

/** The TaxTotal in the document currency (a second one may state the VAT in the accounting currency). */
function taxTotal(node: XNode, currency: string | null): XNode | undefined {
  const all = kids(node, 'TaxTotal');
  return (
    all.find(
      (t) => currency !== null && attr(kid(t, 'TaxAmount'), 'currencyID')?.toLowerCase() === currency,
    ) ?? all[0]
  );
}

function vatCategories(total: XNode | undefined): EVatCategory[] {
  return kids(total, 'TaxSubtotal').map((sub) => ({
    category: text(sub, 'TaxCategory', 'ID'),
    rate: decimal(text(sub, 'TaxCategory', 'Percent')),
    basis: toUnits(text(sub, 'TaxableAmount')),
    tax: toUnits(text(sub, 'TaxAmount')),
  }));
}

function line(item: XNode, quantityName: string): ELine | null {
  const net = toUnits(text(item, 'LineExtensionAmount'));
  if (net === null) return null;
  const price = toUnits(text(item, 'Price', 'PriceAmount'));
  const base = decimal(text(item, 'Price', 'BaseQuantity'));
  return {
    id: text(item, 'ID'),
    name: text(item, 'Item', 'Name') ?? text(item, 'Item', 'Description') ?? '',
    quantity: decimal(text(item, quantityName)),
    unitPrice: price === null ? null : base ? Math.round(price / base) : price,
    net,
    rate: decimal(text(item, 'Item', 'ClassifiedTaxCategory', 'Percent')),
  };
}

export function readUbl(root: string, node: XNode): EInvoice {
  const credit = root === 'CreditNote';
  const currency = text(node, 'DocumentCurrencyCode')?.toLowerCase() ?? null;
  const typeCode = text(node, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode');
  const means = kids(node, 'PaymentMeans');
  const iban = means.map((m) => text(m, 'PayeeFinancialAccount', 'ID')).find((id) => id !== null);
  const period = kid(node, 'InvoicePeriod');
  const from = isoDate(text(period, 'StartDate'));
  const to = isoDate(text(period, 'EndDate'));
  const totals = kid(node, 'LegalMonetaryTotal');
  const tax = taxTotal(node, currency);
  return {
    syntax: 'ubl',
    ...ublProfile(text(node, 'CustomizationID')),
    typeCode,
    creditNote: credit || CREDIT_NOTE_CODES.has(typeCode ?? ''),
    number: text(node, 'ID'),
    issueDate: isoDate(text(node, 'IssueDate')),
    dueDate:
      isoDate(text(node, 'DueDate')) ??
      means.map((m) => isoDate(text(m, 'PaymentDueDate'))).find((d) => d !== null) ??
      null,
    serviceDate: isoDate(text(node, 'Delivery', 'ActualDeliveryDate')),
    period: from && to ? { from, to } : null,
    currency,
    seller: party(kid(node, 'AccountingSupplierParty', 'Party')),
    buyer: party(kid(node, 'AccountingCustomerParty', 'Party')),
    iban: iban ? iban.replace(/\s+/g, '').toUpperCase() : null,
    lines: kids(node, credit ? 'CreditNoteLine' : 'InvoiceLine')
      .map((item) => line(item, credit ? 'CreditedQuantity' : 'InvoicedQuantity'))
      .filter((l): l is ELine => l !== null),
    vat: vatCategories(tax),
    totals: {
      lineTotal: toUnits(text(totals, 'LineExtensionAmount')),
      allowances: toUnits(text(totals, 'AllowanceTotalAmount')),
      charges: toUnits(text(totals, 'ChargeTotalAmount')),
      taxBasis: toUnits(text(totals, 'TaxExclusiveAmount')),
      taxTotal: toUnits(text(tax, 'TaxAmount')),
      grandTotal: toUnits(text(totals, 'TaxInclusiveAmount')),
      prepaid: toUnits(text(totals, 'PrepaidAmount')),
      rounding: toUnits(text(totals, 'PayableRoundingAmount')),
      due: toUnits(text(totals, 'PayableAmount')),
    },
  };
}
