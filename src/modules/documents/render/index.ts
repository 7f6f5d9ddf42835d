// One entry for every kind: the stored content (validated) rendered with the document's number and issue time.
import { contentSchemas, type DocumentKind } from '../content';
import { renderInvoice } from './invoice';
import { renderReport } from './report';
import { renderStatement } from './statement';

export function renderDocument(
  kind: DocumentKind,
  number: string,
  issuedAt: string,
  content: unknown,
): Promise<Uint8Array> {
  switch (kind) {
    case 'invoice':
      return renderInvoice(number, issuedAt, contentSchemas.invoice.parse(content));
    case 'payout_statement':
      return renderStatement(number, issuedAt, contentSchemas.payout_statement.parse(content));
    case 'engagement_report':
      return renderReport(number, issuedAt, contentSchemas.engagement_report.parse(content));
  }
}
