// Recognising an EU eForms procurement notice (the UBL 2.3 based XML that TED publishes since 2023) by its
// root element, without parsing the whole document.
import { xmlRootName } from '../xml';

const ROOTS = ['ContractNotice', 'PriorInformationNotice', 'ContractAwardNotice'] as const;
export type NoticeRoot = (typeof ROOTS)[number];

export function isNoticeRoot(name: string): name is NoticeRoot {
  return (ROOTS as readonly string[]).includes(name);
}

/** Whether an XML text is an eForms notice: a contract notice, prior information notice or award notice. */
export function looksLikeNotice(xml: string): boolean {
  const root = xmlRootName(xml);
  return root !== undefined && isNoticeRoot(root);
}
