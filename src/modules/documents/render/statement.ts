// The expert's self-billing statement (Gutschrift, § 14 Abs. 2 Satz 2 UStG) for a payout: issued by the
// platform in the expert's name, with the expert's tax number or VAT ID, every ledger entry the payout
// covers, the fees retained, and VAT, the reverse-charge note or the small-business note.
import type { StatementContent } from '../content';
import { CONTENT_WIDTH, Layout, MARGIN } from '../pdf/layout';
import { formatAmount, formatRate } from '../vat';
import { day, partyLines } from './invoice';

const KIND_LABELS: Record<string, string> = {
  payment: 'Zahlung / Payment',
  refund: 'Erstattung / Refund',
  dispute: 'Rückbuchung / Dispute',
  dispute_won: 'Rückbuchung gewonnen / Dispute won',
};

export async function renderStatement(number: string, issuedAt: string, c: StatementContent) {
  const money = (minor: number) => formatAmount(minor, c.currency);
  const page = await Layout.create({
    title: `Gutschrift / Self-billing statement ${number}`,
    subject: `Payout ${c.payout.week}`,
    author: c.recipient.name,
    issuedAt,
  });
  page.line(`${c.recipient.name} · im Namen und für Rechnung von / on behalf of ${c.supplier.name}`, {
    size: 8.5,
    gray: 0.4,
  });
  page.gap(8);
  page.line('Gutschrift', { size: 20, bold: true });
  page.line('Self-billing statement (§ 14 Abs. 2 Satz 2 UStG)', { size: 10 });
  page.gap(6);
  page.blocks([
    { x: MARGIN, heading: 'Leistender / Supplier', lines: partyLines(c.supplier) },
    {
      x: MARGIN + CONTENT_WIDTH / 2,
      heading: 'Leistungsempfänger / Recipient',
      lines: partyLines(c.recipient),
    },
  ]);
  page.pairs([
    ['Gutschriftsnummer / Statement no.', number],
    ['Ausstellungsdatum / Date of issue', day(issuedAt)],
    ['Leistungszeitraum / Service period', `${c.period.start} – ${c.period.end}`],
    ['Auszahlung / Payout', c.payout.id],
  ]);
  page.gap(10);
  page.table(
    [
      { label: 'Datum', width: 62 },
      { label: 'Art', width: 92 },
      { label: 'Engagement', width: CONTENT_WIDTH - 368 },
      { label: 'Zahlung', width: 74, align: 'right' },
      { label: 'Gebühr', width: 66, align: 'right' },
      { label: 'Betrag', width: 74, align: 'right' },
    ],
    c.entries.map((e) => [
      e.date,
      KIND_LABELS[e.kind] ?? e.kind,
      e.engagement,
      e.paid === null ? '' : money(e.paid),
      e.fee === null ? '' : money(-e.fee),
      money(e.amount),
    ]),
  );
  page.pairs([
    ['Plattformgebühr (einbehalten) / Fee retained', money(c.fees)],
    ['Nettobetrag / Net amount', money(c.totals.net)],
    [
      c.vat.mode === 'standard' ? `Umsatzsteuer / VAT ${formatRate(c.vat.rate_bps)}` : 'Umsatzsteuer / VAT',
      money(c.totals.vat),
    ],
  ]);
  page.pairs([['Gutschriftsbetrag / Total credited', money(c.totals.gross)]], { bold: true, size: 10 });
  page.gap(12);
  if (c.vat.note) page.line(c.vat.note, { size: 8.5, bold: true });
  page.line(
    'Gutschrift im Sinne des § 14 Abs. 2 Satz 2 UStG. Widerspricht der Leistende, verliert sie ihre',
    {
      size: 8,
      gray: 0.3,
    },
  );
  page.line('Wirkung als Rechnung. / Issued by the recipient under a self-billing agreement.', {
    size: 8,
    gray: 0.3,
  });
  return page.save(`${c.recipient.name} · ${number}`);
}
