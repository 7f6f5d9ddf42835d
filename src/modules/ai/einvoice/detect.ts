// Recognising an e-invoice by its root element, without parsing the whole document.
import { xmlRootName } from '../xml';

const ROOTS = ['CrossIndustryInvoice', 'CrossIndustryDocument', 'Invoice', 'CreditNote'] as const;
export type EInvoiceRoot = (typeof ROOTS)[number];

export function isEInvoiceRoot(name: string): name is EInvoiceRoot {
  return (ROOTS as readonly string[]).includes(name);
}

/** Whether an XML text's root element (namespace prefix ignored) is CII, ZUGFeRD 1.0 or UBL. */
export function looksLikeEInvoice(xml: string): boolean {
  const root = xmlRootName(xml);
  return root !== undefined && isEInvoiceRoot(root);
}
