// UN/CEFACT Cross Industry Invoice (ZUGFeRD 2.x, Factur-X, XRechnung CII; D16B) and its predecessor, the
// ZUGFeRD 1.0 Cross Industry Document (D13B), read into the EInvoice model. The two share their structure;
// where ZUGFeRD 1.0 names an element differently, both names are listed (the 2.x name first).

import { attr, kid, kids, text, type XNode } from '../xml';
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
import { ciiProfile } from './profile';

/** The first of several alternative element names that is present. */
function either(node: XNode | undefined, ...names: string[]): XNode | undefined {
  for (const name of names) {
    const found = kid(node, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An amount in the invoice currency: totals may repeat in the accounting currency (BT-111). */
function amount(node: XNode | undefined, name: string, currency: string | null): number | null {
  const all = kids(node, name);
  const chosen =
    all.find((n) => currency !== null && attr(n, 'currencyID')?.toLowerCase() === currency) ?? all[0];
  return toUnits(text(chosen));
}

function dateOf(node: XNode | undefined, ...path: string[]): string | null {
  return isoDate(text(kid(node, ...path), 'DateTimeString'));
}

function party(node: XNode | undefined): EParty {
  const address = kid(node, 'PostalTradeAddress');
  const vat = kids(node, 'SpecifiedTaxRegistration').find((r) => attr(kid(r, 'ID'), 'schemeID') === 'VA');
  return {
    name: text(node, 'Name'),
    address: addressLine({
      lines: [text(address, 'LineOne'), text(address, 'LineTwo'), text(address, 'LineThree')],
      postcode: text(address, 'PostcodeCode'),
      city: text(address, 'CityName'),
      country: text(address, 'CountryID'),
    }),
    vatId: text(vat, 'ID'),
  };
}

function vatCategories(settlement: XNode | undefined, currency: string | null): EVatCategory[] {
  return kids(settlement, 'ApplicableTradeTax').map((tax) => ({
    category: text(tax, 'CategoryCode'),
    rate: decimal(text(tax, 'RateApplicablePercent') ?? text(tax, 'ApplicablePercent')),
    basis: amount(tax, 'BasisAmount', currency),
    tax: amount(tax, 'CalculatedAmount', currency),
  }));
}

function line(item: XNode): ELine | null {
  const document = kid(item, 'AssociatedDocumentLineDocument');
  // EXTENDED sub-invoice lines (with a parent) break down their parent's amount; only top-level lines add up.
  if (text(document, 'ParentLineID') !== null) return null;
  if (/^INFORMATION$/i.test(text(document, 'LineStatusReasonCode') ?? '')) return null;
  const agreement = either(item, 'SpecifiedLineTradeAgreement', 'SpecifiedSupplyChainTradeAgreement');
  const delivery = either(item, 'SpecifiedLineTradeDelivery', 'SpecifiedSupplyChainTradeDelivery');
  const settlement = either(item, 'SpecifiedLineTradeSettlement', 'SpecifiedSupplyChainTradeSettlement');
  const price = kid(agreement, 'NetPriceProductTradePrice');
  const priceAmount = toUnits(text(price, 'ChargeAmount'));
  const baseQuantity = decimal(text(price, 'BasisQuantity'));
  const summation = either(
    settlement,
    'SpecifiedTradeSettlementLineMonetarySummation',
    'SpecifiedTradeSettlementMonetarySummation',
  );
  const net = toUnits(text(summation, 'LineTotalAmount'));
  if (net === null) return null;
  const tax = kid(settlement, 'ApplicableTradeTax');
  const product = kid(item, 'SpecifiedTradeProduct');
  return {
    id: text(document, 'LineID'),
    name: text(product, 'Name') ?? text(product, 'Description') ?? '',
    quantity: decimal(text(delivery, 'BilledQuantity')),
    unitPrice:
      priceAmount === null ? null : baseQuantity ? Math.round(priceAmount / baseQuantity) : priceAmount,
    net,
    rate: decimal(text(tax, 'RateApplicablePercent') ?? text(tax, 'ApplicablePercent')),
  };
}

/** BT-3 codes of credit notes (the amounts are stated positive and booked negative). */
export const CREDIT_NOTE_CODES = new Set(['381', '261', '262', '296', '308', '396', '420', '458', '532']);

export function readCii(root: string, node: XNode): EInvoice {
  const zugferd1 = root === 'CrossIndustryDocument';
  const context = either(node, 'ExchangedDocumentContext', 'SpecifiedExchangedDocumentContext');
  const header = either(node, 'ExchangedDocument', 'HeaderExchangedDocument');
  const transaction = either(node, 'SupplyChainTradeTransaction', 'SpecifiedSupplyChainTradeTransaction');
  const agreement = either(
    transaction,
    'ApplicableHeaderTradeAgreement',
    'ApplicableSupplyChainTradeAgreement',
  );
  const delivery = either(transaction, 'ApplicableHeaderTradeDelivery', 'ApplicableSupplyChainTradeDelivery');
  const settlement = either(
    transaction,
    'ApplicableHeaderTradeSettlement',
    'ApplicableSupplyChainTradeSettlement',
  );
  const summation = either(
    settlement,
    'SpecifiedTradeSettlementHeaderMonetarySummation',
    'SpecifiedTradeSettlementMonetarySummation',
  );
  const currency = text(settlement, 'InvoiceCurrencyCode')?.toLowerCase() ?? null;
  const profile = ciiProfile(text(context, 'GuidelineSpecifiedDocumentContextParameter', 'ID'), zugferd1);
  const typeCode = text(header, 'TypeCode');
  const payee = kids(settlement, 'SpecifiedTradeSettlementPaymentMeans')
    .map((means) => text(means, 'PayeePartyCreditorFinancialAccount', 'IBANID'))
    .find((iban) => iban !== null);
  const period = kid(settlement, 'BillingSpecifiedPeriod');
  const from = dateOf(period, 'StartDateTime');
  const to = dateOf(period, 'EndDateTime');
  const terms = kids(settlement, 'SpecifiedTradePaymentTerms');
  return {
    syntax: 'cii',
    ...profile,
    typeCode,
    creditNote: CREDIT_NOTE_CODES.has(typeCode ?? ''),
    number: text(header, 'ID'),
    issueDate: dateOf(header, 'IssueDateTime'),
    dueDate: terms.map((t) => dateOf(t, 'DueDateDateTime')).find((d) => d !== null) ?? null,
    serviceDate: dateOf(delivery, 'ActualDeliverySupplyChainEvent', 'OccurrenceDateTime'),
    period: from && to ? { from, to } : null,
    currency,
    seller: party(kid(agreement, 'SellerTradeParty')),
    buyer: party(kid(agreement, 'BuyerTradeParty')),
    iban: payee ? payee.replace(/\s+/g, '').toUpperCase() : null,
    lines: kids(transaction, 'IncludedSupplyChainTradeLineItem')
      .map(line)
      .filter((l): l is ELine => l !== null),
    vat: vatCategories(settlement, currency),
    totals: {
      lineTotal: amount(summation, 'LineTotalAmount', currency),
      allowances: amount(summation, 'AllowanceTotalAmount', currency),
      charges: amount(summation, 'ChargeTotalAmount', currency),
      taxBasis: amount(summation, 'TaxBasisTotalAmount', currency),
      taxTotal: amount(summation, 'TaxTotalAmount', currency),
      grandTotal: amount(summation, 'GrandTotalAmount', currency),
      prepaid: amount(summation, 'TotalPrepaidAmount', currency),
      rounding: amount(summation, 'RoundingAmount', currency),
      due: amount(summation, 'DuePayableAmount', currency),
    },
  };
}
