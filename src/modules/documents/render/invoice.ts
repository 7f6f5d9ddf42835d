// The company's invoice for a billed period: the platform bills the period of the engagement the expert
// serves, with VAT at the platform's rate or the reverse-charge note.
import type { InvoiceContent, Party } from '../content';
import { CONTENT_WIDTH, Layout, MARGIN } from '../pdf/layout';
import { formatAmount, formatRate } from '../vat';

export const partyLines = (party: Party) => [
  party.name,
  ...party.lines,
  ...(party.vat_id ? [`USt-IdNr. / VAT ID: ${party.vat_id}`] : []),
  ...(party.tax_number ? [`Steuernummer / Tax no.: ${party.tax_number}`] : []),
];

export const day = (iso: string) => iso.slice(0, 10);

export async function renderInvoice(number: string, issuedAt: string, c: InvoiceContent) {
  const money = (minor: number) => formatAmount(minor, c.currency);
  const page = await Layout.create({
    title: `Rechnung / Invoice ${number}`,
    subject: `${c.engagement.title}, ${c.period.start} – ${c.period.end}`,
    author: c.seller.name,
    issuedAt,
  });
  page.line(c.seller.name, { size: 9, gray: 0.4 });
  page.gap(8);
  page.line('Rechnung / Invoice', { size: 20, bold: true });
  page.gap(6);
  page.blocks([
    { x: MARGIN, heading: 'Rechnungsempfänger / Bill to', lines: partyLines(c.buyer) },
    { x: MARGIN + CONTENT_WIDTH / 2, heading: 'Rechnungssteller / From', lines: partyLines(c.seller) },
  ]);
  page.pairs([
    ['Rechnungsnummer / Invoice no.', number],
    ['Rechnungsdatum / Date', day(issuedAt)],
    ['Leistungszeitraum / Service period', `${c.period.start} – ${c.period.end}`],
    ['Zahlung / Payment', c.payment_id],
  ]);
  page.gap(10);
  page.line(`Leistungserbringer / Service rendered by: ${c.provider.name}`, { size: 8.5 });
  page.line(`${c.provider.lines.join(', ')}`, { size: 8.5, gray: 0.3 });
  page.gap(8);
  page.table(
    [
      { label: 'Beschreibung / Description', width: CONTENT_WIDTH - 230 },
      { label: 'Netto', width: 80, align: 'right' },
      { label: 'USt', width: 70, align: 'right' },
      { label: 'Brutto', width: 80, align: 'right' },
    ],
    [[c.description, money(c.totals.net), money(c.totals.vat), money(c.totals.gross)]],
  );
  page.pairs([
    ['Nettobetrag / Net amount', money(c.totals.net)],
    [
      c.vat.mode === 'standard' ? `Umsatzsteuer / VAT ${formatRate(c.vat.rate_bps)}` : 'Umsatzsteuer / VAT',
      money(c.totals.vat),
    ],
  ]);
  page.pairs([['Gesamtbetrag / Total', money(c.totals.gross)]], { bold: true, size: 10 });
  page.gap(12);
  if (c.vat.note) page.line(c.vat.note, { size: 8.5, bold: true });
  page.line(
    'Der Betrag wird über die hinterlegte Zahlungsart eingezogen. / Collected with your payment method.',
    {
      size: 8,
      gray: 0.3,
    },
  );
  return page.save(`${c.seller.name} · ${number}`);
}
