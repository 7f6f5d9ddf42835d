// What each upload purpose accepts: byte limit and allowed types (checked against the sniffed type).
import { looksLikeEInvoice } from '../ai/einvoice/detect';
import { looksLikeNotice } from '../ai/notices/detect';
import { MIME, type Mime } from './sniff';

export const PURPOSES = ['rfp', 'invoice', 'attachment', 'avatar'] as const;
export type Purpose = (typeof PURPOSES)[number];

const MB = 1024 * 1024;

export interface UploadPolicy {
  maxBytes: number;
  types: readonly Mime[];
  /** XML is only accepted as the structured document the purpose's reader knows, judged by its root element. */
  xml?: { accepts: (head: string) => boolean; expected: string };
}

export const UPLOAD_POLICIES: Record<Purpose, UploadPolicy> = {
  rfp: {
    maxBytes: 50 * MB,
    types: [MIME.pdf, MIME.docx, MIME.xml],
    xml: {
      accepts: looksLikeNotice,
      expected:
        'an EU eForms procurement notice (a ContractNotice, PriorInformationNotice or ContractAwardNotice)',
    },
  },
  invoice: {
    maxBytes: 20 * MB,
    types: [MIME.pdf, MIME.png, MIME.jpeg, MIME.xml],
    xml: {
      accepts: looksLikeEInvoice,
      expected:
        'an e-invoice: expected a UBL 2.1 Invoice or CreditNote, or a UN/CEFACT Cross Industry Invoice (ZUGFeRD, Factur-X, XRechnung)',
    },
  },
  attachment: {
    maxBytes: 100 * MB,
    types: [MIME.pdf, MIME.png, MIME.jpeg, MIME.webp, MIME.gif, MIME.zip, MIME.docx],
  },
  avatar: { maxBytes: 5 * MB, types: [MIME.png, MIME.jpeg, MIME.webp] },
};

/** Claimed types that say nothing about the content, so they never contradict the bytes. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Whether a client's claimed type is compatible with the detected one (a DOCX is also a ZIP). */
export function claimMatches(claimed: string | undefined, detected: Mime): boolean {
  const type = (claimed ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (GENERIC_TYPES.has(type)) return true;
  if (type === 'image/jpg') return detected === MIME.jpeg;
  if (type === 'text/xml') return detected === MIME.xml;
  if (type === 'application/x-zip-compressed') return detected === MIME.zip || detected === MIME.docx;
  if (type === MIME.zip) return detected === MIME.zip || detected === MIME.docx;
  return type === detected;
}
