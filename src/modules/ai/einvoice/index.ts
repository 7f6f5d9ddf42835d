// E-invoices (EN 16931): recognising the XML syntax by its root element and reading it into the EInvoice
// model. Plain XML uploads and XML embedded in PDFs (ZUGFeRD / Factur-X) both arrive here.

import { parseXml, type XNode } from '../xml';
import { readCii } from './cii';
import { type EInvoiceRoot, isEInvoiceRoot } from './detect';
import type { EInvoice } from './model';
import { readUbl } from './ubl';

export { XmlDocumentError } from '../xml';
export { en16931Checks } from './checks';
export { looksLikeEInvoice } from './detect';
export { type EInvoice, UNITS, unitsToMinor } from './model';
export { embeddedInvoiceXml } from './pdf';

const READERS: Record<EInvoiceRoot, (root: string, node: XNode) => EInvoice> = {
  CrossIndustryInvoice: readCii,
  CrossIndustryDocument: readCii,
  Invoice: readUbl,
  CreditNote: readUbl,
};

/** The e-invoice in an XML text, or null when its root is not CII or UBL. Throws XmlDocumentError. */
export function readEInvoice(xml: string): EInvoice | null {
  const { root, node } = parseXml(xml);
  return isEInvoiceRoot(root) ? READERS[root](root, node) : null;
}
