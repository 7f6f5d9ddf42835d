// The documents page's texts in English and German, and each kind of document by name.
import { defineMessages } from '../../i18n/define';

export const documentTexts = defineMessages(
  {
    title: 'Documents',
    kindFilter: 'Kind',
    kind: (kind: string) =>
      ({
        invoice: 'Invoice',
        payout_statement: 'Self-billing statement',
        engagement_report: 'Engagement report',
      })[kind] ?? kind,
    empty: 'No documents yet',
    emptyExpert: 'Each payout comes with its self-billing statement; completed engagements with a report.',
    emptyCompany: 'Each billed period comes with its invoice; completed engagements with a report.',
    document: 'Document',
    issued: 'Issued',
    total: 'Total',
    engagement: 'Engagement',
    pdf: (number: string) => `PDF ${number}`,
  },
  {
    title: 'Dokumente',
    kindFilter: 'Art',
    kind: (kind: string) =>
      ({
        invoice: 'Rechnung',
        payout_statement: 'Gutschrift',
        engagement_report: 'Auftragsbericht',
      })[kind] ?? kind,
    empty: 'Noch keine Dokumente',
    emptyExpert: 'Zu jeder Auszahlung gehört eine Gutschrift, zu jedem abgeschlossenen Auftrag ein Bericht.',
    emptyCompany:
      'Zu jedem abgerechneten Zeitraum gehört eine Rechnung, zu jedem abgeschlossenen Auftrag ein Bericht.',
    document: 'Dokument',
    issued: 'Ausgestellt',
    total: 'Summe',
    engagement: 'Auftrag',
    pdf: (number: string) => `PDF ${number}`,
  },
);
